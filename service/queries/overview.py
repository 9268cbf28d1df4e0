"""Every board at a glance: its newest served snapshot and who is at rank 1 on it (the home page).

One query for all boards: asking ``board_leaders`` or ``board_leaderboard`` board by board costs
20-40 ms each, seconds for the ~200 boards.
"""

from __future__ import annotations

from datetime import date

import duckdb
import msgspec

from service.queries._rows import fetch_all
from service.queries.leaders import UB_RANK_FORMATS

__all__ = ("BoardTop", "board_tops")


class BoardTop(msgspec.Struct, frozen=True, kw_only=True):
    """A board's newest served snapshot and the model(s) at rank 1 on it."""

    board_id: str
    source_id: str
    arena: str
    category: str
    variant: str
    first_published_at: date
    published_at: date
    """Date of the newest served snapshot."""
    last_seen_on: date
    """Last day its data was seen."""
    ranked_count: int
    """Entries with a score on it."""
    leader_ids: list[str]
    """Model ids at rank 1 (several: co-leaders); empty when nobody has a rank."""
    leader_names: list[str]
    """The same models as the source writes them."""


# Rank 1 as ``board_leaders`` reads it: the source's own upper-bound rank where it publishes one,
# else ``rank_best``.
_BOARD_TOPS = """
WITH latest AS (
    SELECT s.board_id, s.snapshot_id, s.parser, s.published_at, s.last_seen_on, s.ranked_count,
        min(s.published_at) OVER (PARTITION BY s.board_id) AS first_published_at
    FROM served_snapshot AS s
    QUALIFY row_number() OVER (PARTITION BY s.board_id ORDER BY s.published_at DESC) = 1
),
top AS (
    SELECT l.snapshot_id,
        list(DISTINCT e.model_id ORDER BY e.model_id) AS leader_ids,
        list(DISTINCT e.model_name ORDER BY e.model_name) AS leader_names
    FROM latest AS l
    JOIN entry AS e ON e.snapshot_id = l.snapshot_id
    WHERE coalesce(
        try_cast(e.extra ->> 'rank_spread_best' AS INTEGER),
        CASE WHEN list_contains($ub_rank_formats::VARCHAR[], l.parser) THEN e.rank END,
        e.rank_best
    ) = 1
    GROUP BY l.snapshot_id
)
SELECT b.board_id, b.source_id, b.arena, b.category, b.variant,
    l.first_published_at, l.published_at, l.last_seen_on, coalesce(l.ranked_count, 0) AS ranked_count,
    coalesce(t.leader_ids, []) AS leader_ids, coalesce(t.leader_names, []) AS leader_names
FROM board AS b
JOIN latest AS l ON l.board_id = b.board_id
LEFT JOIN top AS t ON t.snapshot_id = l.snapshot_id
ORDER BY b.board_id
"""


def board_tops(cursor: duckdb.DuckDBPyConnection) -> list[BoardTop]:
    """Every board with a served snapshot: its newest date and its leader(s) there."""
    return fetch_all(cursor, _BOARD_TOPS, {"ub_rank_formats": list(UB_RANK_FORMATS)}, BoardTop)
