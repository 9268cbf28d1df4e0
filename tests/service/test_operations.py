"""What an operator sees: ingest runs, freshness in /healthz, Prometheus metrics, request ids, logs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from litestar import Litestar, get
from litestar.testing import TestClient, create_test_client

from ingest.logs import configure_logging
from ingest.run_status import RUNS_FILE
from service.app import create_app
from service.request_log import logging_config, request_context
from service.settings import Settings

ATTEMPT = datetime.now(UTC) - timedelta(hours=2)
OLD_SUCCESS = datetime.now(UTC) - timedelta(days=5)


def _status(source: str, outcome: str, **fields: object) -> dict[str, object]:
    """One source's entry of runs.json, as ``ingest/run_status.py`` writes it."""
    return {
        "source_id": source,
        "last_attempt_at": ATTEMPT,
        "last_success_at": ATTEMPT if outcome == "succeeded" else None,
        "outcome": outcome,
        "formats": [],
        "failed_formats": [],
        "snapshots_added": 0,
        "rows_added": 0,
        "error": None,
        "run_id": 7,
        "runs_total": 1,
        "failures_total": 0,
        "rows_total": 0,
        **fields,
    }


@pytest.fixture
def data_dir(seeded_data_dir: Path, tmp_path: Path) -> Path:
    """The seeded generation (shared, read-only) with this test's own runs.json beside it."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "CURRENT").symlink_to(seeded_data_dir / "CURRENT")
    (data_dir / "generations").symlink_to(seeded_data_dir / "generations")
    runs = {
        "aider": _status("aider", "succeeded", snapshots_added=2, rows_added=167, rows_total=167),
        "swebench": _status(
            "swebench",
            "failed",
            last_success_at=OLD_SUCCESS,
            failed_formats=["swebench-leaderboards-json"],
            error="GET https://raw.githubusercontent.com/x/data/leaderboards.json answered HTTP 503",
            runs_total=4,
            failures_total=2,
            rows_total=1234,
        ),
        "artificial-analysis": _status(
            "artificial-analysis", "skipped", error="RANKLEDGER_AA_API_KEY is not set"
        ),
    }
    (data_dir / RUNS_FILE).write_bytes(msgspec.json.encode({"sources": runs}))
    return data_dir


@pytest.fixture
def client(data_dir: Path) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=create_app(Settings(data_dir=data_dir))) as test_client:
        yield test_client


def _z(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def test_runs_list_every_live_source_with_its_latest_run(client: TestClient[Litestar]) -> None:
    body = client.get("/v1/runs").json()

    by_source = {item["source_id"]: item for item in body["items"]}
    assert list(by_source) == [
        "lmarena",
        "artificial-analysis",
        "swebench",
        "open-llm-leaderboard",
        "livebench",
        "aider",
    ]
    assert by_source["aider"] == {
        "source_id": "aider",
        "outcome": "succeeded",
        "last_attempt_at": _z(ATTEMPT),
        "last_success_at": _z(ATTEMPT),
        "stale": False,
        "snapshots_added": 2,
        "rows_added": 167,
        "failed_formats": [],
        "error": None,
        "run_id": 7,
    }
    swebench = by_source["swebench"]
    assert (swebench["outcome"], swebench["last_success_at"], swebench["stale"]) == (
        "failed",
        _z(OLD_SUCCESS),
        True,
    )
    assert swebench["error"].endswith("leaderboards.json answered HTTP 503")
    assert (by_source["lmarena"]["outcome"], by_source["lmarena"]["stale"]) == ("never", True)
    assert by_source["open-llm-leaderboard"]["stale"] is False  # retired: never stale
    assert by_source["artificial-analysis"]["stale"] is False  # skipped: no key, not a failure


def test_runs_as_csv(client: TestClient[Litestar]) -> None:
    lines = client.get("/v1/runs?format=csv").text.splitlines()

    assert lines[0] == (
        "source_id,outcome,last_attempt_at,last_success_at,stale,snapshots_added,rows_added,"
        "failed_formats,error,run_id"
    )
    assert lines[-1].startswith("aider,succeeded,")


def test_healthz_stays_ok_and_summarises_freshness(
    client: TestClient[Litestar], seeded_data_dir: Path
) -> None:
    body = client.get("/healthz").json()

    generation = (seeded_data_dir / "CURRENT").read_text().strip()
    published = datetime.fromtimestamp((seeded_data_dir / "generations" / generation).stat().st_mtime, UTC)
    assert body == {
        "status": "ok",
        "generation": generation,
        "generation_published_at": _z(published),
        "last_ingest_at": _z(ATTEMPT),
        "stale_sources": ["lmarena", "swebench", "livebench"],
        "replica": None,  # a writer's data dir (a read replica's: tests/test_replicas.py)
    }


def test_metrics_count_requests_by_route_template_and_report_data_figures(
    client: TestClient[Litestar],
) -> None:
    client.get("/v1/boards/aider.polyglot.overall.default/leaderboard")
    client.get("/v1/boards/lmarena.text.overall.raw/leaderboard?limit=1")
    client.get("/v1/boards/no.such.board/leaderboard")

    response = client.get("/metrics")

    assert response.headers["content-type"].startswith("text/plain; version=")
    text = response.text
    route = 'method="GET",path="/v1/boards/{board_id}/leaderboard"'
    assert _value(text, f'rankledger_requests_total{{app_name="rankledger",{route},status_code="200"}}') >= 2
    assert _value(text, f'rankledger_requests_total{{app_name="rankledger",{route},status_code="404"}}') >= 1
    assert "/v1/boards/aider.polyglot" not in text  # never the raw path
    assert 0 <= _value(text, "rankledger_generation_age_seconds") < 86400
    assert _value(text, 'rankledger_ingest_rows_total{source="swebench"}') == 1234
    assert _value(text, 'rankledger_ingest_failures_total{source="swebench"}') == 2
    assert _value(text, 'rankledger_ingest_runs_total{source="swebench"}') == 4
    assert _value(text, 'rankledger_ingest_last_success_timestamp_seconds{source="aider"}') == pytest.approx(
        ATTEMPT.timestamp()
    )
    assert _value(text, 'rankledger_ingest_stale{source="lmarena"}') == 1
    assert "rankledger_generation_switches_total" in text


def _value(exposition: str, series: str) -> float:
    for line in exposition.splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{series} not in the exposition")


def test_every_response_carries_a_request_id(client: TestClient[Litestar]) -> None:
    fresh = client.get("/v1/runs").headers["x-request-id"]
    echoed = client.get("/v1/runs", headers={"X-Request-ID": "lb-7f3a.2"}).headers["x-request-id"]
    replaced = client.get("/v1/runs", headers={"X-Request-ID": "bad id\n"}).headers["x-request-id"]

    assert re.fullmatch(r"[0-9a-f]{16}", fresh)
    assert echoed == "lb-7f3a.2"
    assert re.fullmatch(r"[0-9a-f]{16}", replaced)


def test_access_log_is_off_by_default_and_one_json_line_per_request_when_on(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with TestClient(app=create_app(Settings(data_dir=data_dir))) as quiet:
        quiet.get("/v1/runs")
    assert capsys.readouterr().err == ""

    with TestClient(app=create_app(Settings(data_dir=data_dir, access_log=True))) as logged:
        logged.get("/healthz")
        logged.get("/metrics")
        logged.get(
            "/v1/runs?format=csv", headers={"X-Request-ID": "abc123", "Authorization": "Bearer s3cret"}
        )

    (line,) = [json.loads(text) for text in capsys.readouterr().err.splitlines()]
    assert line.pop("ts")
    assert line.pop("duration_ms") >= 0
    assert line == {
        "level": "info",
        "logger": "rankledger.access",
        "event": "request",
        "request_id": "abc123",
        "method": "GET",
        "path": "/v1/runs",
        "route": "/v1/runs",
        "status": 200,
    }


def test_an_uncaught_exception_is_logged_with_its_traceback_and_a_404_is_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @get("/boom", sync_to_thread=False)
    def boom() -> None:
        raise RuntimeError("kaput")

    configure_logging("INFO")
    with create_test_client(
        [boom], logging_config=logging_config(), middleware=[request_context(access_log=False)]
    ) as test_client:
        assert test_client.get("/boom", headers={"X-Request-ID": "r-1"}).status_code == 500
        assert test_client.get("/missing").status_code == 404

    (line,) = [json.loads(text) for text in capsys.readouterr().err.splitlines()]
    assert (line["event"], line["logger"], line["request_id"], line["path"]) == (
        "uncaught exception",
        "rankledger.api",
        "r-1",
        "/boom",
    )
    assert "RuntimeError: kaput" in line["exception"]
