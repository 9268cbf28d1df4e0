-- One row per source per live ingest run: what was fetched, what failed, what was added.
-- The latest row of each source is also written to the data dir's runs.json (ingest/run_status.py),
-- which the API reads without the write lock, whether or not the run published a generation.
CREATE TABLE source_run (
    run_id          BIGINT NOT NULL,
    source_id       VARCHAR NOT NULL,
    attempted_at    TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NOT NULL,
    outcome         VARCHAR NOT NULL,     -- succeeded | partial | failed | skipped
    formats         VARCHAR[] NOT NULL,   -- the live formats fetched
    failed_formats  VARCHAR[] NOT NULL,   -- those whose fetch failed or whose payload was rejected
    snapshots_added INTEGER NOT NULL,
    rows_added      BIGINT NOT NULL,      -- entries of the snapshots added
    error           VARCHAR,
    PRIMARY KEY (run_id, source_id)
);
