-- One continuous history per board across formats (see docs/history.md).
--
-- values_sha256 fingerprints what a snapshot says, independent of format: per model its id and
-- its vote count (or, where the source publishes no votes, its score to 2 decimals). Two files
-- with the same fingerprint carry the same leaderboard data even when one of them was scraped
-- later, rounds differently or names fields differently.
ALTER TABLE snapshot ADD COLUMN values_sha256 VARCHAR;

DROP VIEW served_snapshot;

-- 1. One snapshot per board and published date: full lists before truncated ones, then the
--    format with the lowest precedence (official before archive), then the newest retrieval.
--    A board carried over from an older scrape is never served as that day's data.
CREATE VIEW snapshot_choice AS
SELECT * EXCLUDE (choice)
FROM (
    SELECT
        s.*,
        row_number() OVER (
            PARTITION BY s.board_id, s.published_at
            ORDER BY s.truncated, s.precedence, s.retrieved_at DESC, s.snapshot_id DESC
        ) AS choice
    FROM snapshot AS s
    WHERE NOT s.carried_over
)
WHERE choice = 1;

-- 2. Consecutive chosen snapshots with the same fingerprint form one run ("gaps and islands":
--    a new run starts wherever the fingerprint differs from the previous day's).
CREATE VIEW snapshot_run AS
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

-- 3. The served history: the first snapshot of each run, valid from its published date to the
--    last day the same data was seen (first_seen_on = published_at, last_seen_on below).
CREATE VIEW served_snapshot AS
SELECT * EXCLUDE (run_position)
FROM (
    SELECT
        r.*,
        max(r.published_at) OVER (PARTITION BY r.board_id, r.run_number) AS last_seen_on,
        row_number() OVER (PARTITION BY r.board_id, r.run_number ORDER BY r.published_at) AS run_position
    FROM snapshot_run AS r
)
WHERE run_position = 1;
