-- Which snapshot answers for a board on a published date when several formats cover it:
-- full lists before truncated ones, then the format with the lowest precedence (official
-- before archive), then the most recent retrieval. The others stay as corroboration.
CREATE VIEW served_snapshot AS
SELECT * EXCLUDE (choice)
FROM (
    SELECT
        s.*,
        row_number() OVER (
            PARTITION BY s.board_id, s.published_at
            ORDER BY s.truncated, s.precedence, s.retrieved_at DESC, s.snapshot_id DESC
        ) AS choice
    FROM snapshot AS s
)
WHERE choice = 1;
