"""The SQL of movement and movers (see ``service.queries.movement`` and docs/movement.md)."""

from __future__ import annotations

__all__ = ("BOARD_MOVES", "ENDS", "FIELD_SIZE_CHANGE", "METHOD_CHANGES", "MOVERS")

FIELD_SIZE_CHANGE = 0.10
"""A change in the number of ranked models larger than this share of the ``from`` field is a
discontinuity: rank numbers in fields of different sizes are on different scales."""

# Per board: the snapshot answering for each end (as-of: the latest served snapshot published on
# or before the day), with the facts checked between the two (see movement._discontinuities).
ENDS = """
SELECT
    board_id,
    max_by(facts, published_at) FILTER (WHERE published_at <= $from) AS from_snapshot,
    max_by(facts, published_at) AS to_snapshot
FROM (
    SELECT
        board_id, published_at,
        {
            'snapshot_id': snapshot_id, 'published_at': published_at, 'parser': parser,
            'truncated': truncated, 'ranked_count': ranked_count, 'has_intervals': has_intervals
        } AS facts
    FROM served_snapshot
    WHERE ($board IS NULL OR board_id = $board) AND ($to IS NULL OR published_at <= $to)
)
GROUP BY board_id
HAVING from_snapshot IS NOT NULL
ORDER BY board_id
"""

# The documented method changes published after a board's `from` snapshot, up to its `to`
# snapshot (the ends bound as parallel lists of boards and days).
METHOD_CHANGES = """
WITH ends AS (
    SELECT
        unnest($boards::VARCHAR[]) AS board_id,
        unnest($from_days::DATE[]) AS from_day,
        unnest($to_days::DATE[]) AS to_day
)
SELECT n.board_id, m.changed_on, m.description, m.reference
FROM ends AS n
JOIN method_change AS m
    ON n.board_id LIKE m.board_pattern AND n.from_day < m.changed_on AND m.changed_on <= n.to_day
ORDER BY n.board_id, m.changed_on
"""

# One line per (model, variant) and end, from the ends bound as parallel lists: the snapshot's
# `best_of_variant` line (served_line: ingest/warehouse/views/served_line_view.sql). `floor` and
# `ceiling` bound a line in "higher is better" space, so one comparison serves boards of either
# direction.
_END_LINES = """
ends AS (
    SELECT
        unnest($boards::VARCHAR[]) AS board_id,
        unnest($from_ids::BIGINT[]) AS from_snapshot_id,
        unnest($to_ids::BIGINT[]) AS to_snapshot_id
),
from_line AS (
    SELECT l.* FROM ends AS n JOIN served_line AS l ON l.snapshot_id = n.from_snapshot_id
    WHERE l.best_of_variant
),
to_line AS (
    SELECT l.* FROM ends AS n JOIN served_line AS l ON l.snapshot_id = n.to_snapshot_id
    WHERE l.best_of_variant
)
"""

_MOVES = f"""
WITH {_END_LINES},
move AS (
    SELECT
        coalesce(b.board_id, a.board_id) AS board_id,
        coalesce(b.model_id, a.model_id) AS model_id,
        coalesce(b.variant, a.variant) AS variant,
        coalesce(b.model_name, a.model_name) AS model_name,
        CASE WHEN a.model_id IS NULL THEN 'new' WHEN b.model_id IS NULL THEN 'dropped' ELSE 'stayed' END
            AS status,
        -- Up for sure: the worst rank it can hold now beats the best it could claim before.
        CASE
            WHEN a.model_id IS NULL OR b.model_id IS NULL THEN NULL
            WHEN b.rank_worst < a.rank_best THEN 'significant_up'
            WHEN b.rank_best > a.rank_worst THEN 'significant_down'
            ELSE 'within_noise'
        END AS significance,
        -- rank places beyond the noise (at least 1 exactly when significant)
        greatest(a.rank_best - b.rank_worst, b.rank_best - a.rank_worst) AS margin,
        a.rank AS rank_from, b.rank AS rank_to,
        a.rank_best AS rank_best_from, a.rank_worst AS rank_worst_from,
        b.rank_best AS rank_best_to, b.rank_worst AS rank_worst_to,
        a.rank_best - b.rank_best AS rank_delta,
        a.score AS score_from, b.score AS score_to, b.score - a.score AS score_delta,
        a.ci_lower AS ci_lower_from, a.ci_upper AS ci_upper_from,
        b.ci_lower AS ci_lower_to, b.ci_upper AS ci_upper_to,
        a.votes AS votes_from, b.votes AS votes_to,
        a.floor AS floor_from, a.ceiling AS ceiling_from, b.floor AS floor_to, b.ceiling AS ceiling_to,
        b.has_interval AS interval_to,
        a.published_at AS from_published_at, b.published_at AS to_published_at
    FROM from_line AS a
    FULL JOIN to_line AS b
        ON b.board_id = a.board_id AND b.model_id = a.model_id AND b.variant IS NOT DISTINCT FROM a.variant
)
"""

