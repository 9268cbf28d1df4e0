-- One snapshot per board and published date: full lists before truncated ones, then the format
-- with the lowest precedence (official before archive), then the newest retrieval. A board
-- carried over from an older scrape is never served as that day's data. The others stay as
-- corroboration (snapshot_disagreement, served_completion_view).
CREATE OR REPLACE VIEW snapshot_choice AS
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
