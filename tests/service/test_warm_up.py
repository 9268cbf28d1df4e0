"""A worker answers a history and a leaderboard to itself before it takes requests: not counted,
not logged, not cached."""

from __future__ import annotations

from pathlib import Path

from litestar.testing import TestClient

from service.app import create_app
from service.response_cache import ResponseCache
from service.settings import Settings
from service.warm_up import warm_up_paths


def _counted(scrape: str) -> float:
    """Requests counted on the history and leaderboard routes (the registry is the process's)."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in scrape.splitlines()
        if line.startswith("rankledger_requests_total{") and ("/history" in line or "/leaderboard" in line)
    )


def test_the_warm_up_requests_leave_no_trace_in_cache_or_metrics(
    seeded_data_dir: Path,
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    before = _counted(client.get("/metrics").text)
    app = create_app(Settings(data_dir=seeded_data_dir))

    with TestClient(app=app):
        cache: ResponseCache = app.state.response_cache
        held, looked_up = len(cache), cache.hits + cache.misses
    after = _counted(client.get("/metrics").text)

    assert (held, looked_up) == (0, 0)
    assert after == before


def test_it_asks_for_a_real_history_and_its_board(seeded_data_dir: Path) -> None:
    app = create_app(Settings(data_dir=seeded_data_dir))

    with TestClient(app=app) as client:
        index = app.state.served_indexes.get(
            client.get("/healthz").json()["generation"],
            None,
            None,  # held since start-up
        )
        sample = index.sample()
        assert sample is not None
        answers = [client.get(path, params=query.decode()) for path, query in warm_up_paths(*sample)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    assert answers[0].json()["items"]
    assert answers[3].headers["content-type"].startswith("text/csv")
