-- Article claims and their verification (see docs/claims.md). Both tables are rewritten from
-- seeds/claims/*.toml and the served history after every ingest (ingest/claims/_refresh.py):
-- they hold derived data, nothing that exists only here.
CREATE TABLE claim (
    claim_id      VARCHAR PRIMARY KEY,
    file          VARCHAR NOT NULL,     -- claim file name inside seeds/claims/
    kind          VARCHAR NOT NULL,     -- ranks | ahead_of | score | leads | first_appearance | usage_metric | forecast
    summary       VARCHAR NOT NULL,     -- our own one-line paraphrase
    quote         VARCHAR,              -- at most a short fragment of the article
    model_ids     VARCHAR[] NOT NULL,
    scope         VARCHAR,              -- named scope (major, lmarena-text) or NULL
    boards        VARCHAR[] NOT NULL,   -- explicit board ids or families (prefix.*)
    refers_to     DATE NOT NULL,        -- the day the claim is about
    timing        VARCHAR,              -- as_of | on_release (NULL for usage metrics)
    claimed       JSON NOT NULL,        -- the claimed values: rank, score, margin, tolerance, deadline...
    publisher     VARCHAR NOT NULL,
    title         VARCHAR,
    url           VARCHAR,
    language      VARCHAR NOT NULL,
    published_on  DATE NOT NULL,
    source        JSON NOT NULL,        -- the whole [source] table (author, editor, note...)
    status        VARCHAR NOT NULL,     -- supported | contradicted | partly_supported | unverifiable | pending
    reason        VARCHAR NOT NULL      -- one line: which boards decided, or why nothing could
);

-- One row per board (or board family) a claim was checked on; in_scope = false for the boards
-- outside the claim's scope that an ahead_of claim is also compared on (they do not count).
CREATE TABLE claim_check (
    claim_id     VARCHAR NOT NULL,
    board_ref    VARCHAR NOT NULL,      -- board id or family as the scope names it
    board_id     VARCHAR,               -- the board of the decisive snapshot
    in_scope     BOOLEAN NOT NULL,
    verdict      VARCHAR NOT NULL,      -- supported | contradicted | unverifiable | pending
    reason       VARCHAR NOT NULL,
    snapshot_id  BIGINT,                -- the decisive snapshot
    published_at DATE,
    evidence     JSON NOT NULL,         -- snapshots looked at, values compared, tolerance, window
    PRIMARY KEY (claim_id, board_ref)
);

-- Claim files that did not load, with the claim and field at fault.
CREATE TABLE claim_rejection (
    file     VARCHAR NOT NULL,
    claim_id VARCHAR,
    field    VARCHAR,
    problem  VARCHAR NOT NULL
);
