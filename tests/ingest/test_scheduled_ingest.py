"""Scheduled ingest: several sources in one run, each source's outcome recorded for the API."""

from __future__ import annotations

from pathlib import Path

import duckdb
import httpx

from ingest.fetching import fetch_client
from ingest.run_status import RUNS_FILE, read_run_status
from ingest.runner import ingest_live
from ingest.scheduled import scheduled_sources
from ingest.sources_catalog import load_sources
from ingest.warehouse import WAREHOUSE_FILE
from tests.conftest import SEEDS
from tests.ingest.fetching.upstream import SWEBENCH_LEADERBOARDS, GitHubUpstream, captcha, status

# entries of the two recorded Aider files: 69 polyglot runs (2025-10-04), 98 edit runs (2024-12-22)
AIDER_ROWS = 69 + 98


def _ingest(data_dir: Path, upstream: GitHubUpstream) -> None:
    transport = httpx.MockTransport(upstream)
    with fetch_client(data_dir, environ={}, transport=transport, sleep=lambda _: None) as client:
        ingest_live(data_dir, ["aider", "swebench"], client, skipped={"artificial-analysis": "no key"})


def test_a_failing_source_is_recorded_and_loads_nothing_while_the_others_load(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    upstream = GitHubUpstream(faults={SWEBENCH_LEADERBOARDS: [status(503)] * 5})

    _ingest(data_dir, upstream)

    runs = read_run_status(data_dir)
    assert sorted(runs) == ["aider", "artificial-analysis", "swebench"]
    aider, swebench, skipped = runs["aider"], runs["swebench"], runs["artificial-analysis"]
    assert (aider.outcome, aider.snapshots_added, aider.rows_added, aider.error) == (
        "succeeded",
        2,
        AIDER_ROWS,
        None,
    )
    assert aider.last_success_at == aider.last_attempt_at
    assert (swebench.outcome, swebench.snapshots_added, swebench.last_success_at) == ("failed", 0, None)
    assert swebench.failed_formats == ["swebench-leaderboards-json"]
    assert swebench.error is not None
    assert "data/leaderboards.json answered HTTP 503" in swebench.error
    assert (skipped.outcome, skipped.error) == ("skipped", "no key")
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
        boards = db.execute("SELECT DISTINCT source_id FROM board JOIN snapshot USING (board_id)").fetchall()
        recorded = db.execute(
            "SELECT source_id, outcome, rows_added FROM source_run ORDER BY source_id"
        ).fetchall()
    assert boards == [("aider",)]
    assert recorded == [
        ("aider", "succeeded", AIDER_ROWS),
        ("artificial-analysis", "skipped", 0),
        ("swebench", "failed", 0),
    ]


def test_the_next_run_costs_304s_adds_nothing_and_keeps_running_totals(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _ingest(data_dir, GitHubUpstream(faults={SWEBENCH_LEADERBOARDS: [status(503)] * 5}))
    first = read_run_status(data_dir)
    upstream = GitHubUpstream()

    _ingest(data_dir, upstream)

    runs = read_run_status(data_dir)
    aider, swebench = runs["aider"], runs["swebench"]
    aider_downloads = [
        r for r in upstream.requests if r.url.host == "raw.githubusercontent.com" and "aider" in r.url.path
    ]
    assert len(aider_downloads) == 2
    assert all("if-none-match" in r.headers for r in aider_downloads)  # both answered 304
    assert (aider.outcome, aider.rows_added, aider.rows_total, aider.runs_total) == (
        "succeeded",
        0,
        AIDER_ROWS,
        2,
    )
    assert aider.last_success_at is not None
    assert aider.last_success_at > first["aider"].last_attempt_at
    assert (swebench.outcome, swebench.failures_total, swebench.runs_total) == ("succeeded", 1, 2)
    assert swebench.rows_added > 0
    assert not list(data_dir.glob(f".{RUNS_FILE}.partial"))


def test_a_captcha_page_is_rejected_before_it_is_archived(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    _ingest(data_dir, GitHubUpstream(faults={SWEBENCH_LEADERBOARDS: [captcha]}))

    swebench = read_run_status(data_dir)["swebench"]
    assert swebench.outcome == "failed"
    assert "answered an HTML page" in (swebench.error or "")
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
        archived = db.execute("SELECT count(*) FROM raw_payload WHERE origin LIKE '%swe-bench%'").fetchone()
    assert archived == (0,)


def test_all_means_every_live_source_not_retired_and_skips_those_without_their_key() -> None:
    catalog = load_sources(SEEDS / "sources.toml")

    without_key = scheduled_sources(catalog, {})
    with_key = scheduled_sources(catalog, {"RANKLEDGER_AA_API_KEY": "aa-key"})

    assert without_key == (
        ["lmarena", "swebench", "livebench", "aider"],
        {"artificial-analysis": "RANKLEDGER_AA_API_KEY is not set; export it to fetch artificial-analysis"},
    )
    assert with_key == (["lmarena", "artificial-analysis", "swebench", "livebench", "aider"], {})
