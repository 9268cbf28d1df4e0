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

CREATE TABLE model_alias (
    source_id  VARCHAR NOT NULL,
    alias      VARCHAR NOT NULL,        -- the name exactly as the source writes it
    model_id   VARCHAR NOT NULL,
    variant    VARCHAR,                 -- e.g. thinking-32k, high, live-swe-agent
    rule       VARCHAR NOT NULL,        -- how it resolved: declared alias, normalisation rule...
    provenance VARCHAR NOT NULL,        -- where the mapping came from
    PRIMARY KEY (source_id, alias)
);

-- The variant of the canonical model this entry is (NULL: the model itself / no variant known).
ALTER TABLE entry ADD COLUMN variant VARCHAR;
-- Whether entry.model_id is a canonical model (true) or a source-scoped id kept unresolved.
ALTER TABLE entry ADD COLUMN resolved BOOLEAN DEFAULT false;
