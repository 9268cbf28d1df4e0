"""Recomputing every change event after an ingest and storing them in ``change_event``.

The table is derived data: rewritten whole from the served history and the claim files, and
only when the result differs from what is stored (``warehouse_meta.changes_sha256``), so an
ingest that changes nothing publishes nothing new for it.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import msgspec
import polars as pl

from ingest.changes._board_events import board_events
from ingest.changes._claim_events import claim_events
from ingest.changes._records import KINDS, ChangeEvent
from ingest.claims import BoardHistory, load_claims_for
from ingest.transaction import transaction

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ("ChangesRefresh", "compute_change_events", "refresh_change_events")

_LIST = pl.List(pl.String)
_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "event_id": pl.String,
    "kind": pl.String,
    "board_id": pl.String,
    "claim_id": pl.String,
    "occurred_on": pl.Date,
    "previous_on": pl.Date,
    "model_ids": _LIST,
    "model_names": _LIST,
    "other_model_ids": _LIST,
    "rank_from": pl.Int32,
    "rank_to": pl.Int32,
    "score_from": pl.Float64,
    "score_to": pl.Float64,
    "verdict_from": pl.String,
    "verdict_to": pl.String,
    "discontinuities": _LIST,
    "title": pl.String,
    "summary": pl.String,
    "link": pl.String,
    "boards": _LIST,
}


@cache
def _arrow_schema() -> pa.Schema:
    # Built on first use, not at import: processes forked from one that imported this module
    # (the server's workers, the crash test's runs) must not inherit polars' thread pool mid-use.
    return pl.DataFrame(schema=_SCHEMA).to_arrow().schema


_NOTHING = hashlib.sha256(msgspec.json.encode([])).hexdigest()
"""The fingerprint of no events: what a warehouse that never computed any holds."""


@dataclass(frozen=True)
class ChangesRefresh:
    """What a refresh did."""

    events: int
    """Events in the table now."""
    kinds: dict[str, int] = field(default_factory=dict)
    """How many of each kind."""
    changed: bool = False
    """The stored events changed (the runner then publishes a new generation)."""
    seconds: float = 0.0
    """How long computing them took."""


def compute_change_events(
    connection: duckdb.DuckDBPyConnection, claims_dir: Path | None, *, today: date
) -> list[ChangeEvent]:
    """Every event, oldest day first (then board, kind, id): the board events of the served
    history and, with a claims folder, the verdict changes of its claims up to ``today``."""
    events = board_events(connection)
    if claims_dir is not None and claims_dir.is_dir():
        claim_set = load_claims_for(connection, claims_dir)
        events += claim_events(BoardHistory(connection), claim_set.claims, today=today)
    order = {kind: number for number, kind in enumerate(KINDS)}
    events.sort(key=lambda e: (e.occurred_on, e.board_id or "", order[e.kind], e.event_id))
    unique: dict[str, ChangeEvent] = {}
    for event in events:  # ids are unique by construction (one event per board, day, kind, model)
        unique.setdefault(event.event_id, event)
    return list(unique.values())


def refresh_change_events(
    connection: duckdb.DuckDBPyConnection,
    claims_dir: Path | None,
    *,
    inputs_changed: bool = True,
    today: date | None = None,
) -> ChangesRefresh:
    """Compute the events and rewrite ``change_event`` if they differ from the stored ones.

    ``inputs_changed``: the served history or the claims changed in this run. Without that, the
    stored events stand (if any were ever computed) and nothing is recomputed.
    """
    stored = connection.execute("SELECT value FROM warehouse_meta WHERE key = 'changes_sha256'").fetchone()
    if not inputs_changed and stored is not None:
        count = connection.execute("SELECT count(*) FROM change_event").fetchone()
        return ChangesRefresh(events=int(count[0]) if count else 0)
    started = time.perf_counter()
    events = compute_change_events(connection, claims_dir, today=today or datetime.now(UTC).date())
    rows = msgspec.to_builtins(events, builtin_types=(date,))
    fingerprint = hashlib.sha256(msgspec.json.encode(rows)).hexdigest()
    result = ChangesRefresh(
        events=len(events),
        kinds=dict(Counter(e.kind for e in events)),
        seconds=time.perf_counter() - started,
    )
    if (stored[0] if stored is not None else _NOTHING) == fingerprint:
        return result
    # through Arrow: polars builds its list columns from Python row by row (half a second here)
    import pyarrow as pa  # the writer's; an API worker that imports this module need not load it

    frame = pa.Table.from_pylist(rows, schema=_arrow_schema())
    with transaction(connection):
        connection.execute("DELETE FROM change_event")
        connection.register("new_change_events", frame)
        connection.execute("INSERT INTO change_event BY NAME SELECT * FROM new_change_events")
        connection.unregister("new_change_events")
        connection.execute(
            "INSERT OR REPLACE INTO warehouse_meta VALUES ('changes_sha256', ?)", [fingerprint]
        )
    return ChangesRefresh(
        events=result.events, kinds=result.kinds, changed=True, seconds=time.perf_counter() - started
    )
