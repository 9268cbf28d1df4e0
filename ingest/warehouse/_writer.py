"""The one writer: loads parsed snapshots into ``warehouse.duckdb`` in one transaction each."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import duckdb
import msgspec
import polars as pl

from ingest.errors import WarehouseBusyError
from ingest.identity import Registry, source_scoped_model_id, unresolved_model_id
from ingest.ranks import rank_intervals
from ingest.records import Board, Snapshot
from ingest.sources_catalog import SourceInfo
from ingest.warehouse._identity import refresh_identity, registry_is_current
from ingest.warehouse._migrate import migrate

__all__ = ("WAREHOUSE_FILE", "LoadResult", "Warehouse", "content_sha256", "values_sha256")

WAREHOUSE_FILE = "warehouse.duckdb"
"""The writer's database file inside the data dir."""


@dataclass(frozen=True)
class LoadResult:
    """What loading one payload's snapshots did."""

    added: int
    """Snapshots written."""
    duplicates: int
    """Snapshots skipped because the same board, date and entries were already stored."""


def content_sha256(snapshot: Snapshot) -> str:
    """Hash of a snapshot's entries (and truncation): identical lists hash alike across formats."""
    digest = hashlib.sha256(msgspec.json.encode(snapshot.entries))
    digest.update(b"truncated" if snapshot.truncated else b"full")
    return digest.hexdigest()


