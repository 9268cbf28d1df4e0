"""The one writer: opens ``warehouse.duckdb`` read-write and writes loads, runs and derived tables."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import duckdb

from ingest.errors import IngestError
from ingest.identity import Registry
from ingest.sources_catalog import SourceInfo
from ingest.transaction import transaction
from ingest.warehouse._batch import LoadBatch, SnapshotKey
from ingest.warehouse._identity import refresh_identity, registry_is_current
from ingest.warehouse._lock import WriterBusyError
from ingest.warehouse._migrate import migrate
from ingest.warehouse._published import holds_unpublished

__all__ = ("WAREHOUSE_FILE", "Warehouse")

WAREHOUSE_FILE = "warehouse.duckdb"
"""The writer's database file inside the data dir."""
_LOCK_RETRY_SECONDS = 0.2


def _connect(path: Path, deadline: float) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-write, retrying while another process holds DuckDB's lock."""
    started = time.monotonic()
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise IngestError(f"cannot open {path} for writing: {error}") from error
            if time.monotonic() >= deadline:
                # A process outside the writer lock (an older rankledger, a DuckDB shell) has the
                # file open; DuckDB's message names it.
                waited = time.monotonic() - started
                raise WriterBusyError(path.parent, waited=waited, holder=str(error)) from error
            time.sleep(_LOCK_RETRY_SECONDS)


