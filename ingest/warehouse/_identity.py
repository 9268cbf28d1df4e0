"""Applying the model registry to the warehouse: every entry gets its (model, variant).

Identities are recomputed from scratch after each ingest that added data or whenever the
registry file changed, so an edit to ``seeds/models.toml`` takes effect on the next run.
"""

from __future__ import annotations

from typing import Any

import duckdb
import msgspec
import polars as pl

from ingest.identity import AliasSpec, ModelSpec, Registry, Resolver, VariantSpec, normalize_name
from ingest.transaction import transaction

__all__ = ("HINT_KEYS", "refresh_identity", "registry_is_current", "stored_registry")

HINT_KEYS = ("model", "harness", "slug", "edit_format", "reasoning_effort")
"""Entry.extra fields the resolver may use (see ``Resolver.resolve``)."""

_HINTS_SQL = ", ".join(f"json_extract_string(e.extra, '$.{key}') AS hint_{key}" for key in HINT_KEYS)
_HINT_MATCH = " AND ".join(
    f"n.hint_{key} IS NOT DISTINCT FROM json_extract_string(entry.extra, '$.{key}')" for key in HINT_KEYS
)

_OBSERVED_NAMES = f"""
SELECT DISTINCT b.source_id, e.model_name, {_HINTS_SQL}
FROM entry AS e
JOIN snapshot AS s ON s.snapshot_id = e.snapshot_id
JOIN board AS b ON b.board_id = s.board_id
"""

# Every entry takes the resolution of its (source, name, hints).
_APPLY = f"""
UPDATE entry
SET model_id = n.model_id, variant = n.variant, resolved = n.resolved
FROM resolved_names AS n, snapshot AS s, board AS b
WHERE s.snapshot_id = entry.snapshot_id
  AND b.board_id = s.board_id
  AND n.source_id = b.source_id
  AND n.model_name = entry.model_name
  AND {_HINT_MATCH}
"""


def registry_is_current(connection: duckdb.DuckDBPyConnection, registry: Registry) -> bool:
    """The warehouse's identities were computed with this very registry file."""
    row = connection.execute("SELECT value FROM warehouse_meta WHERE key = 'registry_sha256'").fetchone()
    return row is not None and row[0] == registry.sha256


