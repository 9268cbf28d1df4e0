"""Metrics stay right when several worker processes serve: a scrape of any one sums them all.

``rankledger serve --workers 2`` starts two worker processes on one port; they share
``PROMETHEUS_MULTIPROC_DIR``, each answers part of the requests, and any one's ``/metrics`` sums
them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import serving


@pytest.fixture
def two_workers(seeded_data_dir: Path, tmp_path: Path) -> Iterator[str]:
    """``rankledger serve --workers 2``: two processes answering on one port."""
    metrics_dir = tmp_path / "metrics"
    with serving(
        seeded_data_dir, tmp_path, workers=2, env={"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    ) as url:
        yield url


def _requests_total(exposition: str, path: str) -> float:
    series = (
        f'rankledger_requests_total{{app_name="rankledger",method="GET",path="{path}",status_code="200"}}'
    )
    return sum(
        float(line.rsplit(" ", 1)[1]) for line in exposition.splitlines() if line.startswith(series + " ")
    )


def test_a_scrape_of_any_worker_counts_the_requests_of_all(two_workers: str, tmp_path: Path) -> None:
    for _ in range(30):  # a new connection each: the workers take them as they come
        assert httpx.get(f"{two_workers}/v1/sources").status_code == 200

    scraped = [httpx.get(f"{two_workers}/metrics").text for _ in range(6)]

    assert [_requests_total(text, "/v1/sources") for text in scraped] == [30.0] * 6
    assert all("rankledger_generation_age_seconds " in text for text in scraped)
    # each process writes its own files into the shared folder: both workers (and the parent they
    # were forked from, which built the app)
    assert len({path.stem.rsplit("_", 1)[1] for path in (tmp_path / "metrics").glob("*.db")}) >= 2
