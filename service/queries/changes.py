"""Change events as the last ingest computed them (``change_event``, see docs/changes.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import duckdb
import msgspec

from ingest.changes import KINDS
from ingest.errors import NotFoundError
from service.queries._rows import fetch_dicts
from service.queries.identity import ModelNames
from service.schemas_changes import ChangeEvent

__all__ = ("ChangePage", "list_changes")

_MATCHING = """
FROM change_event
WHERE ($board IS NULL OR list_contains(boards, $board))
  AND ($kinds IS NULL OR list_contains($kinds::VARCHAR[], kind))
  AND ($model_id IS NULL OR list_contains(model_ids, $model_id) OR list_contains(other_model_ids, $model_id))
  AND ($from IS NULL OR occurred_on >= $from)
  AND ($to IS NULL OR occurred_on <= $to)
"""

# Newest day first; within a day by board (claims last), then in the order of KINDS. The page is
# cut here, with the number of matching events beside every row.
_PAGE = f"""
SELECT *, count(*) OVER () AS total
{_MATCHING}
ORDER BY occurred_on DESC, board_id NULLS LAST, list_position($kind_order::VARCHAR[], kind), event_id
LIMIT $limit OFFSET $offset
"""

_COUNT = f"SELECT count(*) {_MATCHING}"


class ChangePage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of events and how many match in all."""

    items: list[ChangeEvent]
    total: int


def list_changes(
    cursor: duckdb.DuckDBPyConnection,
    names: ModelNames,
    *,
    board: str | None = None,
    kinds: Sequence[str] | None = None,
    model: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> ChangePage:
    """Events matching every filter given, newest first: ``limit`` of them (all when ``None``)
    from ``offset``, and how many match in all.

    ``board`` keeps a board's events and the claim verdicts decided on it; ``model`` (an id or
    any source's name for it) keeps events about the model or naming it as a counterpart.
    """
    if (
        board is not None
        and cursor.execute("SELECT 1 FROM board WHERE board_id = ?", [board]).fetchone() is None
    ):
        raise NotFoundError("board", board)
    filters = {
        "board": board,
        "kinds": list(kinds) if kinds else None,
        "model_id": names.resolve(model)[0] if model is not None else None,
        "from": date_from,
        "to": date_to,
    }
    rows = fetch_dicts(
        cursor, _PAGE, {**filters, "kind_order": list(KINDS), "limit": limit, "offset": offset}
    )
    if rows:
        total = int(rows[0].pop("total"))
        for row in rows[1:]:
            del row["total"]
    else:  # nothing on this page: count on its own (past the end of the list)
        counted = cursor.execute(_COUNT, filters).fetchone()
        total = int(counted[0]) if counted else 0
    return ChangePage(items=[msgspec.convert(row, ChangeEvent, strict=False) for row in rows], total=total)
