-- One continuous history per board across formats: consecutive chosen snapshots with the same
-- fingerprint (values_sha256: per model its id and its vote count, or its score to 2 decimals
-- where the source publishes no votes) form one run ("gaps and islands": a new run starts wherever
-- the fingerprint differs from the previous day's). Two files with the same fingerprint carry the
-- same leaderboard data even when one was scraped later, rounds differently or names fields
-- differently.
CREATE OR REPLACE VIEW snapshot_run AS
SELECT
    * EXCLUDE (previous_values),
    sum(CASE WHEN values_sha256 IS DISTINCT FROM previous_values THEN 1 ELSE 0 END) OVER (
        PARTITION BY board_id ORDER BY published_at ROWS UNBOUNDED PRECEDING
    ) AS run_number
FROM (
    SELECT
        c.*,
        lag(c.values_sha256) OVER (PARTITION BY c.board_id ORDER BY c.published_at) AS previous_values
    FROM snapshot_choice AS c
);
