"""The SQL of board change events, run by the writer over the materialised served history.

Reads ``served_snapshot`` and ``served_line`` (migrations 007 and 011, rewritten by
``Warehouse.materialize``), ``entry``, ``model`` and ``method_change``. Every query returns one
row per event with the facts its title is written from (``ingest.changes._board_events``).
"""

from __future__ import annotations

__all__ = (
    "DISCONTINUITIES",
    "DROP_STEP_TABLES",
    "LEADER_CHANGES",
    "NEW_MODELS",
    "NOISE_TOP",
    "OVERTAKES",
    "OVERTAKE_TOP",
    "STEP_TABLES",
    "TOP10_CHANGES",
    "TOP_PLACES",
    "UB_RANK_FORMATS",
)

UB_RANK_FORMATS = ("lmarena-legacy-csv", "lmarena-cherry-md")
"""Formats whose published rank is LMArena's upper-bound rank (as ``/v1/leaders`` reads them)."""
TOP_PLACES = 10
"""``enters_top10`` / ``leaves_top10``: the first this many places."""
OVERTAKE_TOP = 20
"""Significant overtakes are reported where both models are within the first this many places."""
NOISE_TOP = 10
"""Overtakes within noise (daily score jitter, mostly) only within the first this many places."""

# The snapshots events compare, and each one's predecessor, as temporary tables the queries below
# share (created by `STEP_TABLES`, dropped by `DROP_STEP_TABLES`). As in /v1/leaders, once a
# board has snapshots with intervals, snapshots without them (exact ranks from point scores, e.g.
# the wide Elo table between the legacy CSVs) are left out: they would flip every comparison and
# back. `place` is the order a reader sees: each model once (its best variant, served_line's
# best_of_model), by score in the board's direction, then upper-bound rank, then source order.
STEP_TABLES: tuple[str, ...] = (
    """
CREATE OR REPLACE TEMP TABLE change_step AS
WITH event_snapshot AS (
    SELECT board_id, snapshot_id, published_at, has_intervals
    FROM served_snapshot
    QUALIFY has_intervals OR published_at < coalesce(
        min(published_at) FILTER (WHERE has_intervals) OVER (PARTITION BY board_id), DATE '9999-12-31'
    )
)
SELECT
    *,
    lag(snapshot_id) OVER w AS previous_id,
    lag(published_at) OVER w AS previous_on,
    lag(has_intervals) OVER w AS previous_intervals
FROM event_snapshot
WINDOW w AS (PARTITION BY board_id ORDER BY published_at)
""",
    """
CREATE OR REPLACE TEMP TABLE change_placed AS
SELECT
    l.snapshot_id, l.model_id, l.model_name, l.score, l.floor, l.ceiling,
    CASE WHEN b.higher_is_better THEN l.score ELSE -l.score END AS merit,
    coalesce(m.display_name, l.model_name) || coalesce(' (' || l.variant || ')', '') AS label,
    row_number() OVER (
        PARTITION BY l.snapshot_id
        ORDER BY CASE WHEN b.higher_is_better THEN l.score ELSE -l.score END DESC, l.rank_best, l.position
    ) AS place
FROM served_line AS l
JOIN board AS b ON b.board_id = l.board_id
LEFT JOIN model AS m ON m.model_id = l.model_id
WHERE l.best_of_model AND l.snapshot_id IN (SELECT snapshot_id FROM change_step)
""",
    # every model at both ends of a step (one end only: new or gone)
    """
CREATE OR REPLACE TEMP TABLE change_moved AS
WITH at_to AS (
    SELECT st.snapshot_id AS step_id, p.*
    FROM change_step AS st JOIN change_placed AS p ON p.snapshot_id = st.snapshot_id
    WHERE st.previous_id IS NOT NULL
),
at_from AS (
    SELECT st.snapshot_id AS step_id, p.*
    FROM change_step AS st JOIN change_placed AS p ON p.snapshot_id = st.previous_id
)
SELECT
    coalesce(b.step_id, a.step_id) AS step_id,
    coalesce(b.model_id, a.model_id) AS model_id,
    coalesce(b.label, a.label) AS label,
    coalesce(b.model_name, a.model_name) AS model_name,
    a.place AS place_from, b.place AS place_to,
    a.score AS score_from, b.score AS score_to,
    a.floor AS floor_from, b.floor AS floor_to,
    a.ceiling AS ceiling_from, b.ceiling AS ceiling_to,
    a.merit AS merit_from, b.merit AS merit_to
FROM at_to AS b
FULL JOIN at_from AS a ON a.step_id = b.step_id AND a.model_id = b.model_id
""",
)
DROP_STEP_TABLES: tuple[str, ...] = tuple(
    f"DROP TABLE IF EXISTS {name}" for name in ("change_moved", "change_placed", "change_step")
)

