"""Metrics stay right when several worker processes serve: a scrape of any one sums them all.

Two server processes on 127.0.0.1 stand in for the workers ``rankledger serve`` starts: they share
``PROMETHEUS_MULTIPROC_DIR`` as the workers inherit it, each answers part of the requests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

_SERVER = """
import sys
from pathlib import Path
import uvicorn
from service.app import create_app
from service.settings import Settings
app = create_app(Settings(data_dir=Path(sys.argv[1])))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", log_config=None)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server process exited"
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer in time")


@pytest.fixture
def two_workers(seeded_data_dir: Path, tmp_path: Path) -> Iterator[list[str]]:
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen([sys.executable, "-c", _SERVER, str(seeded_data_dir), str(port)], env=env)
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        deadline = time.monotonic() + 60
        for url, process in zip(urls, processes, strict=True):
            _wait_until_up(f"{url}/healthz", process, deadline)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _requests_total(exposition: str, path: str) -> float:
    series = (
        f'rankledger_requests_total{{app_name="rankledger",method="GET",path="{path}",status_code="200"}}'
    )
    return sum(
        float(line.rsplit(" ", 1)[1]) for line in exposition.splitlines() if line.startswith(series + " ")
    )


def test_a_scrape_of_either_worker_counts_the_requests_of_both(two_workers: list[str]) -> None:
    first, second = two_workers
    for _ in range(3):
        assert httpx.get(f"{first}/v1/sources").status_code == 200
    for _ in range(2):
        assert httpx.get(f"{second}/v1/sources").status_code == 200

    scraped = [httpx.get(f"{url}/metrics").text for url in two_workers]

    assert [_requests_total(text, "/v1/sources") for text in scraped] == [5.0, 5.0]
    assert all("rankledger_generation_age_seconds " in text for text in scraped)
