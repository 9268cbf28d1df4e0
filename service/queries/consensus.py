"""One ranking across boards: the mean percentile of each model's rank (see docs/movement.md).

On each board a model's percentile is ``1 - (rank_best - 1) / (n - 1)``, with ``n`` the number of
ranked models on that board (1 at the top, 0 at the bottom; 1 when it is alone). Percentiles,
unlike scores, compare across boards with different units and field sizes; the upper-bound rank
gives statistically tied models the same value. A model's consensus is the mean over the boards
it appears on, and only models on at least ``min_boards`` boards are ranked, so one lucky board
cannot put a model on top. Variants roll up to their model as in ``compare``: its best line
(lowest ``rank_best``, then best score) on each board.

Each board counts as of the day, from its latest *complete* served snapshot published on or
before it: a top-N list has no field size to scale a rank against.

Default boards: the headline board of every (source, arena), i.e. its ``overall`` category in
the first variant available of ``style_control`` (LMArena's default view), ``default``, ``raw``.
"""

from __future__ import annotations

from datetime import date

import duckdb

from ingest.errors import NotFoundError
from service.queries._rows import fetch_all
from service.schemas_analytics import ConsensusEntry, ConsensusRanking

__all__ = ("DEFAULT_VARIANT_PREFERENCE", "consensus_ranking")

DEFAULT_VARIANT_PREFERENCE = ("style_control", "default", "raw")
"""Order in which the variant of a source's overall board is picked by default."""

_CHOSEN = """
complete AS (
    SELECT
        board_id,
        max_by(snapshot_id, published_at) AS snapshot_id,
        max(published_at) AS published_at,
        max_by(ranked_count, published_at) AS ranked_count
    FROM served_snapshot
    WHERE NOT truncated AND ($as_of IS NULL OR published_at <= $as_of)
    GROUP BY board_id
),
-- the boards asked for, or the headline board of every (source, arena) with data on the day
chosen AS (
    SELECT c.*
    FROM complete AS c
    JOIN board AS b ON b.board_id = c.board_id
    WHERE CASE
        WHEN $boards IS NOT NULL THEN list_contains($boards::VARCHAR[], b.board_id)
        ELSE b.category = 'overall' AND list_contains($preference::VARCHAR[], b.variant)
    END
    QUALIFY $boards IS NOT NULL OR row_number() OVER (
        PARTITION BY b.source_id, b.arena ORDER BY list_position($preference::VARCHAR[], b.variant)
    ) = 1
)
"""

_CONSENSUS = f"""
WITH {_CHOSEN},
line AS (
    SELECT
        c.board_id, c.published_at, c.ranked_count, l.model_id, l.model_name, l.variant, l.rank_best,
        CASE WHEN c.ranked_count > 1
            THEN 1.0 - (l.rank_best - 1) / (c.ranked_count - 1)
            ELSE 1.0
        END AS percentile
    FROM chosen AS c
    -- roll-up: the model's best variant on the board (served_line_view.sql)
    JOIN served_line AS l ON l.snapshot_id = c.snapshot_id
    WHERE l.best_of_model AND l.rank_best IS NOT NULL
),
ranked AS (
    SELECT
        model_id,
        -- rounded: a parallel sum may differ in the last bit from one run to the next
        round(avg(percentile), 12) AS mean_percentile,
        min(percentile) AS min_percentile,
        max(percentile) AS max_percentile,
        count(*) AS coverage,
        list({{
            'board_id': board_id, 'published_at': published_at, 'model_name': model_name,
            'variant': variant, 'rank_best': rank_best, 'ranked_count': ranked_count,
            'percentile': percentile
        }} ORDER BY board_id) AS inputs
    FROM line
    GROUP BY model_id
    HAVING count(*) >= $min_boards
)
SELECT
    rank() OVER (ORDER BY mean_percentile DESC) AS consensus_rank,
    *,
    (SELECT list(board_id ORDER BY board_id) FROM chosen) AS boards
FROM ranked
ORDER BY consensus_rank, coverage DESC, model_id
LIMIT $limit
"""

_KNOWN_BOARDS = """
SELECT board_id FROM board WHERE list_contains($boards::VARCHAR[], board_id)
"""

_CHOSEN_BOARDS = f"""
WITH {_CHOSEN}
SELECT board_id FROM chosen ORDER BY board_id
"""


class _Row(ConsensusEntry, frozen=True, kw_only=True):
    boards: list[str]


def consensus_ranking(
    cursor: duckdb.DuckDBPyConnection,
    *,
    as_of: date | None,
    boards: list[str] | None,
    min_boards: int,
    limit: int,
) -> ConsensusRanking:
    """Models on at least ``min_boards`` of the boards, by mean percentile rank."""
    if boards is not None:
        known = {row[0] for row in cursor.execute(_KNOWN_BOARDS, {"boards": boards}).fetchall()}
        missing = [b for b in boards if b not in known]
        if missing:
            raise NotFoundError("board", missing[0])
    params = {
        "as_of": as_of,
        "boards": boards,
        "preference": list(DEFAULT_VARIANT_PREFERENCE),
        "min_boards": min_boards,
        "limit": limit,
    }
    rows = fetch_all(cursor, _CONSENSUS, params, _Row)
    if rows:
        chosen = rows[0].boards
    else:  # nobody qualifies: still say which boards were looked at
        chosen_params = {k: params[k] for k in ("as_of", "boards", "preference")}
        chosen = [row[0] for row in cursor.execute(_CHOSEN_BOARDS, chosen_params).fetchall()]
    return ConsensusRanking(
        as_of=as_of,
        boards=chosen,
        min_boards=min_boards,
        items=[ConsensusEntry(**{f: getattr(r, f) for f in ConsensusEntry.__struct_fields__}) for r in rows],
    )
