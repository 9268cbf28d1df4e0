"""Rank movement on a board between two days, and the biggest movers (see docs/movement.md).

Both ends are as-of: the board as of day D is the latest served snapshot published on or before D.
A request first resolves the ends of every board concerned (``ENDS``) and the method changes
between them (``METHOD_CHANGES``); the other discontinuities follow from the facts stored with
each served snapshot. Then the lines of those snapshots are compared, with the ends bound as
parallel lists (``BOARD_MOVES`` with each line's overtakes, or ``MOVERS``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb
import msgspec

from ingest.errors import NotFoundError
from service.queries._movement_sql import (
    BOARD_MOVES,
    ENDS,
    FIELD_SIZE_CHANGE,
    METHOD_CHANGES,
    MOVERS,
)
from service.queries._rows import fetch_all, fetch_dicts
from service.schemas_movement import (
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


class _MethodChange(msgspec.Struct, frozen=True, kw_only=True):
    board_id: str
    changed_on: date
    description: str
    reference: str


def _discontinuities(ends: _BoardEnds, method_changes: list[_MethodChange]) -> list[Discontinuity]:
    """Why the two ends of a board are not comparable (empty: comparable), by day then kind.

    A documented method change between them; a top-N list at either end (models below the cut
    are missing, not dropped); the field growing or shrinking by more than ``FIELD_SIZE_CHANGE``
    of its size at ``from`` (ranks in fields of different sizes are on different scales);
    intervals at one end only (one side's ranks are exact, the other's are intervals).
    """
    start, end = ends.from_snapshot, ends.to_snapshot

    def discontinuity(
        kind: str, occurred_on: date, description: str, reference: str | None = None
    ) -> Discontinuity:
        return Discontinuity(
            board_id=ends.board_id,
            kind=kind,
            occurred_on=occurred_on,
            description=description,
            reference=reference,
        )

    found = [
        discontinuity("method_change", change.changed_on, change.description, change.reference)
        for change in method_changes
    ]
    found += [
        discontinuity(
            "truncated_list",
            snapshot.published_at,
            f"The snapshot of {snapshot.published_at} lists only the top {snapshot.ranked_count} models.",
        )
        for snapshot in {s.snapshot_id: s for s in (start, end)}.values()
        if snapshot.truncated
    ]
    if abs(end.ranked_count - start.ranked_count) > FIELD_SIZE_CHANGE * start.ranked_count:
        found.append(
            discontinuity(
                "field_size_change",
                end.published_at,
                f"Ranked models went from {start.ranked_count} to {end.ranked_count} "
                f"(a change of more than {FIELD_SIZE_CHANGE:.0%}).",
            )
        )
    if start.has_intervals != end.has_intervals:
        found.append(
            discontinuity(
                "intervals_changed",
                end.published_at,
                f"Confidence intervals at one end only (from: {str(start.has_intervals).lower()}, "
                f"to: {str(end.has_intervals).lower()}).",
            )
        )
    return sorted(found, key=lambda d: (d.occurred_on, d.kind))


def _resolve_ends(
    cursor: duckdb.DuckDBPyConnection, board: str | None, date_from: date, date_to: date | None
) -> list[tuple[_BoardEnds, list[Discontinuity]]]:
    """Each board's two ends with the discontinuities between them."""
    params = {"board": board, "from": date_from, "to": date_to}
    resolved = fetch_all(cursor, ENDS, params, _BoardEnds)
    bound = {
        "boards": [e.board_id for e in resolved],
        "from_days": [e.from_snapshot.published_at for e in resolved],
        "to_days": [e.to_snapshot.published_at for e in resolved],
    }
    changes: dict[str, list[_MethodChange]] = defaultdict(list)
    for change in fetch_all(cursor, METHOD_CHANGES, bound, _MethodChange):
        changes[change.board_id].append(change)
    return [(ends, _discontinuities(ends, changes[ends.board_id])) for ends in resolved]


def _bound(ends: list[_BoardEnds]) -> dict[str, list[str] | list[int]]:
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
    resolved = _resolve_ends(cursor, board_id, date_from, date_to)
    if not resolved:  # an unknown board, or nothing published by `from`
        _require_board(cursor, board_id)
        raise NotFoundError("snapshot", f"{board_id} on or before {date_from}")
    ends, found = resolved[0]
    rows = fetch_dicts(cursor, BOARD_MOVES, _bound([ends]))
    overtaken_by: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for row in rows:
        for o in row["overtakes"]:
            overtaken_by[(o["overtook_model_id"], o["overtook_variant"])].append(row["model_id"])
    items = [
        msgspec.convert(
            {
                **row,
                "comparable": not found,
                "overtook": [o["overtook_model_id"] for o in row["overtakes"]],
                "overtaken_by": sorted(overtaken_by[(row["model_id"], row["variant"])]),
            },
            MovementLine,
            strict=False,
        )
        for row in rows
    ]
    overtakes = [
        msgspec.convert({"model_id": row["model_id"], "model_name": row["model_name"], **o}, Overtake)
        for row in rows
        for o in row["overtakes"]
    ]
    return Movement(
        board_id=board_id,
        date_from=date_from,
        date_to=date_to,
        from_snapshot=ends.from_snapshot,
        to_snapshot=ends.to_snapshot,
        comparable=not found,
        discontinuities=found,
        overtakes=sorted(overtakes, key=lambda o: (o.model_id, o.overtook_model_id)),
        items=items,
    )


def movers(
    cursor: duckdb.DuckDBPyConnection,
    *,
    board: str | None,
    date_from: date,
    date_to: date | None,
    include_noise: bool,
    include_discontinuous: bool,
    limit: int,
) -> MoverList:
    """The largest significant moves up and down (``limit`` each) between two days.

    Boards with a discontinuity between the ends are left out unless ``include_discontinuous``;
    boards without a newer snapshot at ``date_to`` than at ``date_from`` have no moves.
    """
    if board is not None:
        _require_board(cursor, board)
    resolved = _resolve_ends(cursor, board, date_from, date_to)
    # A board with the same snapshot at both ends has not moved: nothing to compare there.
    used = [
        ends
        for ends, found in resolved
        if ends.from_snapshot.snapshot_id != ends.to_snapshot.snapshot_id
        and (include_discontinuous or not found)
    ]
    params = {
        **_bound(used),
        "incomparable": [ends.board_id for ends, found in resolved if found],
        "include_noise": include_noise,
        "limit": limit,
    }
    moves = fetch_all(cursor, MOVERS, params, Mover)
    return MoverList(
        date_from=date_from,
        date_to=date_to,
        since=date_from,
        until=date_to,
        discontinuities=[d for _, found in resolved for d in found],
        items=moves,
    )
