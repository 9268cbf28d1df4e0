"""The SQL of movement and movers (see ``service.queries.movement`` and docs/movement.md)."""

from __future__ import annotations

__all__ = ("BOARD_MOVES", "ENDS", "FIELD_SIZE_CHANGE", "MOVERS")

FIELD_SIZE_CHANGE = 0.10
"""A change in the number of ranked models larger than this share of the ``from`` field is a
discontinuity: rank numbers in fields of different sizes are on different scales."""

# Per board: the snapshot answering for each end, the facts about both, and every reason the two
# are not comparable (no reason: comparable).
ENDS = f"""
WITH ends AS (
    SELECT
        board_id,
        max_by(snapshot_id, published_at) FILTER (WHERE published_at <= $from) AS from_snapshot_id,
        max_by(snapshot_id, published_at) AS to_snapshot_id
    FROM served_snapshot
    WHERE ($board IS NULL OR board_id = $board) AND ($to IS NULL OR published_at <= $to)
    GROUP BY board_id
    HAVING from_snapshot_id IS NOT NULL
),
end_facts AS (
    SELECT
        s.snapshot_id, s.published_at, s.parser, s.truncated,
        count(e.score) AS ranked_count,
        coalesce(bool_or(e.ci_lower IS NOT NULL AND e.ci_upper IS NOT NULL), false) AS has_intervals
    FROM snapshot AS s
    LEFT JOIN entry AS e ON e.snapshot_id = s.snapshot_id
    WHERE s.snapshot_id IN (SELECT from_snapshot_id FROM ends UNION SELECT to_snapshot_id FROM ends)
    GROUP BY ALL
),
end_pair AS (
    SELECT n.board_id, f AS from_snapshot, t AS to_snapshot
    FROM ends AS n
    JOIN end_facts AS f ON f.snapshot_id = n.from_snapshot_id
    JOIN end_facts AS t ON t.snapshot_id = n.to_snapshot_id
),
discontinuity AS (
    -- a documented method change published after the `from` snapshot, up to the `to` snapshot
    SELECT p.board_id, 'method_change' AS kind, m.changed_on AS occurred_on, m.description, m.reference
    FROM end_pair AS p
    JOIN method_change AS m
        ON p.board_id LIKE m.board_pattern
        AND p.from_snapshot.published_at < m.changed_on
        AND m.changed_on <= p.to_snapshot.published_at
    UNION ALL
    -- a top-N list at either end: models below the cut are missing, not dropped
    SELECT p.board_id, 'truncated_list', x.published_at,
        'The snapshot of ' || x.published_at || ' lists only the top ' || x.ranked_count || ' models.',
        NULL
    FROM end_pair AS p
    JOIN end_facts AS x
        ON x.snapshot_id = p.from_snapshot.snapshot_id OR x.snapshot_id = p.to_snapshot.snapshot_id
    WHERE x.truncated
    UNION ALL
    -- the field grew or shrank by more than {FIELD_SIZE_CHANGE:.0%} of its size at `from`
    SELECT board_id, 'field_size_change', to_snapshot.published_at,
        'Ranked models went from ' || from_snapshot.ranked_count || ' to ' || to_snapshot.ranked_count
            || ' (a change of more than {FIELD_SIZE_CHANGE:.0%}).',
        NULL
    FROM end_pair
    WHERE abs(to_snapshot.ranked_count - from_snapshot.ranked_count)
        > {FIELD_SIZE_CHANGE} * from_snapshot.ranked_count
    UNION ALL
    -- intervals at one end only: one side's ranks are exact, the other's are intervals
    SELECT board_id, 'intervals_changed', to_snapshot.published_at,
        'Confidence intervals at one end only (from: ' || from_snapshot.has_intervals
            || ', to: ' || to_snapshot.has_intervals || ').',
        NULL
    FROM end_pair
    WHERE from_snapshot.has_intervals <> to_snapshot.has_intervals
)
SELECT
    p.board_id, p.from_snapshot, p.to_snapshot,
    coalesce(list(d ORDER BY d.occurred_on, d.kind) FILTER (WHERE d.kind IS NOT NULL), [])
        AS discontinuities
FROM end_pair AS p
LEFT JOIN discontinuity AS d ON d.board_id = p.board_id
GROUP BY ALL
ORDER BY p.board_id
"""

