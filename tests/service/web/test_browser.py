"""The dashboard in a real browser: Debian's chromium driven by Playwright, against the app served
by ``rankledger serve`` in its own process over the warehouse built from seeds/.

Chromium comes from apt (``make chromium``, part of ``make test``); Playwright only drives it
(``executable_path``), it never downloads a browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from tests.servers import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MODEL = "gemini-3-pro"


@pytest.fixture(scope="module")
def server(seeded_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``rankledger serve`` on a free port over the seeded warehouse; its base URL."""
    with serving(seeded_data_dir, tmp_path_factory.mktemp("server")) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs it (apt-get install chromium, as root)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


class Watch:
    """What a page did: console errors, uncaught exceptions, every request."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.requests: list[Request] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("request", self._request)  # a bound method: Playwright cannot wrap list.append

    def _request(self, request: Request) -> None:
        self.requests.append(request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def hosts(self) -> set[str]:
        return {urlsplit(r.url).netloc for r in self.requests if not r.url.startswith("data:")}

    def transferred_bytes(self) -> int:
        """Bytes over the wire (headers and encoded bodies) of every response."""
        total = 0
        for request in self.requests:
            sizes = request.sizes()
            total += sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
        return total


def test_model_page_draws_the_rank_history_of_its_boards(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    watch = Watch(page)
    page.goto(f"{server}/models/{MODEL}")
    page.wait_for_selector("#chart[data-ready=true] canvas")
    page.screenshot(path=tmp_path / f"model-{MODEL}.png")

    history = httpx.get(f"{server}/v1/models/{MODEL}/history").json()["items"]
    legend = page.locator("#chart-legend .name").evaluate_all("names => names.map(n => n.textContent)")
    assert {label.split(" · ")[0] for label in legend} == {p["board_id"] for p in history}
    drawn = page.locator("#chart-legend input:checked + .swatch + .name").all_inner_texts()
    assert drawn[0] == "lmarena.text.overall.style_control"
    assert len(drawn) == 8

    standings = httpx.get(f"{server}/v1/models/{MODEL}").json()["standings"]
    rows = page.locator("#standings tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
    )
    assert [r[:3] for r in rows] == [
        [s["board_id"], s["variant"] or "", s["published_at"]] for s in standings
    ]
    assert [r[3] for r in rows] == ["" if s["rank"] is None else str(s["rank"]) for s in standings]
    scores = [float(r[5].replace(",", "")) for r in rows]  # shown to 4 decimals
    assert scores == pytest.approx([s["score"] for s in standings], abs=5e-5)

    # another board drawn from the legend, and the readout names the line under the pointer
    page.locator("#chart-legend details summary").click()
    page.locator("#chart-legend details input").first.check()
    box = page.locator("#chart .u-over").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.03, box["y"] + 4)
    assert "lmarena.text.overall.style_control" in page.locator("#chart-readout").inner_text()

    assert watch.errors == []
    assert watch.hosts() == {urlsplit(server).netloc}
    transferred = watch.transferred_bytes()
    print(f"model page {MODEL}: {transferred} bytes transferred in chromium; screenshot {tmp_path}")
    assert transferred <= 150_000
    assert (tmp_path / f"model-{MODEL}.png").stat().st_size > 20_000
    page.close()


def test_a_model_chart_is_two_clicks_from_home(server: str, browser: Browser) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(f"{server}/")
    page.get_by_role("link", name="lmarena.text.overall.style_control", exact=True).first.click()
    page.wait_for_url("**/boards/lmarena.text.overall.style_control")
    page.locator("table.leaderboard td.model a").first.click()
    page.wait_for_url("**/models/**")
    page.wait_for_selector("#chart[data-ready=true] canvas")

    page.goto(f"{server}/")
    page.locator("form.bigsearch input[name=q]").fill("Gemini 3 Pro Preview (high)")
    page.locator("form.bigsearch button").click()
    page.get_by_role("link", name="Gemini 3 Pro", exact=True).click()
    page.wait_for_url(f"**/models/{MODEL}")
    page.wait_for_selector("#chart[data-ready=true] canvas")
    assert watch.errors == []
    assert watch.hosts() == {urlsplit(server).netloc}
    page.close()
