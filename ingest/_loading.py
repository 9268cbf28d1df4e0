"""One run's payloads on their way in: archive, detect, parse, then write in batches.

Each payload is archived first (its bytes are kept whatever happens next), then read by the
format it names or the one detected from its content, and its rows join a ``LoadBatch``. A batch
is written in one transaction when it holds ``BATCH_PAYLOADS`` payloads or ``BATCH_ENTRIES``
entries, and at the end, on a writer thread while the next batch is parsed; the outcomes of its
payloads are reported, in order, once it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import msgspec

from ingest._timing import timed
from ingest.errors import IngestError, UnknownFormatError
from ingest.faults import fault_point
from ingest.records import RawPayload
from ingest.sources import SourceFormat, detect_payload_format, with_archive_hints
from ingest.warehouse import ArchivedPayloads, LoadBatch, PayloadRecord, Warehouse, archive_payload

__all__ = (
    "ADDED",
    "BATCH_ENTRIES",
    "BATCH_PAYLOADS",
    "REJECTED",
    "SKIPPED",
    "PayloadLoader",
    "PayloadOutcome",
)

ADDED = "added"
SKIPPED = "skipped"
REJECTED = "rejected"
BATCH_PAYLOADS = 250
"""Payloads written per transaction, at most (each commit costs a WAL fsync)."""
BATCH_ENTRIES = 200_000
"""Entry rows written per transaction, about (a batch is written once it holds more)."""


@dataclass(frozen=True)
class PayloadOutcome:
    """What happened to one payload."""

    origin: str
    """File path or URL."""
    status: str
    """``added``, ``skipped`` or ``rejected``."""
    format_name: str | None
    """The format that read it, when one did."""
    snapshots_added: int
    """New snapshots written from it."""
    message: str
    """Why it was skipped or rejected, or what was added."""


class PayloadLoader:
    """Takes a run's payloads one by one and writes them in batches; outcomes come out in order.

    A full batch is committed on a background thread while the next payloads are parsed (DuckDB
    leaves Python's lock while it writes); one batch at a time, in order, and its outcomes are
    reported on the caller's thread once it is committed. ``flush`` waits for every batch.
    """

    def __init__(
        self,
        warehouse: Warehouse,
        run_id: int,
        on_written: Callable[[list[PayloadOutcome]], None],
        seconds: dict[str, float] | None = None,
    ) -> None:
        """``seconds``: where the time spent archiving, parsing, computing rows and waiting for
        batches to commit adds up."""
        self._seconds = seconds if seconds is not None else {}
        self._warehouse = warehouse
        self._run_id = run_id
        self._on_written = on_written
        self._accepted = warehouse.accepted_payloads()
        self._known_boards = warehouse.known_boards()
        self._known_keys = warehouse.snapshot_keys()
        self._batch = LoadBatch()
        self._waiting: list[PayloadOutcome] = []
        self._archive = ArchivedPayloads(warehouse.connection, warehouse.data_dir)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="batch-writer")
        self._in_flight: tuple[Future[None], list[PayloadOutcome], bool] | None = None
        """The batch being committed: its write, the outcomes it settles, whether it holds payloads."""

    def add(self, raw: RawPayload, forced: SourceFormat | None, *, strict: bool) -> None:
        """Archive, parse and queue one payload; hands the batch to the writer when it is full."""
        self._waiting.append(self._prepare(raw, forced, strict=strict))
        batch = self._batch
        if len(batch.payloads) >= BATCH_PAYLOADS or batch.entry_count >= BATCH_ENTRIES:
            self._hand_over()

    def flush(self) -> None:
        """Write what is queued (one transaction), wait for every batch and report their outcomes."""
        self._hand_over()
        self._settle()

    def close(self) -> None:
        """Wait for the batch being committed (also after an error: nothing else may use the
        connection meanwhile), report it, and stop the writer thread."""
        try:
            self._settle()
        finally:
            self._writer.shutdown()

    def _hand_over(self) -> None:
        """Start committing the queued batch once the one before it is committed."""
        self._settle()
        batch, waiting = self._batch, self._waiting
        self._batch, self._waiting = LoadBatch(), []
        # Later payloads of this run see these boards and snapshots as stored (or being stored:
        # if that write fails, the run stops).
        self._known_boards.update(batch.boards)
        self._known_keys.update(batch.keys)
        write = self._writer.submit(self._warehouse.write_batch, batch)
        self._in_flight = (write, waiting, bool(batch.payloads))

    def _settle(self) -> None:
        """Wait for the batch being committed (raising its error) and report its outcomes."""
        if self._in_flight is None:
            return
        write, waiting, holds_payloads = self._in_flight
        self._in_flight = None
        with timed(self._seconds, "write"):
            write.result()
        self._on_written(waiting)
        if holds_payloads:
            fault_point("load")

    def _record(
        self, raw: RawPayload, sha: str, archived: Path, format_name: str | None, error: str | None
    ) -> PayloadRecord:
        return PayloadRecord(
            sha256=sha,
            byte_count=len(raw.content),
            origin=raw.origin,
            archived_path=str(archived.relative_to(self._warehouse.data_dir)),
            format_name=format_name,
            status="rejected" if error is not None else "accepted",
            error=error,
            retrieved_at=raw.retrieved_at,
            run_id=self._run_id,
        )

    def _prepare(self, raw: RawPayload, forced: SourceFormat | None, *, strict: bool) -> PayloadOutcome:
        with timed(self._seconds, "archive"):
            sha, archived = archive_payload(self._warehouse.data_dir, raw.content)
        if sha in self._accepted:
            return PayloadOutcome(raw.origin, SKIPPED, None, 0, f"already imported (sha256 {sha[:12]})")
        source_format: SourceFormat | None = forced
        try:
            with timed(self._seconds, "parse"):  # detection included
                if source_format is None:
                    source_format = detect_payload_format(raw, explain=strict)
                raw = with_archive_hints(raw, source_format)
                if source_format.stored_hints is not None:
                    # facts an earlier import archived (e.g. a LiveBench release's category map),
                    # read through the connection: once the batch being committed is
                    self._settle()
                    stored = source_format.stored_hints(raw, self._archive)
                    raw = msgspec.structs.replace(raw, hints={**stored, **raw.hints})
                snapshots = source_format.parse(raw)
            fault_point("parse")
            record = self._record(raw, sha, archived, source_format.name, None)
            with timed(self._seconds, "rows"):
                result = self._batch.add_snapshots(
                    record,
                    snapshots,
                    precedence=source_format.precedence,
                    known_boards=self._known_boards,
                    known_keys=self._known_keys,
                )
        except UnknownFormatError as error:
            if strict:
                self._batch.add_record(self._record(raw, sha, archived, None, str(error)))
            return PayloadOutcome(raw.origin, REJECTED if strict else SKIPPED, None, 0, str(error))
        except (IngestError, ValueError) as error:
            name = source_format.name if source_format else None
            self._batch.add_record(self._record(raw, sha, archived, name, str(error)))
            return PayloadOutcome(raw.origin, REJECTED, name, 0, str(error))
        self._accepted.add(sha)
        if not snapshots:
            return PayloadOutcome(raw.origin, SKIPPED, source_format.name, 0, "holds no leaderboard snapshot")
        if result.added == 0:
            message = f"{result.duplicates} snapshot(s) already stored from another file"
            return PayloadOutcome(raw.origin, SKIPPED, source_format.name, 0, message)
        message = f"{result.added} snapshot(s)"
        if result.duplicates:
            message += f", {result.duplicates} already stored"
        return PayloadOutcome(raw.origin, ADDED, source_format.name, result.added, message)