# One line per (model, variant) and end, from the ends bound as parallel lists; a snapshot listing
# a model twice keeps its best line. `floor`/`ceiling` bound the line in "higher is better" space
# (so one comparison serves boards of either direction); a line without an interval is a point,
# as in rank_best/rank_worst.
_MOVES = """
WITH ends AS (
    SELECT
        unnest($boards::VARCHAR[]) AS board_id,
        unnest($from_ids::BIGINT[]) AS from_snapshot_id,
        unnest($to_ids::BIGINT[]) AS to_snapshot_id
),
end_snapshot AS (
    SELECT board_id, unnest(list_distinct([from_snapshot_id, to_snapshot_id])) AS snapshot_id FROM ends
),
line AS (
    SELECT
        n.board_id, e.snapshot_id, e.model_id, e.variant, e.model_name, e.rank, e.rank_best,
        e.rank_worst, e.score, e.ci_lower, e.ci_upper, e.votes,
        e.ci_lower IS NOT NULL AND e.ci_upper IS NOT NULL AS has_interval,
        CASE WHEN b.higher_is_better
            THEN coalesce(e.ci_lower, e.score) ELSE -coalesce(e.ci_upper, e.score) END AS floor,
        CASE WHEN b.higher_is_better
            THEN coalesce(e.ci_upper, e.score) ELSE -coalesce(e.ci_lower, e.score) END AS ceiling
    FROM end_snapshot AS n
    JOIN board AS b ON b.board_id = n.board_id
    JOIN entry AS e ON e.snapshot_id = n.snapshot_id
    WHERE e.score IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY n.board_id, e.snapshot_id, e.model_id, e.variant ORDER BY e.rank_best, e.position
    ) = 1
),
from_line AS (
    SELECT l.* FROM line AS l JOIN ends AS n USING (board_id) WHERE l.snapshot_id = n.from_snapshot_id
),
to_line AS (
    SELECT l.* FROM line AS l JOIN ends AS n USING (board_id) WHERE l.snapshot_id = n.to_snapshot_id
),
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
        b.has_interval AS interval_to
    FROM from_line AS a
    FULL JOIN to_line AS b
        ON b.board_id = a.board_id AND b.model_id = a.model_id AND b.variant IS NOT DISTINCT FROM a.variant
)
"""

# Pairs listed at both ends where A was not ahead of B at `from` and is ahead at `to`. "Ahead":
# A's floor above B's ceiling, i.e. A's lower bound above B's upper bound where both have
# intervals, the exact scores otherwise. Both conditions are inequalities, so one range join
# (IEJoin) finds the few pairs without building all n^2. The bounds are reported as published
# (abs() undoes the sign flip of lower-is-better boards).
BOARD_MOVES = f"""
{_MOVES},
stayed AS (SELECT * FROM move WHERE status = 'stayed'),
overtake AS (
    SELECT
        x.model_id, x.variant, y.model_id AS other_model_id, y.variant AS other_variant,
        {{
            'overtook_model_id': y.model_id,
            'overtook_model_name': y.model_name,
            'evidence': CASE WHEN x.interval_to AND y.interval_to THEN 'intervals' ELSE 'scores' END,
            'bound_from': abs(x.floor_from), 'other_bound_from': abs(y.ceiling_from),
            'bound_to': abs(x.floor_to), 'other_bound_to': abs(y.ceiling_to)
        }} AS detail
    FROM stayed AS x
    JOIN stayed AS y ON x.floor_to > y.ceiling_to AND x.floor_from <= y.ceiling_from
),
overtook AS (
    SELECT model_id, variant, list(detail ORDER BY other_model_id) AS overtakes,
        list(other_model_id ORDER BY other_model_id) AS overtook
    FROM overtake
    GROUP BY model_id, variant
),
overtaken AS (
    SELECT other_model_id AS model_id, other_variant AS variant,
        list(model_id ORDER BY model_id) AS overtaken_by
    FROM overtake
    GROUP BY other_model_id, other_variant
)
SELECT
    m.* EXCLUDE (board_id, margin, floor_from, ceiling_from, floor_to, ceiling_to, interval_to),
    $comparable AS comparable,
    coalesce(a.overtakes, []) AS overtakes,
    coalesce(a.overtook, []) AS overtook,
    coalesce(b.overtaken_by, []) AS overtaken_by
FROM move AS m
LEFT JOIN overtook AS a ON a.model_id = m.model_id AND a.variant IS NOT DISTINCT FROM m.variant
LEFT JOIN overtaken AS b ON b.model_id = m.model_id AND b.variant IS NOT DISTINCT FROM m.variant
ORDER BY m.rank_best_to NULLS LAST, m.rank_best_from, m.model_id
"""

# Significant moves first (largest margin first), then, when asked, the moves within noise
# (largest rank change first); at most `limit` lines per significance class.
MOVERS = f"""
{_MOVES}
SELECT
    m.* EXCLUDE (status, rank_from, rank_to, ci_lower_from, ci_upper_from, ci_lower_to, ci_upper_to,
                 votes_from, votes_to, floor_from, ceiling_from, floor_to, ceiling_to, interval_to),
    NOT list_contains($incomparable::VARCHAR[], m.board_id) AS comparable,
    f.published_at AS from_published_at, t.published_at AS to_published_at
FROM move AS m
JOIN ends AS n ON n.board_id = m.board_id
JOIN snapshot AS f ON f.snapshot_id = n.from_snapshot_id
JOIN snapshot AS t ON t.snapshot_id = n.to_snapshot_id
WHERE m.status = 'stayed' AND ($include_noise OR m.significance <> 'within_noise')
QUALIFY row_number() OVER (
    PARTITION BY m.significance ORDER BY m.margin DESC, abs(m.rank_delta) DESC, abs(m.score_delta) DESC
) <= $limit
ORDER BY
    CASE m.significance WHEN 'significant_up' THEN 1 WHEN 'significant_down' THEN 2 ELSE 3 END,
    m.margin DESC, abs(m.rank_delta) DESC, abs(m.score_delta) DESC, m.board_id, m.model_id
"""