# The method changes published after a step's previous snapshot, up to its own.
_METHOD_CHANGES = """
method_changes AS (
    SELECT st.snapshot_id AS step_id, list(m.description ORDER BY m.changed_on) AS descriptions
    FROM change_step AS st
    JOIN method_change AS m
        ON st.board_id LIKE m.board_pattern AND st.previous_on < m.changed_on
        AND m.changed_on <= st.published_at
    GROUP BY st.snapshot_id
)
"""

# A step across which scores or intervals are not like for like: a documented method change,
# or the first snapshot with intervals after snapshots without.
DISCONTINUITIES = f"""
WITH {_METHOD_CHANGES}
SELECT
    st.board_id, st.published_at AS occurred_on, st.previous_on,
    coalesce(mc.descriptions, []) AS method_changes,
    st.has_intervals <> st.previous_intervals AS intervals_changed
FROM change_step AS st
LEFT JOIN method_changes AS mc ON mc.step_id = st.snapshot_id
WHERE st.previous_id IS NOT NULL AND (mc.step_id IS NOT NULL OR st.has_intervals <> st.previous_intervals)
ORDER BY st.board_id, st.published_at
"""

# Pairs that changed order near the top of a comparable step, one row per model that moved
# ahead with the models it passed (best placed first). Significant, among the first $top places:
# its interval is now wholly above the other's (floor above ceiling, the movement engine's
# "overtook"), which it was not before. Within noise, among the first $noise_top places: it
# passed the other by score while the intervals still overlap. Steps across a discontinuity are
# left out.
OVERTAKES = f"""
WITH {_METHOD_CHANGES},
comparable AS (
    SELECT st.* FROM change_step AS st
    WHERE st.previous_id IS NOT NULL AND st.has_intervals = st.previous_intervals
      AND st.snapshot_id NOT IN (SELECT step_id FROM method_changes)
),
both_ends AS (
    SELECT mv.* FROM change_moved AS mv JOIN comparable AS c ON c.snapshot_id = mv.step_id
    WHERE mv.place_from IS NOT NULL AND mv.place_to <= $top
),
passed AS (
    SELECT
        x.step_id, x.model_id, y.model_id AS other_id, y.place_to AS other_place,
        x.floor_to > y.ceiling_to AS significant
    FROM both_ends AS x
    JOIN both_ends AS y ON y.step_id = x.step_id AND y.model_id <> x.model_id
    WHERE (x.floor_to > y.ceiling_to AND x.floor_from <= y.ceiling_from)
       OR (
           x.merit_to > y.merit_to AND x.merit_from < y.merit_from AND x.floor_to <= y.ceiling_to
           AND y.place_to <= $noise_top
       )
)
SELECT
    st.board_id, st.published_at AS occurred_on, st.previous_on, st.has_intervals, p.significant,
    x.model_id, x.model_name, x.label, x.place_from, x.place_to, x.score_from, x.score_to,
    list(p.other_id ORDER BY p.other_place) AS other_ids,
    list(y.label ORDER BY p.other_place) AS other_labels
FROM passed AS p
JOIN change_step AS st ON st.snapshot_id = p.step_id
JOIN change_moved AS x ON x.step_id = p.step_id AND x.model_id = p.model_id
JOIN change_moved AS y ON y.step_id = p.step_id AND y.model_id = p.other_id
GROUP BY ALL
ORDER BY st.board_id, st.published_at, p.significant DESC, x.place_to
"""

# Models in the first TOP_PLACES places at one end of a step and not at the other.
TOP10_CHANGES = """
SELECT
    st.board_id, st.published_at AS occurred_on, st.previous_on,
    mv.place_to <= $top AS entered,
    mv.model_id, mv.model_name, mv.label, mv.place_from, mv.place_to, mv.score_from, mv.score_to
FROM change_moved AS mv
JOIN change_step AS st ON st.snapshot_id = mv.step_id
WHERE (mv.place_to <= $top) <> (mv.place_from <= $top)
   OR (mv.place_from IS NULL AND mv.place_to <= $top)
   OR (mv.place_to IS NULL AND mv.place_from <= $top)
ORDER BY st.board_id, st.published_at, entered DESC, coalesce(mv.place_to, mv.place_from)
"""

# Per step, the models listed on the board for the first time (not on its first snapshot: there
# every model is new), best placed first.
NEW_MODELS = """
WITH first_listed AS (
    SELECT p.model_id, arg_min(p.snapshot_id, st.published_at) AS snapshot_id
    FROM change_placed AS p
    JOIN change_step AS st ON st.snapshot_id = p.snapshot_id
    GROUP BY st.board_id, p.model_id
)
SELECT
    st.board_id, st.published_at AS occurred_on, st.previous_on,
    list(p.model_id ORDER BY p.place) AS model_ids,
    list(p.model_name ORDER BY p.place) AS model_names,
    list(p.label ORDER BY p.place) AS labels,
    list(p.place ORDER BY p.place) AS places,
    list(p.score ORDER BY p.place) AS scores
FROM first_listed AS f
JOIN change_step AS st ON st.snapshot_id = f.snapshot_id
JOIN change_placed AS p ON p.snapshot_id = f.snapshot_id AND p.model_id = f.model_id
WHERE st.previous_id IS NOT NULL
GROUP BY st.board_id, st.published_at, st.previous_on
ORDER BY st.board_id, st.published_at
"""

