"""Who held rank 1 on a board and when, as reigns (see docs/movement.md, "Leaders").

A model holds rank 1 on a snapshot when its upper-bound rank is 1: nobody's interval lies wholly
above its own. Where the source publishes that rank itself, its statement wins over ours: the
legacy CSV's and the Cherry pages' ``排名(UB)`` column, and the Cherry pages' rank spread. LMArena
computed them from unrounded intervals, while we only see intervals rounded to whole points, so
our ``rank_best`` ties a few models the source had separated (e.g. Gemini-Exp-1121, published
rank 2 on 2025-01-07, has ``rank_best`` 1 here). Other formats publish ordinal ranks (1, 2, 3...)
or none, and there ``rank_best`` decides.

Several models at rank 1 are co-leaders of one reign; a sole leader is the only one at rank 1,
which means no other model's interval reaches above its lower bound (``rank_worst`` 1 in the
source's own terms). A reign lasts while the set of leaders stays the same, from the first day
it was published to the day before the next reign starts (the current reign: to the last day its
data was seen).
"""

from __future__ import annotations

from datetime import date

import duckdb

from ingest.errors import NotFoundError
from service.queries._rows import fetch_all
from service.schemas_analytics import Leaders, Reign

__all__ = ("UB_RANK_FORMATS", "board_leaders")

UB_RANK_FORMATS = ("lmarena-legacy-csv", "lmarena-cherry-md")
"""Formats whose published ``rank`` is LMArena's upper-bound rank. Cherry pages publishing an
ordinal rank carry the upper bound as ``extra.rank_spread_best``, which is read first."""

_REIGNS = """
WITH history AS (
    -- as of the day: what had been published by then, seen until that day at the latest
    SELECT
        s.snapshot_id, s.published_at, s.parser,
        least(s.last_seen_on, coalesce($as_of, s.last_seen_on)) AS last_seen_on
    FROM served_snapshot AS s
    WHERE s.board_id = $board_id AND ($as_of IS NULL OR s.published_at <= $as_of)
),
at_the_top AS (
    SELECT h.snapshot_id, h.published_at, h.last_seen_on, e.model_id, e.model_name,
        e.ci_lower IS NOT NULL AND e.ci_upper IS NOT NULL AS has_interval
    FROM history AS h
    JOIN entry AS e ON e.snapshot_id = h.snapshot_id
    WHERE coalesce(
        try_cast(e.extra ->> 'rank_spread_best' AS INTEGER),                      -- the source's spread
        CASE WHEN list_contains($ub_rank_formats::VARCHAR[], h.parser) THEN e.rank END,  -- "Rank (UB)"
        e.rank_best                                                               -- ours
    ) = 1
),
leader AS (
    SELECT
        snapshot_id, published_at, last_seen_on, bool_or(has_interval) AS has_intervals,
        list(DISTINCT model_id ORDER BY model_id) AS model_ids,
        list(DISTINCT model_name ORDER BY model_name) AS model_names
    FROM at_the_top
    GROUP BY snapshot_id, published_at, last_seen_on
    -- Once a board has snapshots with intervals, snapshots without them (exact ranks from point
    -- scores, e.g. the wide Elo table between the legacy CSVs) are left out: they would turn
    -- every co-leadership into a sole one and back.
    QUALIFY has_intervals
        OR published_at < coalesce(min(published_at) FILTER (WHERE has_intervals) OVER (), DATE '9999-12-31')
),
-- gaps and islands: a new reign starts wherever the set of leaders changes
numbered AS (
    SELECT
        *,
        sum(CASE WHEN model_ids IS DISTINCT FROM previous_ids THEN 1 ELSE 0 END)
            OVER (ORDER BY published_at ROWS UNBOUNDED PRECEDING) AS reign
    FROM (SELECT *, lag(model_ids) OVER (ORDER BY published_at) AS previous_ids FROM leader)
),
reign AS (
    SELECT
        reign,
        any_value(model_ids) AS model_ids,
        list(DISTINCT name ORDER BY name) AS model_names,
        min(published_at) AS first_day,
        max(last_seen_on) AS last_seen_on,
        count(DISTINCT snapshot_id) AS snapshot_count
    FROM numbered, unnest(model_names) AS n(name)
    GROUP BY reign
)
SELECT *, last_day - first_day + 1 AS days
FROM (
    SELECT
        reign, model_ids, model_names, len(model_ids) = 1 AS sole, first_day,
        coalesce(lead(first_day) OVER (ORDER BY reign) - 1, last_seen_on) AS last_day,
        last_seen_on, snapshot_count
    FROM reign
)
ORDER BY reign
"""


def board_leaders(cursor: duckdb.DuckDBPyConnection, board_id: str, as_of: date | None = None) -> Leaders:
    """The reigns at rank 1 over the board's served history up to ``as_of`` (all when ``None``),
    oldest first; the last reign ends on ``as_of`` at the latest."""
    if cursor.execute("SELECT 1 FROM board WHERE board_id = ?", [board_id]).fetchone() is None:
        raise NotFoundError("board", board_id)
    params = {"board_id": board_id, "as_of": as_of, "ub_rank_formats": list(UB_RANK_FORMATS)}
    return Leaders(board_id=board_id, as_of=as_of, items=fetch_all(cursor, _REIGNS, params, Reign))
