-- What the analytics read on every request, decided once per ingest instead (docs/movement.md):
--   served_snapshot gains each snapshot's field size (ranked_count) and whether it publishes
--   intervals (has_intervals), the facts movement compares at its two ends;
--   served_line holds the scored lines of every served snapshot with the board's direction
--   folded in (floor/ceiling) and the variant roll-ups already chosen.
-- Both are views (served_snapshot_view, served_line_view in ingest/warehouse/views/) materialised
-- into these tables by Warehouse.materialize() after every ingest (as in migration 007), so a
-- request reads plain rows instead of re-running windows over the history.
ALTER TABLE served_snapshot ADD COLUMN ranked_count BIGINT;
ALTER TABLE served_snapshot ADD COLUMN has_intervals BOOLEAN;

CREATE TABLE served_line (
    board_id        VARCHAR,
    snapshot_id     BIGINT,
    published_at    DATE,
    position        INTEGER,
    model_id        VARCHAR,
    variant         VARCHAR,
    model_name      VARCHAR,
    rank            INTEGER,
    rank_best       INTEGER,
    rank_worst      INTEGER,
    score           DOUBLE,
    ci_lower        DOUBLE,
    ci_upper        DOUBLE,
    votes           BIGINT,
    preliminary     BOOLEAN,
    has_interval    BOOLEAN,
    floor           DOUBLE,
    ceiling         DOUBLE,
    best_of_variant BOOLEAN,
    best_of_model   BOOLEAN
);
