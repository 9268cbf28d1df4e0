-- Model identity (see docs/identity.md): canonical models from seeds/models.toml, aliases per
-- source with provenance, and on every entry the (model, variant) its source name resolves to.
CREATE TABLE model (
    model_id     VARCHAR PRIMARY KEY,   -- readable slug, e.g. gemini-3-pro
    display_name VARCHAR NOT NULL,
    organization VARCHAR,
    family       VARCHAR,
    release_date DATE,
    canonical    BOOLEAN NOT NULL       -- false: a source-scoped model nobody has mapped yet
);

-- Every name a source uses (declared in the registry or seen in an entry) and what it resolves
-- to. One name can denote several variants when the source adds facts beside it (Aider's edit
-- format, SWE-bench's harness), so (source_id, alias) is not unique.
CREATE TABLE model_alias (
    source_id        VARCHAR NOT NULL,
    alias            VARCHAR NOT NULL,  -- the name exactly as the source writes it
    alias_normalized VARCHAR NOT NULL,  -- case and separators normalised, for lookups
    model_id         VARCHAR NOT NULL,
    variant          VARCHAR,           -- label, e.g. thinking-32k-20251101, high, live-swe-agent
    variant_attributes JSON,            -- the explicit attributes behind the label
    resolved         BOOLEAN NOT NULL,
    rule             VARCHAR NOT NULL,  -- how it resolved: declared alias, suffix rule...
    provenance       VARCHAR NOT NULL,  -- where the mapping came from
    observed         BOOLEAN NOT NULL   -- seen in an entry (false: declared only)
);

CREATE TABLE warehouse_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- The variant of the canonical model this entry is (NULL: the model itself / no variant known).
ALTER TABLE entry ADD COLUMN variant VARCHAR;
-- Whether entry.model_id is a canonical model (true) or a source-scoped id kept unresolved.
ALTER TABLE entry ADD COLUMN resolved BOOLEAN DEFAULT false;
