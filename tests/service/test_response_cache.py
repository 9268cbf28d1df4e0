"""The response cache: hits are byte-identical to what the handlers send, and never stale."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from litestar.types import Message, Receive, Scope, Send

from ingest.runner import import_paths
from service.app import create_app
from service.http_semantics import GENERATION_STATE_KEY
from service.response_cache import CachedResponse, ResponseCache, ResponseCacheMiddleware
from service.settings import Settings
from tests.conftest import SEEDS

STYLE = "lmarena.text.overall.style_control"
URLS = [
    f"/v1/boards/{STYLE}/leaderboard?as_of=2025-11-19&limit=20",
    "/v1/models/gpt-4o-2024-05-13/history?board=lmarena.text.overall.raw",
    "/v1/models/gpt-4o-2024-05-13/history?board=lmarena.text.overall.raw&format=csv",
    f"/v1/boards/{STYLE}/movement?from=2025-11-14&to=2025-11-21",
    "/v1/compare?models=gemini-3-pro,gpt-5.1&as_of=2025-12-01",
    "/v1/leaders?board=lmarena.text.overall.raw&format=csv",
]
VARIANTS = {
    "json": {},
    "gzip": {"Accept-Encoding": "gzip"},
    "csv by Accept, gzip": {"Accept": "text/csv", "Accept-Encoding": "gzip"},
}
_PER_RESPONSE = {"date", "server-timing", "x-request-id"}


@pytest.fixture(scope="module")
def uncached(seeded_data_dir: Path) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=create_app(Settings(data_dir=seeded_data_dir, cache_mb=0))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def cached(seeded_data_dir: Path) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=create_app(Settings(data_dir=seeded_data_dir))) as test_client:
        yield test_client


def _raw(
    client: TestClient[Litestar], url: str, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes, str]:
    """Status, headers (without the per-response ones), the body as sent (still gzipped), cache outcome."""
    with client.stream("GET", url, headers=headers) as response:
        body = b"".join(response.iter_raw())
        timing = response.headers.get("server-timing", "")
        kept = {k: v for k, v in response.headers.items() if k not in _PER_RESPONSE}
        outcome = timing.rpartition("cache;desc=")[2] if "cache" in timing else ""
        return response.status_code, kept, body, outcome


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_hit_is_byte_identical_to_the_uncached_response(
    cached: TestClient[Litestar],
    uncached: TestClient[Litestar],
    url: str,
    variant: str,
) -> None:
    headers = VARIANTS[variant]
    reference = _raw(uncached, url, headers)
    first = _raw(cached, url, headers)
    second = _raw(cached, url, headers)

    assert reference[0] == 200
    assert second[3] == "hit"
    assert first[:3] == reference[:3]
    assert second[:3] == reference[:3]
    if "gzip" in variant:
        assert second[1]["content-encoding"] == "gzip"


def test_304_is_the_same_with_and_without_the_cache(
    cached: TestClient[Litestar],
    uncached: TestClient[Litestar],
) -> None:
    url = URLS[1]
    etag = cached.get(url).headers["etag"]
    assert cached.get(url).headers["server-timing"].endswith("cache;desc=hit")

    from_cache = _raw(cached, url, {"If-None-Match": etag})
    from_app = _raw(uncached, url, {"If-None-Match": etag})
    stale = _raw(cached, url, {"If-None-Match": 'W/"not-this-one"'})

    assert from_cache[:3] == from_app[:3]
    assert from_cache[0] == 304
    assert (stale[0], stale[3]) == (200, "")  # a revalidation goes to the application


def test_requests_that_differ_in_what_decides_the_representation_are_kept_apart(
    cached: TestClient[Litestar],
) -> None:
    base = f"/v1/leaders?board={STYLE}"
    as_json = cached.get(base)
    as_csv = cached.get(base, headers={"Accept": "text/csv"})
    reordered = cached.get(f"/v1/leaders?format=csv&board={STYLE}")
    as_csv_again = cached.get(base + "&format=csv")

    assert as_json.headers["content-type"] == "application/json"
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv_again.text == reordered.text
    assert reordered.headers["server-timing"].endswith("cache;desc=miss")
    assert as_csv_again.headers["server-timing"].endswith("cache;desc=hit")


def test_errors_and_health_are_never_cached(cached: TestClient[Litestar]) -> None:
    for url in ("/v1/boards/no.such.board/leaderboard", "/healthz", "/v1/boards?nope=1"):
        cached.get(url)
        timing = cached.get(url).headers["server-timing"]
        assert "hit" not in timing, url


def _legacy_archive(tmp_path: Path, name: str) -> Path:
    legacy = SEEDS / "snapshots" / "lmarena_fboulnois_csv"
    folder = tmp_path / f"archive-{name}" / "lmarena_fboulnois_csv"
    (folder / "lmsys").mkdir(parents=True)
    shutil.copyfile(legacy / "manifest.csv", folder / "manifest.csv")
    shutil.copyfile(legacy / "lmsys" / name, folder / "lmsys" / name)
    return folder


def test_a_request_that_starts_after_a_publish_never_gets_the_previous_generation(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [_legacy_archive(tmp_path, "lmsys_2024-06-19.csv")])
    url = "/v1/boards/lmarena.text.overall.raw/leaderboard?limit=5"
    # (request start, date served) for every request, and when each publish had completed
    served: list[tuple[float, str]] = []
    published: list[tuple[float, str]] = []
    stop = threading.Event()

    with TestClient(app=create_app(Settings(data_dir=data_dir))) as client:

        def hammer() -> None:
            while not stop.is_set():
                started = time.monotonic()
                response = client.get(url)
                served.append((started, response.json()["snapshot"]["published_at"]))

        workers = [threading.Thread(target=hammer) for _ in range(3)]
        for worker in workers:
            worker.start()
        try:
            for name in ("lmsys_2024-07-07.csv", "lmsys_2024-07-10.csv", "lmsys_2024-07-18.csv"):
                time.sleep(0.2)
                assert import_paths(data_dir, [_legacy_archive(tmp_path, name)]).generation
                published.append((time.monotonic(), name.removeprefix("lmsys_").removesuffix(".csv")))
            time.sleep(0.2)
        finally:
            stop.set()
            for worker in workers:
                worker.join()

    assert len(served) > 20
    for completed_at, day in published:
        later = [date for started, date in served if started > completed_at]
        assert later, "no request after the publish"
        assert min(later) >= day, f"a request that started after the {day} publish got {min(later)}"


def _entry(size: int) -> CachedResponse:
    return CachedResponse(status=200, headers=(), body=b"x" * size)


def test_the_cache_is_bounded_in_bytes_and_evicts_the_least_recently_used() -> None:
    cache = ResponseCache(max_bytes=8 * 1000)
    assert cache.get("gen-1", b"a") is None  # the first lookup adopts the generation
    for key in (b"a", b"b", b"c"):
        assert cache.put("gen-1", key, _entry(900))
    assert cache.get("gen-1", b"a") is not None  # a is now the most recently used

    for key in (b"d", b"e", b"f", b"g", b"h", b"i"):
        cache.put("gen-1", key, _entry(900))

    assert cache.bytes_held <= cache.max_bytes
    assert cache.get("gen-1", b"b") is None  # the least recently used went first
    assert cache.get("gen-1", b"a") is not None
    assert not cache.put("gen-1", b"huge", _entry(cache.max_entry_bytes + 1))


def test_a_new_generation_empties_the_cache_and_refuses_older_responses() -> None:
    cache = ResponseCache(max_bytes=1_000_000)
    cache.get("gen-1", b"a")
    cache.put("gen-1", b"a", _entry(10))

    assert cache.get("gen-2", b"a") is None
    assert cache.bytes_held == 0
    # computed on gen-1 by a request still in flight when gen-2 arrived: not kept
    assert not cache.put("gen-1", b"a", _entry(10))
    assert len(cache) == 0


class _OneGeneration:
    current_name = "gen-1"


async def test_the_same_request_arriving_while_it_is_computed_waits_for_that_answer() -> None:
    computed = 0

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal computed
        computed += 1
        await asyncio.sleep(0.05)
        scope["state"][GENERATION_STATE_KEY] = "gen-1"
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/csv")]}
        )
        await send(
            {"type": "http.response.body", "body": b"rank,model\n1,gemini-3-pro\n", "more_body": False}
        )

    middleware = ResponseCacheMiddleware(slow_app, ResponseCache(max_bytes=1_000_000), _OneGeneration())  # type: ignore[arg-type]
    answers: list[list[Any]] = [[] for _ in range(10)]  # the ASGI messages, read by key

    async def ask(sent: list[Any]) -> None:
        async def record(message: Message) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/v1/leaders", "query_string": b"", "headers": []}
        await middleware(scope, _no_body, record)  # type: ignore[arg-type]

    await asyncio.gather(*(ask(sent) for sent in answers))

    assert computed == 1
    assert all(sent[1]["body"] == b"rank,model\n1,gemini-3-pro\n" for sent in answers)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}