def refresh_identity(connection: duckdb.DuckDBPyConnection, registry: Registry) -> None:
    """Resolve every observed name and rewrite ``model``, ``model_alias`` and entry identities."""
    resolver = Resolver(registry)
    observed = connection.execute(_OBSERVED_NAMES).fetchall()
    resolved_rows: list[dict[str, Any]] = []
    alias_rows: list[dict[str, Any]] = []
    for source_id, model_name, *hint_values in observed:
        hints = dict(zip(HINT_KEYS, hint_values, strict=True))
        result = resolver.resolve(source_id, model_name, hints)
        label = result.variant.label()
        resolved_rows.append(
            {
                "source_id": source_id,
                "model_name": model_name,
                **{f"hint_{k}": v for k, v in hints.items()},
                "model_id": result.model_id,
                "variant": label,
                "resolved": result.resolved,
            }
        )
        alias_rows.append(
            {
                "source_id": source_id,
                "alias": model_name,
                "alias_normalized": normalize_name(model_name),
                "model_id": result.model_id,
                "variant": label,
                "variant_attributes": msgspec.json.encode(result.variant).decode(),
                "resolved": result.resolved,
                "rule": result.rule,
                "provenance": result.provenance,
                "observed": True,
            }
        )
    seen = {(r["source_id"], r["alias"]) for r in alias_rows}
    for model in registry.models:
        for alias in model.aliases:
            if (alias.source, alias.name) not in seen:
                alias_rows.append(
                    {
                        "source_id": alias.source,
                        "alias": alias.name,
                        "alias_normalized": normalize_name(alias.name),
                        "model_id": model.id,
                        "variant": alias.variant.label(),
                        "variant_attributes": msgspec.json.encode(alias.variant).decode(),
                        "resolved": True,
                        "rule": "declared alias",
                        "provenance": alias.provenance,
                        "observed": False,
                    }
                )
    names = pl.DataFrame(
        resolved_rows,
        schema={
            "source_id": pl.String,
            "model_name": pl.String,
            **{f"hint_{k}": pl.String for k in HINT_KEYS},
            "model_id": pl.String,
            "variant": pl.String,
            "resolved": pl.Boolean,
        },
    )
    aliases = pl.DataFrame(
        alias_rows,
        schema={
            "source_id": pl.String,
            "alias": pl.String,
            "alias_normalized": pl.String,
            "model_id": pl.String,
            "variant": pl.String,
            "variant_attributes": pl.String,
            "resolved": pl.Boolean,
            "rule": pl.String,
            "provenance": pl.String,
            "observed": pl.Boolean,
        },
    )
    declared = pl.DataFrame(
        [
            {
                "source_id": alias.source,
                "alias": alias.name,
                "model_id": model.id,
                "variant_attributes": msgspec.json.encode(alias.variant).decode(),
                "provenance": alias.provenance,
            }
            for model in registry.models
            for alias in model.aliases
        ],
        schema={
            "source_id": pl.String,
            "alias": pl.String,
            "model_id": pl.String,
            "variant_attributes": pl.String,
            "provenance": pl.String,
        },
    )
    models = pl.DataFrame(
        [
            {
                "model_id": m.id,
                "display_name": m.name,
                "organization": m.organization,
                "family": m.family,
                "release_date": m.release_date,
                "canonical": True,
            }
            for m in registry.models
        ],
        schema={
            "model_id": pl.String,
            "display_name": pl.String,
            "organization": pl.String,
            "family": pl.String,
            "release_date": pl.Date,
            "canonical": pl.Boolean,
        },
    )
    connection.register("resolved_names", names)
    connection.register("new_aliases", aliases)
    connection.register("canonical_models", models)
    connection.register("declared_aliases", declared)
    try:
        with transaction(connection):
            connection.execute(_APPLY)
            connection.execute("DELETE FROM model_alias")
            connection.execute("INSERT INTO model_alias BY NAME SELECT * FROM new_aliases")
            connection.execute("DELETE FROM registry_alias")
            connection.execute("INSERT INTO registry_alias BY NAME SELECT * FROM declared_aliases")
            connection.execute("DELETE FROM model")
            connection.execute("INSERT INTO model BY NAME SELECT * FROM canonical_models")
            # Unresolved names are models of their own, scoped to their source (never merged).
            connection.execute(
                "INSERT INTO model (model_id, display_name, organization, family, release_date, canonical)"
                " SELECT a.model_id, min(a.alias), NULL, NULL, NULL, false"
                " FROM model_alias AS a WHERE NOT a.resolved GROUP BY a.model_id"
            )
            connection.execute(
                "INSERT OR REPLACE INTO warehouse_meta VALUES ('registry_sha256', ?)", [registry.sha256]
            )
    finally:
        for name in ("resolved_names", "new_aliases", "canonical_models", "declared_aliases"):
            connection.unregister(name)


_STORED_MODELS = """
SELECT model_id, display_name, organization, family, release_date
FROM model
WHERE canonical
ORDER BY model_id
"""
_STORED_ALIASES = """
SELECT model_id, source_id, alias, variant_attributes, provenance
FROM registry_alias
ORDER BY model_id, source_id, alias
"""
_variant_decoder = msgspec.json.Decoder(VariantSpec)


def stored_registry(connection: duckdb.DuckDBPyConnection) -> Registry:
    """The registry the warehouse's identities were resolved with: its canonical models and
    declared aliases as written by ``refresh_identity`` (read back from a published generation)."""
    aliases: dict[str, list[AliasSpec]] = {}
    for model_id, source_id, alias, variant, provenance in connection.execute(_STORED_ALIASES).fetchall():
        spec = AliasSpec(
            source=source_id, name=alias, provenance=provenance, variant=_variant_decoder.decode(variant)
        )
        aliases.setdefault(model_id, []).append(spec)
    models = tuple(
        ModelSpec(
            id=model_id,
            name=name,
            organization=organization or "",
            family=family,
            release_date=release_date,
            aliases=aliases.get(model_id, []),
        )
        for model_id, name, organization, family, release_date in connection.execute(
            _STORED_MODELS
        ).fetchall()
    )
    row = connection.execute("SELECT value FROM warehouse_meta WHERE key = 'registry_sha256'").fetchone()
    return Registry(models=models, sha256=str(row[0]) if row else "empty")
