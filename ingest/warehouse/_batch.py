"""Loading payloads in batches: one transaction and a handful of statements per batch.

Each payload's outcome (how many snapshots it adds, how many were already stored) is decided
when it joins the batch, against what the warehouse and the batch already hold; the rows are
written together by ``Warehouse.write_batch``: board, snapshot, entry and ``raw_payload`` rows
as one insert each, and ``data_version`` bumped in the same transaction. A payload is recorded
``accepted`` in the transaction that writes its snapshots, so a killed run leaves either both
or neither.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import msgspec
import polars as pl

from ingest.identity import source_scoped_model_id, unresolved_model_id
from ingest.ranks import rank_intervals
from ingest.records import Board, Snapshot

__all__ = ("LoadBatch", "LoadResult", "PayloadRecord", "SnapshotKey", "content_sha256", "values_sha256")

SnapshotKey = tuple[str, date, str]
"""(board_id, published_at, content_sha256): a snapshot already stored under this key is a duplicate."""

# The same few thousand model names recur in every snapshot: normalise each once.
_scoped_model_id = lru_cache(maxsize=1 << 16)(source_scoped_model_id)
_unresolved_model_id = lru_cache(maxsize=1 << 16)(unresolved_model_id)

_ENTRY_SCHEMA = pl.Schema(
    {
        "snapshot_index": pl.Int64(),
        "position": pl.Int32(),
        "model_name": pl.String(),
        "model_id": pl.String(),
        "rank": pl.Int32(),
        "score": pl.Float64(),
        "ci_lower": pl.Float64(),
        "ci_upper": pl.Float64(),
        "votes": pl.Int64(),
        "organization": pl.String(),
        "license": pl.String(),
        "preliminary": pl.Boolean(),
        "rank_best": pl.Int32(),
        "rank_worst": pl.Int32(),
        "extra": pl.String(),
    }
)
_BOARD_SCHEMA = pl.Schema(
    {
        "board_id": pl.String(),
        "source_id": pl.String(),
        "arena": pl.String(),
        "category": pl.String(),
        "variant": pl.String(),
        "metric": pl.String(),
        "unit": pl.String(),
        "higher_is_better": pl.Boolean(),
    }
)
_SNAPSHOT_SCHEMA = pl.Schema(
    {
        "board_id": pl.String(),
        "published_at": pl.Date(),
        "retrieved_at": pl.Datetime("us", "UTC"),
        "payload_sha256": pl.String(),
        "parser": pl.String(),
        "precedence": pl.Int32(),
        "content_sha256": pl.String(),
        "row_count": pl.Int32(),
        "truncated": pl.Boolean(),
        "carried_over": pl.Boolean(),
        "has_preliminary": pl.Boolean(),
        "run_id": pl.Int64(),
        "values_sha256": pl.String(),
    }
)
_PAYLOAD_SCHEMA = pl.Schema(
    {
        "sha256": pl.String(),
        "byte_count": pl.Int64(),
        "origin": pl.String(),
        "archived_path": pl.String(),
        "format": pl.String(),
        "status": pl.String(),
        "error": pl.String(),
        "retrieved_at": pl.Datetime("us", "UTC"),
        "first_seen_at": pl.Datetime("us", "UTC"),
        "run_id": pl.Int64(),
    }
)


@dataclass(frozen=True)
class LoadResult:
    """What loading one payload's snapshots does."""

    added: int
    """Snapshots written."""
    duplicates: int
    """Snapshots skipped because the same board, date and entries were already stored."""