class Warehouse:
    """Read-write connection to the warehouse; only the ingest runner holds one.

    The caller holds the writer lock (``writer_lock``); ``deadline`` (``time.monotonic()``)
    bounds the wait for DuckDB's own lock, held by a process that does not take the writer lock.
    """

    def __init__(self, data_dir: Path, *, deadline: float = 0.0) -> None:
        self.data_dir = data_dir
        """The data dir holding ``warehouse.duckdb``."""
        self.path = data_dir / WAREHOUSE_FILE
        """The warehouse file."""
        data_dir.mkdir(parents=True, exist_ok=True)
        self.connection = _connect(self.path, deadline)
        """The read-write connection."""
        self._boards: set[str] | None = None
        self._snapshot_keys: set[SnapshotKey] | None = None
        self._closed = False
        migrated = migrate(self.connection)
        if migrated and self.connection.execute("SELECT count(*) FROM snapshot").fetchone() != (0,):
            # A warehouse upgraded in place: the tables that migrations reshaped are refilled from
            # their views, as the next ingest would.
            self.materialize()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Checkpoint and close, so the file can be copied as a generation (again: nothing)."""
        if self._closed:
            return
        self._closed = True
        try:
            self.connection.execute("CHECKPOINT")
        finally:
            self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction, rolled back on any exit but a normal one (Ctrl-C and SIGTERM too)."""
        with transaction(self.connection):
            yield

    def holds_unpublished(self, generation: Path | None) -> bool:
        """The warehouse has data (or identities, claims, schema) that ``generation`` lacks."""
        return holds_unpublished(self.connection, generation)

    # -- sources and runs -------------------------------------------------------------------

    def upsert_sources(self, sources: Sequence[SourceInfo]) -> None:
        """Write the source metadata (licence, citation, homepage) shipped in ``seeds/``."""
        rows = [
            [info.id, info.name, info.homepage, info.licence, info.citation, info.description, info.retired]
            for info in sources
        ]
        if rows:
            self.connection.executemany("INSERT OR REPLACE INTO source VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def close_interrupted_runs(self) -> int:
        """Mark runs still ``running`` as ``interrupted``: their writer died (the caller holds the
        writer lock, so no live writer owns them). Returns how many there were."""
        found = datetime.now(UTC)
        rows = self.connection.execute(
            "UPDATE ingest_run SET status = 'interrupted', finished_at = ?, message = ?"
            " WHERE status = 'running' RETURNING run_id",
            [found, "the writer stopped before closing this run (killed or crashed); found by the next run"],
        ).fetchall()
        return len(rows)

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
        self,
        run_id: int,
        *,
        status: str,
        added: int,
        skipped: int,
        rejected: int,
        snapshots: int,
        message: str,
    ) -> None:
        """Log the end of an ingest run: ``succeeded``, ``failed`` or ``interrupted``, with its counts."""
        self.connection.execute(
            "UPDATE ingest_run SET finished_at = ?, status = ?, payloads_added = ?, payloads_skipped = ?,"
            " payloads_rejected = ?, snapshots_added = ?, message = ? WHERE run_id = ?",
            [datetime.now(UTC), status, added, skipped, rejected, snapshots, message[:2000], run_id],
        )

    def roll_back_open_transaction(self) -> None:
        """After an interruption: drop a transaction that was left open, if there is one."""
        with suppress(duckdb.TransactionException):  # none was open
            self.connection.execute("ROLLBACK")

    # -- derived tables ---------------------------------------------------------------------

    def materialize(self) -> None:
        """Rewrite the tables the analytics read from their views (``views/``), in one transaction.

        ``served_snapshot``, the fields completed from corroborating snapshots
        (``served_completion``), then ``served_line`` which reads both.
        Run after the entries and their model identities are final: all depend on them.
        """
        with self.transaction():
            self.connection.execute("DELETE FROM served_snapshot")
            self.connection.execute("INSERT INTO served_snapshot SELECT * FROM served_snapshot_view")
            self.connection.execute("DELETE FROM served_completion")
            self.connection.execute("INSERT INTO served_completion SELECT * FROM served_completion_view")
            self.connection.execute("DELETE FROM served_line")
            self.connection.execute(
                "INSERT INTO served_line SELECT * FROM served_line_view ORDER BY snapshot_id, position"
            )

    def refresh_identity(self, registry: Registry, *, force: bool) -> bool:
        """Re-resolve every entry's model when data was added (``force``) or the registry changed."""
        if not force and registry_is_current(self.connection, registry):
            return False
        empty = self.connection.execute("SELECT count(*) FROM snapshot").fetchone() == (0,)
        if empty and not force:
            return False
        refresh_identity(self.connection, registry)
        return True

    # -- payloads and snapshots -------------------------------------------------------------

    def accepted_payloads(self) -> set[str]:
        """The sha256 of every payload imported before (``accepted``)."""
        rows = self.connection.execute("SELECT sha256 FROM raw_payload WHERE status = 'accepted'").fetchall()
        return {str(row[0]) for row in rows}

    def known_boards(self) -> set[str]:
        """Board ids in the warehouse (a board row never changes once written), read once; the
        caller adds the boards it writes."""
        if self._boards is None:
            rows = self.connection.execute("SELECT board_id FROM board").fetchall()
            self._boards = {str(row[0]) for row in rows}
        return self._boards

    def snapshot_keys(self) -> set[SnapshotKey]:
        """(board, date, content) of every stored snapshot, to tell duplicates, read once; the caller
        adds the snapshots it writes."""
        if self._snapshot_keys is None:
            rows = self.connection.execute(
                "SELECT board_id, published_at, content_sha256 FROM snapshot"
            ).fetchall()
            self._snapshot_keys = {(str(b), d, str(c)) for b, d, c in rows}
        return self._snapshot_keys

    def write_batch(self, batch: LoadBatch) -> None:
        """Write a batch's boards, snapshots, entries and payload records in one transaction."""
        if not batch.payloads:
            return
        snapshot_ids = self._reserve_snapshot_ids(len(batch.snapshots))
        frames = {"new_payloads": batch.payload_frame()}
        if batch.boards:
            frames["new_boards"] = batch.board_frame()
        if batch.snapshots:
            frames["new_snapshots"] = batch.snapshot_frame(snapshot_ids)
            frames["new_entries"] = batch.entry_frame(snapshot_ids)
        for name, frame in frames.items():
            self.connection.register(name, frame)
        try:
            with self.transaction():
                if batch.boards:
                    self.connection.execute(
                        "INSERT INTO board BY NAME SELECT * FROM new_boards ON CONFLICT DO NOTHING"
                    )
                if batch.snapshots:
                    self.connection.execute("INSERT INTO snapshot BY NAME SELECT * FROM new_snapshots")
                    self.connection.execute("INSERT INTO entry BY NAME SELECT * FROM new_entries")
                    self.connection.execute(
                        "UPDATE warehouse_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR)"
                        " WHERE key = 'data_version'"
                    )
                self.connection.execute(
                    "INSERT OR REPLACE INTO raw_payload BY NAME SELECT * FROM new_payloads"
                )
        finally:
            for name in frames:
                self.connection.unregister(name)

    def _reserve_snapshot_ids(self, count: int) -> list[int]:
        if count == 0:
            return []
        rows = self.connection.execute("SELECT nextval('snapshot_id') FROM range(?)", [count]).fetchall()
        return sorted(int(row[0]) for row in rows)
