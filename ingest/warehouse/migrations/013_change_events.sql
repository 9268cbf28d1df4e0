-- Change events (docs/changes.md): what changed between consecutive served snapshots of each
-- board (leaders, overtakes in the top 20, the top 10, new models, discontinuities) and when a
-- claim's verdict changed. Derived data, rewritten whole after every ingest from the served
-- history, the method changes and the claim files (ingest/changes/), so a rebuild from the same
-- seeds gives the same rows; event_id is a tag: URI (RFC 4151) built from board (or claim), day,
-- kind and models, never from a snapshot id or a run.
CREATE TABLE change_event (
    event_id        VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,     -- new_leader | co_leaders | overtake | overtake_within_noise |
                                          -- enters_top10 | leaves_top10 | new_models | discontinuity |
                                          -- claim_verdict
    board_id        VARCHAR,              -- NULL for claim_verdict
    claim_id        VARCHAR,              -- claim_verdict only
    occurred_on     DATE NOT NULL,        -- published day of the snapshot that shows the change
    previous_on     DATE,                 -- published day of the snapshot it is compared with
    model_ids       VARCHAR[] NOT NULL,   -- what the event is about (leaders, the model that moved...)
    model_names     VARCHAR[] NOT NULL,   -- the same models as the snapshot spells them
    other_model_ids VARCHAR[] NOT NULL,   -- the counterparts (former leaders, models overtaken...)
    rank_from       INTEGER,              -- position of the first model at previous_on / occurred_on
    rank_to         INTEGER,
    score_from      DOUBLE,
    score_to        DOUBLE,
    verdict_from    VARCHAR,              -- claim_verdict only
    verdict_to      VARCHAR,
    discontinuities VARCHAR[] NOT NULL,   -- discontinuity only: method_change, intervals_changed
    title           VARCHAR NOT NULL,     -- one line for a feed reader
    summary         VARCHAR NOT NULL,     -- the figures behind it, in one or two sentences
    link            VARCHAR NOT NULL,     -- API path of the board as of that day (or of the claim)
    boards          VARCHAR[] NOT NULL    -- boards the event concerns (its board; a claim's deciding boards)
);
