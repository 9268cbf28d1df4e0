"""How a name resolves, or would: recorded aliases, else the registry's rules, else the closest models.

1. The aliases recorded in the warehouse with this spelling (exact, or case and separators
   normalised), per source: how the names sources actually used were resolved.
2. None recorded (for the source asked): the registry's deterministic rules applied to the name,
   per source (docs/identity.md), with the registry the generation was resolved with
   (``registry_alias``, migration 012); the items say ``observed: false`` and the rule used.
3. No item resolves: the canonical models whose id or a recorded name is closest to the name, by
   normalised edit distance. A hint for whoever adds the alias; the write path never uses it.
"""

from __future__ import annotations

import duckdb
import msgspec

from ingest.errors import NotFoundError
from ingest.identity import Resolution, Resolver, normalize_name, peel_suffixes, unresolved_model_id
from ingest.warehouse import stored_registry
from service.queries._rows import fetch_all
from service.schemas import Alias, AliasList, ClosestModel

__all__ = ("CLOSEST_LIMIT", "resolve_name")

CLOSEST_LIMIT = 5
"""How many closest models a resolve answer lists when nothing matched."""

_RECORDED = """
SELECT a.source_id, a.alias, a.model_id, a.variant, a.variant_attributes, a.resolved, a.rule, a.provenance,
       a.observed
FROM model_alias AS a
WHERE (a.alias = $name OR a.alias_normalized = $normalized)
  AND ($source IS NULL OR a.source_id = $source)
ORDER BY a.alias = $name DESC, a.source_id, a.alias
"""

_SOURCES = "SELECT DISTINCT source_id FROM board UNION SELECT source_id FROM source ORDER BY source_id"

# Similarity = 1 - Levenshtein distance / length of the longer string, between each form of the
# asked name (normalised, and its stems without variant suffixes) and every canonical id and
# recorded name (normalised); per model the best pair, ties broken by the names.
_CLOSEST = """
WITH asked AS (
    SELECT unnest($forms::VARCHAR[]) AS form
),
names AS (
    SELECT model_id, model_id AS name FROM model WHERE canonical
    UNION
    SELECT a.model_id, a.alias_normalized AS name
    FROM model_alias AS a
    JOIN model AS m ON m.model_id = a.model_id
    WHERE m.canonical
),
scored AS (
    SELECT
        n.model_id,
        n.name,
        1.0 - levenshtein(q.form, n.name) / greatest(length(q.form), length(n.name)) AS similarity
    FROM names AS n
    CROSS JOIN asked AS q
    QUALIFY row_number() OVER (PARTITION BY n.model_id ORDER BY similarity DESC, n.name) = 1
)
SELECT s.model_id, m.display_name, round(s.similarity, 3) AS similarity, s.name AS matched_name
FROM scored AS s
JOIN model AS m ON m.model_id = s.model_id
ORDER BY s.similarity DESC, s.model_id
LIMIT $limit
"""


def _recorded(cursor: duckdb.DuckDBPyConnection, name: str, source: str | None) -> list[Alias]:
    rows = cursor.execute(_RECORDED, {"name": name, "normalized": normalize_name(name), "source": source})
    columns = [d[0] for d in rows.description or ()]
    aliases = []
    for row in rows.fetchall():
        record = dict(zip(columns, row, strict=True))
        record["variant_attributes"] = msgspec.json.decode(record["variant_attributes"] or "{}")
        aliases.append(msgspec.convert(record, Alias))
    return aliases


def _what_if(source: str, name: str, result: Resolution | None) -> Alias:
    """What the write path would record for ``name`` in ``source`` (never observed)."""
    if result is None:
        return Alias(
            source_id=source,
            alias=name,
            model_id=unresolved_model_id(source, name),
            variant=None,
            variant_attributes={},
            resolved=False,
            rule="unresolved",
            provenance="no alias or rule matched",
            observed=False,
        )
    return Alias(
        source_id=source,
        alias=name,
        model_id=result.model_id,
        variant=result.variant.label(),
        variant_attributes=msgspec.to_builtins(result.variant),
        resolved=True,
        rule=result.rule,
        provenance=result.provenance,
        observed=False,
    )


def _closest(cursor: duckdb.DuckDBPyConnection, name: str) -> list[ClosestModel]:
    normalized = normalize_name(name)
    forms = [normalized, *(stem for stem, _ in peel_suffixes(normalized))]
    return fetch_all(cursor, _CLOSEST, {"forms": forms, "limit": CLOSEST_LIMIT}, ClosestModel)


def resolve_name(cursor: duckdb.DuckDBPyConnection, name: str, source: str | None) -> AliasList:
    """How ``name`` resolves in ``source`` (every source when ``None``), or would.

    Without a source, the rules answer for each source where they resolve the name (declared
    aliases differ per source); with one, that source's answer, resolved or not.
    """
    sources = [str(row[0]) for row in cursor.execute(_SOURCES).fetchall()]
    if source is not None and source not in sources:
        raise NotFoundError("source", source)
    items = _recorded(cursor, name, source)
    rules_applied = not items
    if rules_applied:
        resolver = Resolver(stored_registry(cursor))
        answers = [(s, resolver.resolve_name(s, name)) for s in ([source] if source else sources)]
        items = [_what_if(s, name, result) for s, result in answers if result is not None or source]
    closest = [] if any(item.resolved for item in items) else _closest(cursor, name)
    return AliasList(items=items, rules_applied=rules_applied, closest=closest)
