-- Corroboration: where several formats cover the same board and date, the snapshot not served
-- is compared with the one served. A disagreement beyond rounding is a model listed by both
-- whose scores differ by more than 1 point (integer-rounded or truncated copies of the same
-- float differ by less) or whose vote counts differ.
CREATE OR REPLACE VIEW snapshot_disagreement AS
WITH pairs AS (
    SELECT
        c.board_id,
        c.published_at,
        c.snapshot_id AS served_snapshot_id,
        c.parser AS served_parser,
        o.snapshot_id AS other_snapshot_id,
        o.parser AS other_parser
    FROM snapshot_choice AS c
    JOIN snapshot AS o
        ON o.board_id = c.board_id AND o.published_at = c.published_at AND o.snapshot_id <> c.snapshot_id
    WHERE NOT o.carried_over  -- a carried-over copy is old data, not a second opinion on this date
)
SELECT
    p.board_id,
    p.published_at,
    a.model_id,
    a.model_name,
    p.served_snapshot_id,
    p.served_parser,
    a.score AS served_score,
    a.votes AS served_votes,
    p.other_snapshot_id,
    p.other_parser,
    b.score AS other_score,
    b.votes AS other_votes,
    abs(a.score - b.score) AS score_difference
FROM pairs AS p
JOIN entry AS a ON a.snapshot_id = p.served_snapshot_id
JOIN entry AS b ON b.snapshot_id = p.other_snapshot_id AND b.model_id = a.model_id
WHERE abs(a.score - b.score) > 1.0
   OR (a.votes IS NOT NULL AND b.votes IS NOT NULL AND a.votes <> b.votes);