def values_sha256(snapshot: Snapshot) -> str:
    """Fingerprint of what a snapshot says, whatever the format (see migration 003).

    Per model: its normalised id and its votes, or its score to 2 decimals where the source
    publishes no votes. Same votes for every model means the same underlying battles.
    """
    lines = sorted(
        f"{source_scoped_model_id(e.model_name)}\t"
        + (f"v{e.votes}" if e.votes is not None else f"s{e.score:.2f}" if e.score is not None else "-")
        for e in snapshot.entries
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class Warehouse:
    """Read-write connection to the warehouse; only the ingest runner holds one."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / WAREHOUSE_FILE
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = duckdb.connect(str(self.path))
        except duckdb.IOException as error:
            raise WarehouseBusyError(
                f"cannot open {self.path} for writing: {error}. Only one ingest may run at a time; "
                "wait for the other one to finish."
            ) from error
        self._boards: set[str] | None = None
        """Board ids in the warehouse (loaded on first use): a board row never changes once written."""
        applied = migrate(self.connection)
        self.upgraded = bool(applied) and not any(name.startswith("001_") for name in applied)
        """An existing warehouse got new migrations (a code upgrade): derived tables and the
        published generation must be rebuilt."""

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Checkpoint and close, so the file can be copied as a generation."""
        self.connection.execute("CHECKPOINT")
        self.connection.close()

    # -- sources and runs -------------------------------------------------------------------

    def upsert_sources(self, sources: Sequence[SourceInfo]) -> None:
        """Write the source metadata (licence, citation, homepage) shipped in ``seeds/``."""
        for info in sources:
            self.connection.execute(
                "INSERT OR REPLACE INTO source VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    info.id,
                    info.name,
                    info.homepage,
                    info.licence,
                    info.citation,
                    info.description,
                    info.retired,
                ],
            )

    def begin_run(self, command: str) -> int:
        """Log the start of an ingest run; returns its id."""
        row = self.connection.execute(
            "INSERT INTO ingest_run (run_id, command, started_at, status)"
            " VALUES (nextval('ingest_run_id'), ?, ?, 'running') RETURNING run_id",
            [command, datetime.now(UTC)],
        ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(
        self, run_id: int, *, added: int, skipped: int, rejected: int, snapshots: int, message: str
    ) -> None:
        """Log the end of an ingest run with its counts."""
        self.connection.execute(
            "UPDATE ingest_run SET finished_at = ?, status = ?, payloads_added = ?, payloads_skipped = ?,"
            " payloads_rejected = ?, snapshots_added = ?, message = ? WHERE run_id = ?",
            [
                datetime.now(UTC),
                "failed" if rejected else "succeeded",
                added,
                skipped,
                rejected,
                snapshots,
                message,
                run_id,
            ],
        )

    def materialize(self) -> None:
        """Rewrite the tables the analytics read from their views, in one transaction.

        ``served_snapshot`` (migrations 007, 011), the fields completed from corroborating
        snapshots (``served_completion``, 012), then ``served_line`` which reads both (011, 012).
        Run after the entries and their model identities are final: all depend on them.
        """
        self.connection.execute("BEGIN TRANSACTION")
        try:
            self.connection.execute("DELETE FROM served_snapshot")
            self.connection.execute("INSERT INTO served_snapshot SELECT * FROM served_snapshot_view")
            self.connection.execute("DELETE FROM served_completion")
            self.connection.execute("INSERT INTO served_completion SELECT * FROM served_completion_view")
            self.connection.execute("DELETE FROM served_line")
            self.connection.execute(
                "INSERT INTO served_line SELECT * FROM served_line_view ORDER BY snapshot_id, position"
            )
            self.connection.execute("COMMIT")
        except Exception:
            self.connection.execute("ROLLBACK")
            raise

    def refresh_identity(self, registry: Registry, *, force: bool) -> bool:
        """Re-resolve every entry's model when data was added (``force``) or the registry changed."""
        if not force and registry_is_current(self.connection, registry):
            return False
        empty = self.connection.execute("SELECT count(*) FROM snapshot").fetchone() == (0,)
        if empty and not force:
            return False
        refresh_identity(self.connection, registry)
        return True

    # -- payloads ---------------------------------------------------------------------------

    def payload_status(self, sha256: str) -> str | None:
        """``accepted`` / ``rejected`` for a payload seen before, else ``None``."""
        row = self.connection.execute("SELECT status FROM raw_payload WHERE sha256 = ?", [sha256]).fetchone()
        return str(row[0]) if row else None

    def record_payload(
        self,
        *,
        sha256: str,
        byte_count: int,
        origin: str,
        archived_path: Path,
        format_name: str | None,
        status: str,
        error: str | None,
        retrieved_at: datetime,
        run_id: int,
    ) -> None:
        """Remember a payload and what became of it (a rejected one may be retried later)."""
        self.connection.execute(
            "INSERT OR REPLACE INTO raw_payload VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                sha256,
                byte_count,
                origin,
                str(archived_path.relative_to(self.data_dir)),
                format_name,
                status,
                error,
                retrieved_at,
                datetime.now(UTC),
                run_id,
            ],
        )

    # -- snapshots --------------------------------------------------------------------------

    def load(
        self,
        snapshots: Sequence[Snapshot],
        *,
        payload_sha256: str,
        parser: str,
        precedence: int,
        retrieved_at: datetime,
        run_id: int,
    ) -> LoadResult:
        """Write one payload's snapshots in one transaction: all of them or none."""
        added = duplicates = 0
        known = self._known_boards()
        new_boards = {s.board.board_id: s.board for s in snapshots if s.board.board_id not in known}
        entries: list[pl.DataFrame] = []
        self.connection.execute("BEGIN TRANSACTION")
        try:
            for board in new_boards.values():
                self._insert_board(board)
            for snapshot in snapshots:
                snapshot_id = self._insert_snapshot(
                    snapshot,
                    payload_sha256=payload_sha256,
                    parser=parser,
                    precedence=precedence,
                    retrieved_at=retrieved_at,
                    run_id=run_id,
                )
                if snapshot_id is None:
                    duplicates += 1
                else:
                    added += 1
                    entries.append(_entry_frame(snapshot_id, snapshot))
            if entries:  # one insert for the payload's entries
                self._insert_entries(pl.concat(entries))
            self.connection.execute("COMMIT")
        except Exception:
            self.connection.execute("ROLLBACK")
            raise
        known.update(new_boards)
        return LoadResult(added=added, duplicates=duplicates)

    def _known_boards(self) -> set[str]:
        if self._boards is None:
            self._boards = {
                str(row[0]) for row in self.connection.execute("SELECT board_id FROM board").fetchall()
            }
        return self._boards

    def _insert_board(self, board: Board) -> None:
        self.connection.execute(
            "INSERT INTO board VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                board.board_id,
                board.source,
                board.arena,
                board.category,
                board.variant,
                board.metric,
                board.unit,
                board.higher_is_better,
            ],
        )

    def _insert_snapshot(
        self,
        snapshot: Snapshot,
        *,
        payload_sha256: str,
        parser: str,
        precedence: int,
        retrieved_at: datetime,
        run_id: int,
    ) -> int | None:
        """The new snapshot's id, or ``None`` when the board already has the same data that day."""
        board_id = snapshot.board.board_id
        content = content_sha256(snapshot)
        seen = self.connection.execute(
            "SELECT 1 FROM snapshot WHERE board_id = ? AND published_at = ? AND content_sha256 = ?",
            [board_id, snapshot.published_at, content],
        ).fetchone()
        if seen:
            return None
        row = self.connection.execute(
            "INSERT INTO snapshot VALUES (nextval('snapshot_id'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " RETURNING snapshot_id",
            [
                board_id,
                snapshot.published_at,
                retrieved_at,
                payload_sha256,
                parser,
                precedence,
                content,
                len(snapshot.entries),
                snapshot.truncated,
                snapshot.carried_over,
                any(e.preliminary for e in snapshot.entries),
                run_id,
                values_sha256(snapshot),
            ],
        ).fetchone()
        assert row is not None
        return int(row[0])

    def _insert_entries(self, frame: pl.DataFrame) -> None:
        self.connection.register("new_entries", frame)
        try:
            self.connection.execute("INSERT INTO entry BY NAME SELECT * FROM new_entries")
        finally:
            self.connection.unregister("new_entries")


