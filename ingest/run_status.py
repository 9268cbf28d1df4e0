"""Each live ingest run, per source: kept in the warehouse and in ``runs.json`` for the API.

A generation is only published when data changed, so a failed or empty run leaves no trace in
what the API serves. The writer therefore records every source's run twice, while it holds the
write lock: a row in ``source_run`` (migration 015, the history) and the source's latest status in
``<data dir>/runs.json``, replaced atomically (write a temporary file, then ``os.replace``). The
API reads only that file (``GET /v1/runs``, ``/healthz``, ``/metrics``): no lock, no warehouse.
The file also carries running totals per source (runs, failures, rows added), which ``/metrics``
serves as counters whatever process did the ingest.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import msgspec

__all__ = (
    "FAILED",
    "PARTIAL",
    "RUNS_FILE",
    "SKIPPED",
    "SUCCEEDED",
    "SourceAttempt",
    "SourceRunStatus",
    "read_run_status",
    "record_source_runs",
)

RUNS_FILE = "runs.json"
"""The latest run of every source, in the data dir."""
SUCCEEDED = "succeeded"
"""Every live format of the source was fetched and loaded (or found unchanged)."""
PARTIAL = "partial"
"""Some formats loaded, others failed."""
FAILED = "failed"
"""No format of the source could be fetched and loaded."""
SKIPPED = "skipped"
"""Not attempted: the source needs a credential that is not set."""


@dataclass(frozen=True)
class SourceAttempt:
    """One source of a live run, as the runner saw it."""

    source_id: str
    """Source id, e.g. ``lmarena``."""
    attempted_at: datetime
    """When its first fetch started."""
    formats: tuple[str, ...]
    """The live formats fetched."""
    skipped: str | None = None
    """Why it was not attempted, if it was not."""


class SourceRunStatus(msgspec.Struct, frozen=True, kw_only=True):
    """A source's latest live run and its running totals."""

    source_id: str
    last_attempt_at: datetime
    last_success_at: datetime | None
    outcome: str
    formats: list[str]
    failed_formats: list[str]
    snapshots_added: int
    rows_added: int
    error: str | None
    run_id: int
    runs_total: int
    failures_total: int
    rows_total: int


class _RunsFile(msgspec.Struct):
    sources: dict[str, SourceRunStatus]


_decoder = msgspec.json.Decoder(_RunsFile)
_cache: dict[Path, tuple[tuple[int, int], dict[str, SourceRunStatus]]] = {}


def read_run_status(data_dir: Path) -> dict[str, SourceRunStatus]:
    """Source id -> its latest run; empty before the first live ingest (or if the file is unreadable).

    Decoded again only when the file was replaced (same inode and mtime: same content).
    """
    path = data_dir / RUNS_FILE
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_ino)
        cached = _cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        sources = _decoder.decode(path.read_bytes()).sources
    except (OSError, msgspec.DecodeError):
        return {}
    _cache[path] = (stamp, sources)
    return sources


def _rows_by_source(connection: duckdb.DuckDBPyConnection, run_id: int) -> dict[str, tuple[int, int]]:
    rows = connection.execute(
        "SELECT b.source_id, count(*), sum(s.row_count) FROM snapshot AS s"
        " JOIN board AS b USING (board_id) WHERE s.run_id = ? GROUP BY b.source_id",
        [run_id],
    ).fetchall()
    return {source: (int(snapshots), int(entries)) for source, snapshots, entries in rows}


def record_source_runs(
    connection: duckdb.DuckDBPyConnection,
    data_dir: Path,
    run_id: int,
    attempts: Sequence[SourceAttempt],
    failures: Mapping[str, Sequence[str]],
) -> list[SourceRunStatus]:
    """Record each attempted source's outcome (``failures``: format -> its error messages).

    Call with the write lock held (the runner does, before closing the warehouse), so two runs
    never interleave their updates of ``runs.json``.
    """
    finished_at = datetime.now(UTC)
    added = _rows_by_source(connection, run_id)
    previous = read_run_status(data_dir)
    statuses: list[SourceRunStatus] = []
    for attempt in attempts:
        failed = [name for name in attempt.formats if failures.get(name)]
        error: str | None
        if attempt.skipped is not None:
            outcome, error = SKIPPED, attempt.skipped
        else:
            outcome = FAILED if len(failed) == len(attempt.formats) else PARTIAL if failed else SUCCEEDED
            error = "; ".join(m for name in failed for m in failures[name])[:2000] or None
        snapshots, rows = added.get(attempt.source_id, (0, 0))
        before = previous.get(attempt.source_id)
        status = SourceRunStatus(
            source_id=attempt.source_id,
            last_attempt_at=attempt.attempted_at,
            last_success_at=attempt.attempted_at
            if outcome == SUCCEEDED
            else (before.last_success_at if before else None),
            outcome=outcome,
            formats=list(attempt.formats),
            failed_formats=failed,
            snapshots_added=snapshots,
            rows_added=rows,
            error=error,
            run_id=run_id,
            runs_total=(before.runs_total if before else 0) + 1,
            failures_total=(before.failures_total if before else 0) + (outcome in (FAILED, PARTIAL)),
            rows_total=(before.rows_total if before else 0) + rows,
        )
        statuses.append(status)
        connection.execute(
            "INSERT OR REPLACE INTO source_run VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, status.source_id, attempt.attempted_at, finished_at, outcome, list(attempt.formats),
             failed, snapshots, rows, error],
        )  # fmt: skip
    merged = {**previous, **{s.source_id: s for s in statuses}}
    _write_atomically(
        data_dir / RUNS_FILE, msgspec.json.encode(_RunsFile(sources=dict(sorted(merged.items()))))
    )
    return statuses


def _write_atomically(path: Path, content: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    partial.replace(path)