# Where the set of models at rank 1 changes: exactly where /v1/leaders starts a reign
# (service/queries/leaders.py, docs/movement.md "Leaders"), over every board at once. A model is
# at rank 1 when its upper-bound rank is 1, the source's own statement of it first.
LEADER_CHANGES = """
WITH at_the_top AS (
    SELECT
        s.board_id, s.snapshot_id, s.published_at, e.model_id,
        e.ci_lower IS NOT NULL AND e.ci_upper IS NOT NULL AS has_interval
    FROM served_snapshot AS s
    JOIN entry AS e ON e.snapshot_id = s.snapshot_id
    WHERE coalesce(
        try_cast(e.extra ->> 'rank_spread_best' AS INTEGER),
        CASE WHEN list_contains($ub_rank_formats::VARCHAR[], s.parser) THEN e.rank END,
        e.rank_best
    ) = 1
),
leader AS (
    SELECT
        board_id, snapshot_id, published_at, bool_or(has_interval) AS has_intervals,
        list(DISTINCT model_id ORDER BY model_id) AS model_ids
    FROM at_the_top
    GROUP BY board_id, snapshot_id, published_at
    QUALIFY has_intervals OR published_at < coalesce(
        min(published_at) FILTER (WHERE has_intervals) OVER (PARTITION BY board_id), DATE '9999-12-31'
    )
),
change AS (
    SELECT
        *,
        lag(model_ids) OVER w AS previous_ids,
        lag(published_at) OVER w AS previous_on,
        lag(snapshot_id) OVER w AS previous_snapshot_id
    FROM leader
    WINDOW w AS (PARTITION BY board_id ORDER BY published_at)
    QUALIFY model_ids IS DISTINCT FROM previous_ids
),
-- each leader's line as the snapshot shows it (its best variant), for names and scores
named AS (
    SELECT
        c.board_id, c.snapshot_id, u.model_id,
        coalesce(first(l.model_name ORDER BY l.rank_best, l.position), first(u.model_id)) AS model_name,
        coalesce(
            first(
                coalesce(m.display_name, l.model_name) || coalesce(' (' || l.variant || ')', '')
                ORDER BY l.rank_best, l.position
            ),
            first(coalesce(m.display_name, u.model_id))
        ) AS label,
        first(l.score ORDER BY l.rank_best, l.position) AS score
    FROM change AS c
    CROSS JOIN unnest(c.model_ids) AS u(model_id)
    LEFT JOIN served_line AS l
        ON l.snapshot_id = c.snapshot_id AND l.model_id = u.model_id AND l.best_of_model
    LEFT JOIN model AS m ON m.model_id = u.model_id
    GROUP BY c.board_id, c.snapshot_id, u.model_id
),
-- the former leaders as the previous snapshot showed them (their variant included, as above)
former_named AS (
    SELECT
        c.snapshot_id, p.model_id,
        coalesce(
            first(
                coalesce(m.display_name, l.model_name) || coalesce(' (' || l.variant || ')', '')
                ORDER BY l.rank_best, l.position
            ),
            first(coalesce(m.display_name, p.model_id))
        ) AS label
    FROM change AS c
    CROSS JOIN unnest(c.previous_ids) AS p(model_id)
    LEFT JOIN served_line AS l
        ON l.snapshot_id = c.previous_snapshot_id AND l.model_id = p.model_id AND l.best_of_model
    LEFT JOIN model AS m ON m.model_id = p.model_id
    GROUP BY c.snapshot_id, p.model_id
),
former AS (
    SELECT snapshot_id, list(label ORDER BY model_id) AS previous_labels
    FROM former_named
    GROUP BY snapshot_id
)
SELECT
    c.board_id, c.published_at AS occurred_on, c.previous_on, c.model_ids,
    coalesce(c.previous_ids, []) AS previous_ids,
    list(n.model_name ORDER BY n.model_id) AS model_names,
    list(n.label ORDER BY n.model_id) AS labels,
    list(n.score ORDER BY n.model_id) AS scores,
    coalesce(any_value(f.previous_labels), []) AS previous_labels
FROM change AS c
JOIN named AS n ON n.snapshot_id = c.snapshot_id
LEFT JOIN former AS f ON f.snapshot_id = c.snapshot_id
GROUP BY c.board_id, c.published_at, c.previous_on, c.model_ids, c.previous_ids
ORDER BY c.board_id, c.published_at
"""