def _entry_frame(snapshot_id: int, snapshot: Snapshot) -> pl.DataFrame:
    """The rows of ``entry`` for one snapshot, with its rank intervals."""
    intervals = rank_intervals(snapshot.entries, higher_is_better=snapshot.board.higher_is_better)
    entries = snapshot.entries
    frame = pl.DataFrame(
        {
            "snapshot_id": [snapshot_id] * len(entries),
            "position": list(range(1, len(entries) + 1)),
            "model_name": [e.model_name for e in entries],
            # provisional: refresh_identity() resolves names against the registry after the load
            "model_id": [unresolved_model_id(snapshot.board.source, e.model_name) for e in entries],
            "rank": [e.rank for e in entries],
            "score": [e.score for e in entries],
            "ci_lower": [e.ci_lower for e in entries],
            "ci_upper": [e.ci_upper for e in entries],
            "votes": [e.votes for e in entries],
            "organization": [e.organization for e in entries],
            "license": [e.license for e in entries],
            "preliminary": [e.preliminary for e in entries],
            "rank_best": [i[0] if i else None for i in intervals],
            "rank_worst": [i[1] if i else None for i in intervals],
            "extra": [msgspec.json.encode(e.extra).decode() if e.extra else None for e in entries],
        },
        schema={
            "snapshot_id": pl.Int64,
            "position": pl.Int32,
            "model_name": pl.String,
            "model_id": pl.String,
            "rank": pl.Int32,
            "score": pl.Float64,
            "ci_lower": pl.Float64,
            "ci_upper": pl.Float64,
            "votes": pl.Int64,
            "organization": pl.String,
            "license": pl.String,
            "preliminary": pl.Boolean,
            "rank_best": pl.Int32,
            "rank_worst": pl.Int32,
            "extra": pl.String,
        },
    )
    return frame
