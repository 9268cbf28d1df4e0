-- rankledger warehouse, first schema (README, "How it works").
-- Dates: published_at is the leaderboard's own date; retrieved_at is when we fetched/archived it.

CREATE TABLE source (
    source_id   VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    homepage    VARCHAR NOT NULL,
    licence     VARCHAR NOT NULL,
    citation    VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE board (
    board_id         VARCHAR PRIMARY KEY,
    source_id        VARCHAR NOT NULL,
    arena            VARCHAR NOT NULL,
    category         VARCHAR NOT NULL,
    variant          VARCHAR NOT NULL,
    metric           VARCHAR NOT NULL,
    unit             VARCHAR NOT NULL,
    higher_is_better BOOLEAN NOT NULL
);

-- Every payload we were given, accepted or not; the bytes live in the data dir under raw/.
CREATE TABLE raw_payload (
    sha256        VARCHAR PRIMARY KEY,
    byte_count    BIGINT NOT NULL,
    origin        VARCHAR NOT NULL,
    archived_path VARCHAR NOT NULL,
    format        VARCHAR,
    status        VARCHAR NOT NULL,   -- accepted | rejected
    error         VARCHAR,
    retrieved_at  TIMESTAMPTZ NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    run_id        BIGINT NOT NULL
);

CREATE SEQUENCE ingest_run_id START 1;
CREATE TABLE ingest_run (
    run_id            BIGINT PRIMARY KEY,
    command           VARCHAR NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,   -- running | succeeded | failed
    payloads_added    INTEGER NOT NULL DEFAULT 0,
    payloads_skipped  INTEGER NOT NULL DEFAULT 0,
    payloads_rejected INTEGER NOT NULL DEFAULT 0,
    snapshots_added   INTEGER NOT NULL DEFAULT 0,
    message           VARCHAR
);

CREATE SEQUENCE snapshot_id START 1;
CREATE TABLE snapshot (
    snapshot_id     BIGINT PRIMARY KEY,
    board_id        VARCHAR NOT NULL,
    published_at    DATE NOT NULL,
    retrieved_at    TIMESTAMPTZ NOT NULL,
    payload_sha256  VARCHAR NOT NULL,
    parser          VARCHAR NOT NULL,
    precedence      INTEGER NOT NULL,     -- lower is served first when formats overlap
    content_sha256  VARCHAR NOT NULL,     -- hash of the entries: same list, same hash
    row_count       INTEGER NOT NULL,
    truncated       BOOLEAN NOT NULL,
    carried_over    BOOLEAN NOT NULL,
    has_preliminary BOOLEAN NOT NULL,
    run_id          BIGINT NOT NULL
);

CREATE TABLE entry (
    snapshot_id  BIGINT NOT NULL,
    position     INTEGER NOT NULL,        -- 1-based order in the source
    model_name   VARCHAR NOT NULL,        -- exactly as the source writes it
    model_id     VARCHAR NOT NULL,
    rank         INTEGER,                 -- the rank the source published
    score        DOUBLE,
    ci_lower     DOUBLE,
    ci_upper     DOUBLE,
    votes        BIGINT,
    organization VARCHAR,
    license      VARCHAR,
    preliminary  BOOLEAN NOT NULL,
    rank_best    INTEGER,                 -- 1 + #{j : lower_j > upper_i}
    rank_worst   INTEGER,                 -- 1 + #{j != i : upper_j > lower_i}
    extra        JSON,
    PRIMARY KEY (snapshot_id, position)
);
