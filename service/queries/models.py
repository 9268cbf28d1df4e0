"""Models (canonical and source-scoped), their aliases, standings and rank history."""

from __future__ import annotations

from datetime import date

import duckdb
import msgspec

from ingest.errors import AmbiguousError, NotFoundError
from ingest.identity import normalize_name
from service.queries._rows import fetch_all, fetch_one
from service.schemas import Alias, HistoryPoint, Model, ModelDetail, Standing, UnresolvedName

__all__ = (
    "model_detail",
    "model_history",
    "resolve_model",
    "resolve_model_id",
    "resolve_models",
    "search_models",
    "unresolved_names",
)

_MODELS = """
WITH seen AS (
    SELECT
        e.model_id,
        count(DISTINCT s.board_id) AS board_count,
        min(s.published_at) AS first_published_at,
        max(s.last_seen_on) AS last_published_at
    FROM entry AS e
    JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
    GROUP BY e.model_id
),
names AS (
    SELECT model_id, list(DISTINCT alias ORDER BY alias) AS names
    FROM model_alias
    GROUP BY model_id
)
SELECT
    m.model_id, m.display_name, m.canonical, m.organization, m.family, m.release_date,
    coalesce(n.names, []) AS names,
    coalesce(seen.board_count, 0) AS board_count,
    seen.first_published_at,
    seen.last_published_at
FROM model AS m
LEFT JOIN seen ON seen.model_id = m.model_id
LEFT JOIN names AS n ON n.model_id = m.model_id
WHERE ($model_id IS NULL OR m.model_id = $model_id)
  AND ($canonical IS NULL OR m.canonical = $canonical)
  AND (
      $q IS NULL
      OR contains(lower(m.model_id), lower($q))
      OR contains(lower(m.display_name), lower($q))
      OR len(list_filter(coalesce(n.names, []), lambda x: contains(lower(x), lower($q)))) > 0
  )
ORDER BY m.canonical DESC, m.model_id
"""

_ALIAS_COLUMNS = """
    a.source_id, a.alias, a.model_id, a.variant, a.variant_attributes, a.resolved, a.rule, a.provenance,
    a.observed
"""

_ALIASES = f"""
SELECT {_ALIAS_COLUMNS}
FROM model_alias AS a
WHERE a.model_id = $model_id
ORDER BY a.source_id, a.alias, a.variant NULLS FIRST
"""

# The latest served snapshot of each board that lists the model, one line per variant.
# Votes and published ranks a served line lacks come from a corroborating snapshot of the same
# board and day (served_completion, migration 012), with the snapshot each value came from.
_COMPLETED = """
    coalesce(e.rank, c.rank) AS rank, e.rank_best, e.rank_worst, e.score, e.ci_lower, e.ci_upper,
    coalesce(e.votes, c.votes) AS votes, e.preliminary"""
_PROVENANCE = """
    CASE WHEN e.votes IS NOT NULL THEN e.snapshot_id ELSE c.votes_snapshot_id END AS votes_snapshot_id,
    CASE WHEN e.rank IS NOT NULL THEN e.snapshot_id ELSE c.rank_snapshot_id END AS rank_snapshot_id"""
_COMPLETION_JOIN = (
    "LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position"
)

_STANDINGS = f"""
SELECT
    s.board_id, s.published_at, e.model_name, e.variant, {_COMPLETED}, {_PROVENANCE}
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
{_COMPLETION_JOIN}
WHERE e.model_id = $model_id
QUALIFY row_number() OVER (
    PARTITION BY s.board_id, e.model_name ORDER BY s.published_at DESC, e.position
) = 1
   AND s.published_at = max(s.published_at) OVER (PARTITION BY s.board_id)
ORDER BY s.board_id, e.rank_best NULLS LAST, e.position
"""

_HISTORY = f"""
SELECT
    s.board_id, s.published_at, e.model_name, e.variant, {_COMPLETED}, s.last_seen_on, s.snapshot_id,
    {_PROVENANCE}
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
{_COMPLETION_JOIN}
WHERE e.model_id = $model_id
  AND ($board IS NULL OR s.board_id = $board)
  AND ($variant IS NULL OR e.variant IS NOT DISTINCT FROM nullif($variant, '-'))
  -- asked for by a source's spelling: that spelling's entries (in any source that uses it)
  AND ($spelling IS NULL OR e.model_name IN (
      SELECT alias FROM model_alias WHERE alias_normalized = $spelling AND model_id = $model_id))
  AND ($from IS NULL OR s.published_at >= $from)
  AND ($to IS NULL OR s.published_at <= $to)
ORDER BY s.board_id, s.published_at, e.position
"""

# A path segment names a model by id, by a source's exact name, or by that name with other case
# and separators: every model each of several names may mean, the model whose id it is first,
# then canonical models before source-scoped ones of the same name.
_CANDIDATES = """
WITH asked AS (
    SELECT unnest($names::VARCHAR[]) AS name, unnest($normalized::VARCHAR[]) AS normalized
)
SELECT q.name, m.model_id, m.canonical, true AS by_id
FROM asked AS q
JOIN model AS m ON m.model_id = q.name OR m.model_id = q.normalized
UNION
SELECT q.name, m.model_id, m.canonical, false AS by_id
FROM asked AS q
JOIN model_alias AS a ON a.alias = q.name OR a.alias_normalized = q.normalized
JOIN model AS m ON m.model_id = a.model_id
ORDER BY by_id DESC, canonical DESC, model_id
"""