@dataclass(frozen=True, kw_only=True)
class PayloadRecord:
    """One payload and what became of it: a ``raw_payload`` row (a rejected one may be retried)."""

    sha256: str
    byte_count: int
    origin: str
    archived_path: str
    """Path of the archived bytes, relative to the data dir."""
    format_name: str | None
    status: str
    """``accepted`` or ``rejected``."""
    error: str | None
    retrieved_at: datetime
    run_id: int


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
        f"{_scoped_model_id(e.model_name)}\t"
        + (f"v{e.votes}" if e.votes is not None else f"s{e.score:.2f}" if e.score is not None else "-")
        for e in snapshot.entries
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass
class LoadBatch:
    """Payloads waiting to be written together, with the rows they add."""

    payloads: list[PayloadRecord] = field(default_factory=list)
    boards: dict[str, Board] = field(default_factory=dict)
    """Boards the warehouse does not have yet."""
    snapshots: list[dict[str, Any]] = field(default_factory=list)
    entries: dict[str, list[Any]] = field(default_factory=lambda: {name: [] for name in _ENTRY_SCHEMA})
    keys: set[SnapshotKey] = field(default_factory=set)
    """Keys of the snapshots in this batch."""

    @property
    def entry_count(self) -> int:
        """Entry rows waiting."""
        return len(self.entries["position"])

    def add_record(self, record: PayloadRecord) -> None:
        """A payload that adds no snapshot (rejected, or holding only duplicates) is still recorded."""
        self.payloads.append(record)

    def add_snapshots(
        self,
        record: PayloadRecord,
        snapshots: list[Snapshot],
        *,
        precedence: int,
        known_boards: set[str],
        known_keys: set[SnapshotKey],
    ) -> LoadResult:
        """Queue a payload's snapshots; those already stored (or queued) count as duplicates.

        All rows are computed before anything is queued, so a payload whose rows cannot be
        computed (``ValueError``) leaves the batch as it was.
        """
        fresh: dict[SnapshotKey, Snapshot] = {}
        for snapshot in snapshots:
            key = (snapshot.board.board_id, snapshot.published_at, content_sha256(snapshot))
            if key not in known_keys and key not in self.keys:
                fresh.setdefault(key, snapshot)
        rows = [(self._snapshot_row(s, k, record, precedence), _entry_columns(s)) for k, s in fresh.items()]
        for (key, snapshot), (snapshot_row, columns) in zip(fresh.items(), rows, strict=True):
            if snapshot.board.board_id not in known_boards:
                self.boards.setdefault(snapshot.board.board_id, snapshot.board)
            index = len(self.snapshots)
            self.snapshots.append(snapshot_row)
            self.keys.add(key)
            self.entries["snapshot_index"].extend([index] * len(snapshot.entries))
            for name, values in columns.items():
                self.entries[name].extend(values)
        self.payloads.append(record)
        return LoadResult(added=len(fresh), duplicates=len(snapshots) - len(fresh))

    @staticmethod
    def _snapshot_row(
        snapshot: Snapshot, key: SnapshotKey, record: PayloadRecord, precedence: int
    ) -> dict[str, Any]:
        return {
            "board_id": key[0],
            "published_at": snapshot.published_at,
            "retrieved_at": record.retrieved_at,
            "payload_sha256": record.sha256,
            "parser": record.format_name,
            "precedence": precedence,
            "content_sha256": key[2],
            "row_count": len(snapshot.entries),
            "truncated": snapshot.truncated,
            "carried_over": snapshot.carried_over,
            "has_preliminary": any(e.preliminary for e in snapshot.entries),
            "run_id": record.run_id,
            "values_sha256": values_sha256(snapshot),
        }

    def snapshot_frame(self, snapshot_ids: list[int]) -> pl.DataFrame:
        """The ``snapshot`` rows, with the ids reserved for them (in batch order)."""
        frame = pl.DataFrame(self.snapshots, schema=_SNAPSHOT_SCHEMA, orient="row")
        return frame.with_columns(snapshot_id=pl.Series(snapshot_ids, dtype=pl.Int64))

    def entry_frame(self, snapshot_ids: list[int]) -> pl.DataFrame:
        """The ``entry`` rows, each pointing at its snapshot's reserved id."""
        frame = pl.DataFrame(self.entries, schema=_ENTRY_SCHEMA)
        ids = pl.Series(snapshot_ids, dtype=pl.Int64)
        return frame.with_columns(snapshot_id=ids.gather(frame["snapshot_index"])).drop("snapshot_index")

    def board_frame(self) -> pl.DataFrame:
        """The ``board`` rows of the boards the warehouse does not have yet."""
        rows = [
            {
                "board_id": b.board_id,
                "source_id": b.source,
                "arena": b.arena,
                "category": b.category,
                "variant": b.variant,
                "metric": b.metric,
                "unit": b.unit,
                "higher_is_better": b.higher_is_better,
            }
            for b in self.boards.values()
        ]
        return pl.DataFrame(rows, schema=_BOARD_SCHEMA, orient="row")

    def payload_frame(self) -> pl.DataFrame:
        """The ``raw_payload`` rows (the last record of a payload seen twice in the batch wins)."""
        now = datetime.now(UTC)
        latest = {record.sha256: record for record in self.payloads}
        rows = [
            {
                "sha256": r.sha256,
                "byte_count": r.byte_count,
                "origin": r.origin,
                "archived_path": r.archived_path,
                "format": r.format_name,
                "status": r.status,
                "error": r.error,
                "retrieved_at": r.retrieved_at,
                "first_seen_at": now,
                "run_id": r.run_id,
            }
            for r in latest.values()
        ]
        return pl.DataFrame(rows, schema=_PAYLOAD_SCHEMA, orient="row")


def _entry_columns(snapshot: Snapshot) -> dict[str, Sequence[Any]]:
    """The ``entry`` columns of one snapshot, with its rank intervals."""
    entries = snapshot.entries
    intervals = rank_intervals(entries, higher_is_better=snapshot.board.higher_is_better)
    source = snapshot.board.source
    # one pass over the entries, then transposed (zip, in C) into columns; no entries: empty ones
    rows = [
        (e.model_name, e.rank, e.score, e.ci_lower, e.ci_upper, e.votes, e.organization, e.license,
         e.preliminary, e.extra)
        for e in entries
    ]  # fmt: skip
    (names, ranks, scores, lowers, uppers, votes, organizations, licenses, preliminary, extras) = (
        list(zip(*rows, strict=True)) or [()] * 10
    )
    encode = msgspec.json.encode
    return {
        "position": range(1, len(entries) + 1),
        "model_name": names,
        # provisional: refresh_identity() resolves names against the registry after the load
        "model_id": [_unresolved_model_id(source, name) for name in names],
        "rank": ranks,
        "score": scores,
        "ci_lower": lowers,
        "ci_upper": uppers,
        "votes": votes,
        "organization": organizations,
        "license": licenses,
        "preliminary": preliminary,
        "rank_best": [i[0] if i else None for i in intervals],
        "rank_worst": [i[1] if i else None for i in intervals],
        "extra": [encode(extra).decode() if extra else None for extra in extras],
    }
