-- The served history, materialised into the table served_snapshot by Warehouse.materialize()
-- after every ingest (served_snapshot is read by almost every query; its window passes cost
-- ~10 ms each time): the first snapshot of each run (snapshot_run), valid from its published date
-- to the last day the same data was seen (last_seen_on), with the facts movement compares at its
-- two ends (docs/movement.md): its field size (ranked_count) and whether it publishes intervals
-- (has_intervals).
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
