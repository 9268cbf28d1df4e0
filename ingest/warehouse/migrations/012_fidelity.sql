-- 1. Field-level completion (docs/movement.md, "Completed fields"): a served line missing its
-- votes or its published rank takes them from a corroborating snapshot of the same board and day
-- (view served_completion_view, ingest/warehouse/views/). served_completion holds only the
-- completed fields (with the snapshot each came from); served_line carries the completed values
-- and, for every value, the snapshot it came from (votes_snapshot_id, rank_snapshot_id: the
-- line's own snapshot, or the corroborating one). Both are materialised by
-- Warehouse.materialize() after served_snapshot.
CREATE TABLE served_completion (
    snapshot_id       BIGINT,
    position          INTEGER,
    votes             BIGINT,
    votes_snapshot_id BIGINT,
    rank              INTEGER,
    rank_snapshot_id  BIGINT
);
ALTER TABLE served_line ADD COLUMN votes_snapshot_id BIGINT;
ALTER TABLE served_line ADD COLUMN rank_snapshot_id BIGINT;

-- 2. The registry's declared aliases exactly as seeds/models.toml states them, rewritten with the
-- identities (ingest/warehouse/_identity.py). With the canonical models of `model` they are the
-- registry a published generation was resolved with, so GET /v1/models/resolve can tell how a
-- spelling nobody has used yet would resolve, by the same rules and aliases (docs/identity.md).
CREATE TABLE registry_alias (
    source_id          VARCHAR NOT NULL,
    alias              VARCHAR NOT NULL,  -- the name exactly as declared
    model_id           VARCHAR NOT NULL,
    variant_attributes JSON NOT NULL,     -- the declared variant (VariantSpec)
    provenance         VARCHAR NOT NULL,
    PRIMARY KEY (source_id, alias)
);