# Every line of one board's movement, best placed at `to` first, each with the models it
# overtook: pairs listed at both ends where A was not ahead of B at `from` and is ahead at `to`.
# "Ahead": A's floor above B's ceiling, i.e. A's lower bound above B's upper bound where both
# have intervals, the exact scores otherwise. Both conditions are inequalities, so one range
# join finds the few pairs without building all n^2. The bounds are reported as published
# (abs() undoes the sign flip of lower-is-better boards).
BOARD_MOVES = f"""
{_MOVES},
stayed AS (SELECT * FROM move WHERE status = 'stayed'),
overtake AS (
    SELECT
        x.model_id, x.variant,
        list({{
            'overtook_model_id': y.model_id, 'overtook_variant': y.variant,
            'overtook_model_name': y.model_name,
            'evidence': CASE WHEN x.interval_to AND y.interval_to THEN 'intervals' ELSE 'scores' END,
            'bound_from': abs(x.floor_from), 'other_bound_from': abs(y.ceiling_from),
            'bound_to': abs(x.floor_to), 'other_bound_to': abs(y.ceiling_to)
        }} ORDER BY y.model_id, y.variant NULLS FIRST) AS overtakes
    FROM stayed AS x
    JOIN stayed AS y
        ON y.board_id = x.board_id AND x.floor_to > y.ceiling_to AND x.floor_from <= y.ceiling_from
    GROUP BY x.model_id, x.variant
)
SELECT
    m.* EXCLUDE (
        board_id, margin, floor_from, ceiling_from, floor_to, ceiling_to, interval_to,
        from_published_at, to_published_at
    ),
    coalesce(o.overtakes, []) AS overtakes
FROM move AS m
LEFT JOIN overtake AS o ON o.model_id = m.model_id AND o.variant IS NOT DISTINCT FROM m.variant
ORDER BY m.rank_best_to NULLS LAST, m.rank_best_from, m.model_id, m.variant NULLS FIRST
"""

# Significant moves first (largest margin first), then, when asked, the moves within noise
# (largest rank change first); at most `limit` lines per significance class.
MOVERS = f"""
{_MOVES}
SELECT
    m.* EXCLUDE (status, rank_from, rank_to, ci_lower_from, ci_upper_from, ci_lower_to, ci_upper_to,
                 votes_from, votes_to, floor_from, ceiling_from, floor_to, ceiling_to, interval_to),
    NOT list_contains($incomparable::VARCHAR[], m.board_id) AS comparable
FROM move AS m
WHERE m.status = 'stayed' AND ($include_noise OR m.significance <> 'within_noise')
QUALIFY row_number() OVER (
    PARTITION BY m.significance
    ORDER BY m.margin DESC, abs(m.rank_delta) DESC, abs(m.score_delta) DESC, m.board_id, m.model_id,
        m.variant NULLS FIRST
) <= $limit
ORDER BY
    CASE m.significance WHEN 'significant_up' THEN 1 WHEN 'significant_down' THEN 2 ELSE 3 END,
    m.margin DESC, abs(m.rank_delta) DESC, abs(m.score_delta) DESC, m.board_id, m.model_id,
    m.variant NULLS FIRST
"""
