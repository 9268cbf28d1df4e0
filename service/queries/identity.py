"""Which model a name means: the names of a generation, how a name resolves, which names do not.

``ModelNames`` holds a generation's ids and spellings in memory and answers what a client means by
a model name (``/v1/models/{name}``, claims, compare, changes, the dashboard). ``resolve_name``
says how a name resolves, or would (``/v1/models/resolve``):

1. The aliases recorded in the warehouse with this spelling (exact, or case and separators
   normalised), per source: how the names sources actually used were resolved.
2. None recorded (for the source asked): the registry's deterministic rules applied to the name,
   per source (docs/identity.md), with the registry the generation was resolved with
   (``registry_alias``, migration 012); the items say ``observed: false`` and the rule used.
3. No item resolves: the canonical models whose id or a recorded name is closest to the name, by
   normalised edit distance. A hint for whoever adds the alias; the write path never uses it.

``unresolved_names`` lists the names kept as source-scoped models (``/v1/identity/unresolved``,
``rankledger identity unresolved``, the registry's coverage test).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import duckdb
import msgspec

from ingest.errors import AmbiguousError, NotFoundError
from ingest.identity import Resolution, Resolver, normalize_name, peel_suffixes, unresolved_model_id
from ingest.warehouse import stored_registry
from service.queries._rows import Params, fetch_all
from service.schemas import Alias, AliasList, ClosestModel, UnresolvedName

__all__ = ("ALIAS_COLUMNS", "CLOSEST_LIMIT", "ModelNames", "alias_rows", "resolve_name", "unresolved_names")

CLOSEST_LIMIT = 5
"""How many closest models a resolve answer lists when nothing matched."""

_MODELS = "SELECT model_id, canonical FROM model"
_SPELLINGS = "SELECT alias, alias_normalized, model_id FROM model_alias"

ALIAS_COLUMNS = """
    a.source_id, a.alias, a.model_id, a.variant, a.variant_attributes, a.resolved, a.rule, a.provenance,
    a.observed
"""

_RECORDED = f"""
SELECT {ALIAS_COLUMNS}
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


_UNRESOLVED = """
SELECT
    b.source_id,
    e.model_name,
    e.model_id,
    list(DISTINCT s.board_id ORDER BY s.board_id) AS boards,
    min(s.published_at) AS first_published_at,
    max(s.last_seen_on) AS last_published_at,
    min(e.rank_best) AS best_rank
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
JOIN board AS b ON b.board_id = s.board_id
WHERE NOT e.resolved
  AND ($source IS NULL OR b.source_id = $source)
  AND ($since IS NULL OR s.last_seen_on >= $since)
  AND ($max_rank IS NULL OR e.rank_best <= $max_rank)
GROUP BY ALL
ORDER BY best_rank NULLS LAST, b.source_id, e.model_name
"""


@dataclass(frozen=True)
class ModelNames:
    """How a name a client writes maps to a model: by id, by a source's spelling, by its normalised form."""

    canonical: dict[str, bool]
    """Every model id, and whether it is a canonical (registry) model."""
    by_alias: dict[str, set[str]]
    """A source's exact spelling -> the models it names."""
    by_normalized: dict[str, set[str]]
    """A spelling with case and separators normalised -> the models it names."""
    spellings: dict[tuple[str, str], set[str]]
    """(model id, normalised spelling) -> the exact spellings the sources use for it."""

    @classmethod
    def load(cls, cursor: duckdb.DuckDBPyConnection) -> ModelNames:
        canonical = {str(model_id): bool(flag) for model_id, flag in cursor.execute(_MODELS).fetchall()}
        by_alias: dict[str, set[str]] = defaultdict(set)
        by_normalized: dict[str, set[str]] = defaultdict(set)
        spellings: dict[tuple[str, str], set[str]] = defaultdict(set)
        for alias, normalized, model_id in cursor.execute(_SPELLINGS).fetchall():
            by_alias[alias].add(model_id)
            by_normalized[normalized].add(model_id)
            spellings[(model_id, normalized)].add(alias)
        return cls(canonical, dict(by_alias), dict(by_normalized), dict(spellings))

    def resolve(self, name: str) -> tuple[str, str | None]:
        """The model a name means and, when it was a source's spelling, that spelling normalised.

        An id wins (``gpt-4o``, or ``GPT-4o`` normalised to it); otherwise the models a source's
        spelling (exact, or with case and separators normalised) names, canonical models before
        source-scoped ones: ``GPT-4o-2024-05-13`` -> (``gpt-4o``, ``gpt-4o-2024-05-13``). Unknown
        raises ``NotFoundError``, several canonical candidates ``AmbiguousError``.
        """
        normalized = normalize_name(name)
        for candidate in (name, normalized):
            if candidate in self.canonical:
                return candidate, None
        named = self.by_alias.get(name, set()) | self.by_normalized.get(normalized, set())
        if not named:
            raise NotFoundError("model", name)
        canonical = sorted(m for m in named if self.canonical.get(m))
        chosen = canonical or sorted(named)
        if len(chosen) > 1:
            raise AmbiguousError("model", name, chosen)
        return chosen[0], normalized


def alias_rows(cursor: duckdb.DuckDBPyConnection, sql: str, params: Params) -> list[Alias]:
    """The aliases a query selecting ``model_alias AS a`` columns finds (``ALIAS_COLUMNS``)."""
    rows = cursor.execute(sql, params)
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
    params = {"name": name, "normalized": normalize_name(name), "source": source}
    items = alias_rows(cursor, _RECORDED, params)
    rules_applied = not items
    if rules_applied:
        resolver = Resolver(stored_registry(cursor))
        answers = [(s, resolver.resolve_name(s, name)) for s in ([source] if source else sources)]
        items = [_what_if(s, name, result) for s, result in answers if result is not None or source]
    closest = [] if any(item.resolved for item in items) else _closest(cursor, name)
    return AliasList(items=items, rules_applied=rules_applied, closest=closest)


def unresolved_names(
    cursor: duckdb.DuckDBPyConnection,
    *,
    source: str | None = None,
    since: date | None = None,
    max_rank: int | None = None,
) -> list[UnresolvedName]:
    """Names kept as source-scoped models, with the boards and dates they appear on.

    ``since`` and ``max_rank`` narrow it to what matters, e.g. names that reached the top 20
    of any board since 2025-01-01 (the registry's coverage goal).
    """
    params = {"source": source, "since": since, "max_rank": max_rank}
    return fetch_all(cursor, _UNRESOLVED, params, UnresolvedName)
