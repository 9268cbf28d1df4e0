"""The dashboard's pages over the warehouse built from seeds/: each shows what the API behind it says."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.service.web._html import read_page

Client = TestClient[Litestar]


def _page(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return read_page(response.text)


def _chart(client: Client, url: str) -> list[dict[str, Any]]:
    match = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', client.get(url).text)
    assert match is not None
    series: list[dict[str, Any]] = json.loads(match.group(1))["series"]
    return series


def _number(cell: str) -> float:
    return float(cell.replace(",", ""))


DASH = "\u2013"
"""The pages join interval ends with an en dash and show it in empty cells."""


def _rank_span(best: int | None, worst: int | None) -> str:
    if best is None:
        return DASH
    return str(best) if worst in (None, best) else f"{best}{DASH}{worst}"


def test_home_lists_every_board_with_its_current_leader(client: Client) -> None:
    page = _page(client, "/")
    boards = client.get("/v1/boards").json()["items"]
    board_links = {href for href, _ in page.links if href.startswith("/boards/")}
    assert board_links == {f"/boards/{b['board_id']}" for b in boards}
    assert len(board_links) == 213

    rows = {row[0]: row for table in page.tables for row in table.rows}
    reigns = client.get("/v1/leaders", params={"board": "lmarena.text.overall.style_control"}).json()["items"]
    leaders = rows["lmarena.text.overall.style_control"][2]
    assert leaders == ", ".join(reigns[-1]["model_ids"]) + " tied"  # four co-leaders on 2026-08-21
    assert rows["aider.polyglot.overall.default"][1:4] == ["2025-10-04", "gpt-5", "69"]


def test_home_search_resolves_a_source_spelling_to_its_model(client: Client) -> None:
    page = _page(client, "/?q=Gemini 3 Pro Preview (high)")  # Artificial Analysis' spelling
    results = page.tables[0].rows
    assert results[0][0] == "Gemini 3 Pro gemini-3-pro"
    assert ("/models/gemini-3-pro", "Gemini 3 Pro") in page.links
    assert "/v1/models?q=Gemini+3+Pro+Preview+%28high%29" in page.api_links


def test_board_page_shows_the_board_as_of_a_day_in_rank_order(client: Client) -> None:
    """Who led LMArena (text, without style control) in March 2025."""
    page = _page(client, "/boards/lmarena.text.overall.raw?as_of=2025-03-15")
    api = client.get("/v1/boards/lmarena.text.overall.raw/leaderboard", params={"as_of": "2025-03-15"}).json()
    assert api["snapshot"]["published_at"] == "2025-03-12"
    rows = page.tables[0].rows
    assert [r[1] for r in rows[:3]] == ["Grok-3-Preview-02-24", "GPT-4.5-Preview", "chocolate (Early Grok-3)"]
    assert [r[0] for r in rows[:3]] == ["1", "1", "1"]
    assert len(rows) == len(api["items"])
    by_name = {r[1]: r for r in rows}
    for item in api["items"]:
        row = by_name[item["model_name"]]
        assert _number(row[2]) == item["score"]
        assert row[4] == _rank_span(item["rank_best"], item["rank_worst"])
    ranks = [int(r[0]) for r in rows]
    assert ranks == sorted(ranks)


def test_board_page_marks_preliminary_rows_intervals_and_movement(client: Client) -> None:
    board = "lmarena.text.overall.style_control"
    page = _page(client, f"/boards/{board}?as_of=2025-11-20")
    rows = {r[1].removesuffix(" preliminary"): r for r in page.tables[0].rows}
    top = rows["gemini-3-pro"]
    assert top[1] == "gemini-3-pro preliminary"
    assert top[2:5] == ["1,498", f"1,487{DASH}1,509", f"1{DASH}2"]

    movement = client.get(
        f"/v1/boards/{board}/movement", params={"from": "2025-10-21", "to": "2025-11-20"}
    ).json()
    assert movement["from_snapshot"]["published_at"] == "2025-10-20"
    for line in movement["items"]:
        if line["status"] == "dropped":
            continue
        cell = rows[line["model_name"]][-1]
        if line["status"] == "new":
            assert cell == "new"
        elif not line["rank_delta"]:
            assert cell == "="
        else:
            significant = line["significance"] != "within_noise"
            arrow = ("▲" if significant else "△") if line["rank_delta"] > 0 else ("▼" if significant else "▽")
            assert cell == f"{arrow} {abs(line['rank_delta'])}", line
    assert rows["gemini-2.5-pro"][-1] == "▽ 2"
    assert f"/v1/boards/{board}/movement?from=2025-10-21&to=2025-11-20" in page.api_links
    assert f"/boards/{board}/leaders" in {href for href, _ in page.links}


def test_leaders_page_lists_every_reign_newest_first(client: Client) -> None:
    page = _page(client, "/boards/lmarena.text.overall.style_control/leaders")
    reigns = client.get("/v1/leaders", params={"board": "lmarena.text.overall.style_control"}).json()["items"]
    rows = page.tables[0].rows
    assert len(rows) == len(reigns) == 30
    assert [r[0] for r in rows] == [r["first_day"] for r in reversed(reigns)]
    assert rows[0][3] == ", ".join(reigns[-1]["model_ids"])


def test_model_page_standings_are_the_api_rows(client: Client) -> None:
    page = _page(client, "/models/gemini-3-pro")
    standings = client.get("/v1/models/gemini-3-pro").json()["standings"]
    rows = page.table("standings")
    assert len(rows) == len(standings) == 180
    for row, s in zip(rows, standings, strict=True):
        assert row[:3] == [s["board_id"], s["variant"] or "", s["published_at"]]
        assert row[3] == ("" if s["rank"] is None else str(s["rank"]))
        assert row[4] == _rank_span(s["rank_best"], s["rank_worst"])
        assert _number(row[5]) == pytest.approx(s["score"], abs=5e-5)
        assert row[7] == ("" if s["votes"] is None else f"{s['votes']:,}")
        assert row[8] == ("preliminary" if s["preliminary"] else "")
    claims = client.get("/v1/models/gemini-3-pro").json()["claims"]
    assert [r[1] for r in page.tables[1].rows] == [c["summary"] for c in claims]


def test_model_page_charts_every_board_of_its_history(client: Client) -> None:
    series = _chart(client, "/models/gemini-3-pro")
    history = client.get("/v1/models/gemini-3-pro/history").json()["items"]
    assert {(s["board_id"], s["variant"]) for s in series} == {(p["board_id"], p["variant"]) for p in history}
    assert sum(s["show"] for s in series) == 8
    text = next(s for s in series if s["board_id"] == "lmarena.text.overall.style_control")
    points = [p for p in history if p["board_id"] == "lmarena.text.overall.style_control"]
    assert text["show"]
    assert text["best"] == [p["rank_best"] for p in points]
    assert [i for i, p in enumerate(points) if p["preliminary"]] == text["preliminary"] == [0, 1, 2, 3]


def test_model_page_variant_narrows_the_chart(client: Client) -> None:
    series = _chart(client, "/models/gemini-3-pro?variant=high")
    assert series
    assert {s["variant"] for s in series} == {"high"}
    assert {s["board_id"].split(".")[0] for s in series} == {"artificial-analysis"}


def test_compare_page_charts_the_models_on_a_shared_board(client: Client) -> None:
    page = _page(client, "/compare?models=gemini-3-pro,gpt-5.1")
    api = client.get("/v1/compare", params={"models": "gemini-3-pro,gpt-5.1"}).json()
    summary = api["summary"][0]
    head_to_head = page.tables[1].rows
    assert head_to_head == [["gemini-3-pro", "gpt-5.1", "98", "24", "12", "134"]]
    assert [summary["ahead"], summary["statistically_tied"], summary["behind"]] == [98, 24, 12]
    series = _chart(client, "/compare?models=gemini-3-pro,gpt-5.1")
    assert [s["label"] for s in series] == ["gemini-3-pro", "gpt-5.1"]
    assert {s["board_id"] for s in series} == {"lmarena.text.overall.style_control"}
    verdicts = page.tables[0].rows
    assert len(verdicts) == 1
    assert verdicts[0][1:4] == ["gemini-3-pro", "ahead", "gpt-5.1"]


def test_compare_page_needs_two_to_five_models(client: Client) -> None:
    examples = _page(client, "/compare")
    assert "/compare?models=gemini-3-pro%2Cgpt-5.1" in {href for href, _ in examples.links}
    error = _page(client, "/compare?models=gemini-3-pro", status=400)
    assert "This page cannot read its parameters" in error.title


def test_claims_pages_show_verdicts_and_the_snapshots_behind_them(client: Client) -> None:
    claims = client.get("/v1/claims").json()["items"]
    rows = _page(client, "/claims").tables[0].rows
    assert len(rows) == len(claims) == 14
    assert sorted(r[2] for r in rows) == sorted(c["status"].replace("_", " ") for c in claims)

    page = _page(client, "/claims/google-gemini-3-pro-tops-lmarena-text-1501")
    check = page.tables[0].rows[0]
    assert check[:2] == ["lmarena.text.overall.style_control", "supported"]
    assert check[2].startswith("2025-11-19: gemini-3-pro rank 1, 1501, preliminary")
    links = {href for href, _ in page.links}
    assert "/boards/lmarena.text.overall.style_control?as_of=2025-11-19" in links
    assert "/v1/boards/lmarena.text.overall.style_control/leaderboard?as_of=2025-11-18" in links


def test_unknown_ids_get_an_html_page_with_the_status(client: Client) -> None:
    assert "No model 'no-such-model'" in _page(client, "/models/no-such-model", status=404).title
    assert "No board 'no.such.board'" in _page(client, "/boards/no.such.board", status=404).title
    assert _page(client, "/boards/lmarena.text.overall.raw?as_of=someday", status=400)


PAGES = (
    "/",
    "/?q=gpt-4o",
    "/boards/lmarena.text.overall.style_control?as_of=2025-11-20",
    "/boards/lmarena.text.overall.style_control/leaders",
    "/models/gemini-3-pro?variant=high",
    "/compare?models=gemini-3-pro,gpt-5.1",
    "/claims?status=supported",
    "/claims/google-gemini-3-pro-tops-lmarena-text-1501",
)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_links_to_the_api_urls_behind_it(client: Client, url: str) -> None:
    page = _page(client, url)
    assert page.api_links
    for api_url in page.api_links:
        assert api_url.startswith("/v1/")
        assert client.get(api_url).status_code == 200, api_url


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_nothing_from_another_host(client: Client, url: str) -> None:
    assets = _page(client, url).assets
    assert assets
    assert all(a.startswith(("/", "data:")) and not a.startswith("//") for a in assets), assets


def test_pages_stay_out_of_the_openapi_document(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert all(path.startswith(("/v1/", "/healthz", "/openapi.json")) for path in paths)


def test_model_page_weighs_at_most_150_kb_transferred(client: Client) -> None:
    """Gzip-compressed bytes of the page and everything it loads (the browser test measures the same
    in chromium, headers included)."""
    page = client.get("/models/gemini-3-pro", headers={"accept-encoding": "gzip"})
    total = page.num_bytes_downloaded
    for asset in read_page(page.text).assets:
        if asset.startswith("/"):
            response = client.get(asset, headers={"accept-encoding": "gzip"})
            assert response.status_code == 200
            total += response.num_bytes_downloaded
    print(f"model page gemini-3-pro: {total} bytes transferred (gzip)")
    assert total <= 150_000
