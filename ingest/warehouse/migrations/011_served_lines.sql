-- What the analytics read on every request, decided once per ingest instead (docs/movement.md):
--   served_snapshot gains each snapshot's field size (ranked_count) and whether it publishes
--   intervals (has_intervals), the facts movement compares at its two ends;
--   served_line holds the scored lines of every served snapshot with the board's direction
--   folded in (floor/ceiling) and the variant roll-ups already chosen.
-- Both are views materialised into tables by Warehouse.materialize() after every ingest (as in
-- migration 007), so a request reads plain rows instead of re-running windows over the history.

CREATE OR REPLACE VIEW served_snapshot_view AS
WITH served AS (
    SELECT * EXCLUDE (run_position)
    FROM (
        SELECT
            r.*,
            max(r.published_at) OVER (PARTITION BY r.board_id, r.run_number) AS last_seen_on,
            row_number() OVER (PARTITION BY r.board_id, r.run_number ORDER BY r.published_at)
                AS run_position
        FROM snapshot_run AS r
    )
    WHERE run_position = 1
),
field AS (
    SELECT
        snapshot_id,
        count(score) AS ranked_count,
        bool_or(ci_lower IS NOT NULL AND ci_upper IS NOT NULL) AS has_intervals
    FROM entry
    GROUP BY snapshot_id
)
SELECT
    s.*,
    coalesce(f.ranked_count, 0) AS ranked_count,
    coalesce(f.has_intervals, false) AS has_intervals
FROM served AS s
LEFT JOIN field AS f ON f.snapshot_id = s.snapshot_id;

DROP TABLE served_snapshot;
CREATE TABLE served_snapshot AS SELECT * FROM served_snapshot_view;

-- One row per scored entry of a served snapshot.
--   floor / ceiling: the line's interval in "higher is better" space (lower-is-better boards are
--     negated), so one comparison serves both directions; a line without an interval is a point
--     (its score), as in rank_best/rank_worst. "A ahead of B" is `A.floor > B.ceiling`.
--   best_of_variant: the line standing for its (model, variant) on the snapshot, when a source
--     lists one twice; best_of_model: the line standing for the model (the variant roll-up of
--     compare and consensus). Both pick the lowest rank_best, then the better score, then the
--     source's order.
CREATE VIEW served_line_view AS
SELECT
    s.board_id, s.snapshot_id, s.published_at, e.position, e.model_id, e.variant, e.model_name,
    e.rank, e.rank_best, e.rank_worst, e.score, e.ci_lower, e.ci_upper, e.votes, e.preliminary,
    e.ci_lower IS NOT NULL AND e.ci_upper IS NOT NULL AS has_interval,
    CASE WHEN b.higher_is_better
        THEN coalesce(e.ci_lower, e.score) ELSE -coalesce(e.ci_upper, e.score) END AS floor,
    CASE WHEN b.higher_is_better
        THEN coalesce(e.ci_upper, e.score) ELSE -coalesce(e.ci_lower, e.score) END AS ceiling,
    row_number() OVER (
        PARTITION BY e.snapshot_id, e.model_id, e.variant
        ORDER BY e.rank_best, CASE WHEN b.higher_is_better THEN -e.score ELSE e.score END, e.position
    ) = 1 AS best_of_variant,
    row_number() OVER (
        PARTITION BY e.snapshot_id, e.model_id
        ORDER BY e.rank_best, CASE WHEN b.higher_is_better THEN -e.score ELSE e.score END, e.position
    ) = 1 AS best_of_model
FROM served_snapshot AS s
JOIN board AS b ON b.board_id = s.board_id
JOIN entry AS e ON e.snapshot_id = s.snapshot_id
WHERE e.score IS NOT NULL;

CREATE TABLE served_line AS SELECT * FROM served_line_view ORDER BY snapshot_id, position;
