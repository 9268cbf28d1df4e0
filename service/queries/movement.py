"""Rank movement on a board between two days, and the biggest movers (see docs/movement.md).

Both ends are as-of: the board as of day D is the latest served snapshot published on or before D.
A request runs two queries: the first resolves the ends of every board concerned and what lies
between them (the only use of the costly ``served_snapshot`` view); the second compares the
entries of those snapshots, with the ends bound as parallel lists.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import msgspec

from ingest.errors import NotFoundError
from service.queries._movement_sql import BOARD_MOVES, ENDS, FIELD_SIZE_CHANGE, MOVERS
from service.queries._rows import fetch_all
from service.schemas_analytics import (
    Discontinuity,
    Movement,
    MovementEnd,
    MovementLine,
    Mover,
    MoverList,
    Overtake,
)

__all__ = ("FIELD_SIZE_CHANGE", "board_movement", "movers")


class _BoardEnds(msgspec.Struct, frozen=True, kw_only=True):
    board_id: str
    from_snapshot: MovementEnd
    to_snapshot: MovementEnd
    discontinuities: list[Discontinuity]


class _MovementRow(MovementLine, frozen=True, kw_only=True):
    overtakes: list[dict[str, Any]]


def _resolve_ends(
    cursor: duckdb.DuckDBPyConnection, board: str | None, date_from: date, date_to: date | None
) -> list[_BoardEnds]:
    params = {"board": board, "from": date_from, "to": date_to}
    rows = fetch_all(cursor, ENDS, params, dict[str, Any])
    return [
        msgspec.convert(
            {**row, "discontinuities": [{"board_id": row["board_id"], **d} for d in row["discontinuities"]]},
            _BoardEnds,
            strict=False,
        )
        for row in rows
    ]


def _bound(ends: list[_BoardEnds]) -> dict[str, Any]:
    return {
        "boards": [e.board_id for e in ends],
        "from_ids": [e.from_snapshot.snapshot_id for e in ends],
        "to_ids": [e.to_snapshot.snapshot_id for e in ends],
    }


def _require_board(cursor: duckdb.DuckDBPyConnection, board_id: str) -> None:
    if cursor.execute("SELECT 1 FROM board WHERE board_id = ?", [board_id]).fetchone() is None:
        raise NotFoundError("board", board_id)


def board_movement(
    cursor: duckdb.DuckDBPyConnection, board_id: str, date_from: date, date_to: date | None
) -> Movement:
    """Every model's move on a board between the snapshots current on ``date_from`` and ``date_to``."""
    _require_board(cursor, board_id)
    resolved = _resolve_ends(cursor, board_id, date_from, date_to)
    if not resolved:
        raise NotFoundError("snapshot", f"{board_id} on or before {date_from}")
    ends = resolved[0]
    params = {**_bound(resolved), "comparable": not ends.discontinuities}
    rows = fetch_all(cursor, BOARD_MOVES, params, _MovementRow)
    overtakes = [
        msgspec.convert({"model_id": row.model_id, "model_name": row.model_name, **o}, Overtake)
        for row in rows
        for o in row.overtakes
    ]
    items = [MovementLine(**{f: getattr(row, f) for f in MovementLine.__struct_fields__}) for row in rows]
    return Movement(
        board_id=board_id,
        date_from=date_from,
        date_to=date_to,
        from_snapshot=ends.from_snapshot,
        to_snapshot=ends.to_snapshot,
        comparable=not ends.discontinuities,
        discontinuities=ends.discontinuities,
        overtakes=sorted(overtakes, key=lambda o: (o.model_id, o.overtook_model_id)),
        items=items,
    )


def movers(
    cursor: duckdb.DuckDBPyConnection,
    *,
    board: str | None,
    since: date,
    until: date | None,
    include_noise: bool,
    include_discontinuous: bool,
    limit: int,
) -> MoverList:
    """The largest significant moves up and down (``limit`` each) between two days.

    Boards with a discontinuity between the ends are left out unless ``include_discontinuous``;
    boards without a newer snapshot at ``until`` than at ``since`` have no moves.
    """
    if board is not None:
        _require_board(cursor, board)
    resolved = _resolve_ends(cursor, board, since, until)
    # A board with the same snapshot at both ends has not moved: nothing to compare there.
    used = [
        e
        for e in resolved
        if e.from_snapshot.snapshot_id != e.to_snapshot.snapshot_id
        and (include_discontinuous or not e.discontinuities)
    ]
    params = {
        **_bound(used),
        "incomparable": [e.board_id for e in resolved if e.discontinuities],
        "include_noise": include_noise,
        "limit": limit,
    }
    moves = fetch_all(cursor, MOVERS, params, Mover)
    discontinuities = [d for e in resolved for d in e.discontinuities]
    return MoverList(since=since, until=until, discontinuities=discontinuities, items=moves)
