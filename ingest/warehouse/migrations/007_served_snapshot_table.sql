-- served_snapshot is read by almost every query, and evaluating its window passes costs ~10 ms
-- each time. Its definition is the view served_snapshot_view (ingest/warehouse/views/); the
-- writer materialises it into the table served_snapshot after every ingest
-- (Warehouse.materialize), before the generation is published, so readers see a plain table with
-- the same columns. A warehouse migrated before the views moved out of the migrations has
-- served_snapshot as a view.
DROP VIEW IF EXISTS served_snapshot;
CREATE TABLE served_snapshot (
    snapshot_id     BIGINT,
    board_id        VARCHAR,
    published_at    DATE,
    retrieved_at    TIMESTAMPTZ,
    payload_sha256  VARCHAR,
    parser          VARCHAR,
    precedence      INTEGER,
    content_sha256  VARCHAR,
    row_count       INTEGER,
    truncated       BOOLEAN,
    carried_over    BOOLEAN,
    has_preliminary BOOLEAN,
    run_id          BIGINT,
    values_sha256   VARCHAR,
    run_number      HUGEINT,
    last_seen_on    DATE
);