_MODEL_IDS = "SELECT model_id FROM model WHERE list_contains($ids::VARCHAR[], model_id)"

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


def resolve_models(cursor: duckdb.DuckDBPyConnection, names: list[str]) -> list[tuple[str, str | None]]:
    """The model each name means (an id, or any source's spelling of it, see ``_CANDIDATES``) and,
    when it was a spelling, that spelling normalised: ``GPT-4o-2024-05-13`` -> (``gpt-4o``,
    ``gpt-4o-2024-05-13``). One query for all the names; the first unknown or ambiguous name
    raises."""
    normalized = [normalize_name(name) for name in names]
    # A model id wins over any alias, so ids (the usual case) need no look at the aliases.
    ids = {str(row[0]) for row in cursor.execute(_MODEL_IDS, {"ids": names + normalized}).fetchall()}
    others = [
        (name, spelling)
        for name, spelling in zip(names, normalized, strict=True)
        if name not in ids and spelling not in ids
    ]
    candidates: dict[str, list[tuple[str, bool, bool]]] = {name: [] for name, _ in others}
    if others:
        params = {"names": [name for name, _ in others], "normalized": [spelling for _, spelling in others]}
        for name, model_id, is_canonical, is_id in cursor.execute(_CANDIDATES, params).fetchall():
            candidates[name].append((str(model_id), bool(is_canonical), bool(is_id)))
    resolved: list[tuple[str, str | None]] = []
    for name, spelling in zip(names, normalized, strict=True):
        if name in ids or spelling in ids:
            resolved.append((name if name in ids else spelling, None))
        else:
            resolved.append(_choose(name, spelling, candidates[name]))
    return resolved


def _choose(name: str, normalized: str, candidates: list[tuple[str, bool, bool]]) -> tuple[str, str | None]:
    if not candidates:
        raise NotFoundError("model", name)
    by_id = [model_id for model_id, _, is_id in candidates if is_id]
    if by_id:
        return by_id[0], None
    canonical = [model_id for model_id, is_canonical, _ in candidates if is_canonical]
    chosen = canonical or [model_id for model_id, _, _ in candidates]
    if len(chosen) > 1:
        raise AmbiguousError("model", name, chosen)
    return chosen[0], normalized


def resolve_model(cursor: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str | None]:
    """The model a path segment names and, when it was a spelling, that spelling normalised."""
    return resolve_models(cursor, [name])[0]


def resolve_model_id(cursor: duckdb.DuckDBPyConnection, name: str) -> str:
    """The model a path segment names: an id or any source's spelling of it."""
    return resolve_model(cursor, name)[0]


def _aliases(cursor: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]) -> list[Alias]:
    rows = cursor.execute(sql, params)
    columns = [d[0] for d in rows.description or ()]
    aliases = []
    for row in rows.fetchall():
        record = dict(zip(columns, row, strict=True))
        record["variant_attributes"] = msgspec.json.decode(record["variant_attributes"] or "{}")
        aliases.append(msgspec.convert(record, Alias))
    return aliases


def search_models(
    cursor: duckdb.DuckDBPyConnection, q: str | None, *, canonical: bool | None = None
) -> list[Model]:
    """Models whose id, display name or any source name contains ``q`` (case-insensitive)."""
    return fetch_all(cursor, _MODELS, {"model_id": None, "q": q, "canonical": canonical}, Model)


def model_detail(cursor: duckdb.DuckDBPyConnection, name: str) -> ModelDetail:
    """A model with its aliases by source and its latest standing on every board."""
    model_id = resolve_model_id(cursor, name)
    model = fetch_one(cursor, _MODELS, {"model_id": model_id, "q": None, "canonical": None}, Model)
    if model is None:
        raise NotFoundError("model", name)
    from service.queries.claims import claims_about_model  # claims resolves ids through this module

    aliases = _aliases(cursor, _ALIASES, {"model_id": model_id})
    standings = fetch_all(cursor, _STANDINGS, {"model_id": model_id}, Standing)
    claims = claims_about_model(cursor, model_id)
    return ModelDetail(model=model, aliases=aliases, standings=standings, claims=claims)


def model_history(
    cursor: duckdb.DuckDBPyConnection,
    name: str,
    *,
    board: str | None,
    variant: str | None,
    date_from: date | None,
    date_to: date | None,
) -> tuple[str, str | None, list[HistoryPoint]]:
    """The model's dated series on one board (or all boards), oldest first.

    Asked for by id (``gpt-4o``): every variant, or the one ``variant`` label (``-``: no label).
    Asked for by a source's spelling (``gpt-4o-2024-05-13``): the entries so spelt, i.e. that
    variant's series; returns (model id, spelling or ``None``, points).
    """
    model_id, spelling = resolve_model(cursor, name)
    if (
        board is not None
        and cursor.execute("SELECT 1 FROM board WHERE board_id = ?", [board]).fetchone() is None
    ):
        raise NotFoundError("board", board)
    params = {
        "model_id": model_id,
        "spelling": spelling,
        "board": board,
        "variant": variant,
        "from": date_from,
        "to": date_to,
    }
    return model_id, spelling, fetch_all(cursor, _HISTORY, params, HistoryPoint)


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
