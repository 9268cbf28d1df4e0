-- One row per scored entry of a served snapshot.
--   floor / ceiling: the line's interval in "higher is better" space (lower-is-better boards are
--     negated), so one comparison serves both directions; a line without an interval is a point
--     (its score), as in rank_best/rank_worst. "A ahead of B" is `A.floor > B.ceiling`.
--   best_of_variant: the line standing for its (model, variant) on the snapshot, when a source
--     lists one twice; best_of_model: the line standing for the model (the variant roll-up of
--     compare and consensus). Both pick the lowest rank_best, then the better score, then the
--     source's order.
-- With the completed fields (served_completion) and where each value came from
-- (votes_snapshot_id, rank_snapshot_id). Materialised into served_line by Warehouse.materialize().
CREATE OR REPLACE VIEW served_line_view AS
SELECT
    s.board_id, s.snapshot_id, s.published_at, e.position, e.model_id, e.variant, e.model_name,
    coalesce(e.rank, c.rank) AS rank, e.rank_best, e.rank_worst, e.score, e.ci_lower, e.ci_upper,
    coalesce(e.votes, c.votes) AS votes, e.preliminary,
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
    ) = 1 AS best_of_model,
    CASE WHEN e.votes IS NOT NULL THEN e.snapshot_id ELSE c.votes_snapshot_id END AS votes_snapshot_id,
    CASE WHEN e.rank IS NOT NULL THEN e.snapshot_id ELSE c.rank_snapshot_id END AS rank_snapshot_id
FROM served_snapshot AS s
JOIN board AS b ON b.board_id = s.board_id
JOIN entry AS e ON e.snapshot_id = s.snapshot_id
LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position
WHERE e.score IS NOT NULL;
