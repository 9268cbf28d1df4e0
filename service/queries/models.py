"""Models (canonical and source-scoped), their aliases and standings.

Names resolve through the generation's in-memory names (``service/queries/identity.py``);
histories are read from its served lines (``service/queries/served.py``).
"""

from __future__ import annotations

import duckdb

from ingest.errors import NotFoundError
from service.queries._rows import fetch_all, fetch_one
from service.queries.claims import claims_about_model
from service.queries.identity import ALIAS_COLUMNS, ModelNames, alias_rows
from service.schemas import Model, ModelDetail, Standing

__all__ = ("model_detail", "search_models")

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

_ALIASES = f"""
SELECT {ALIAS_COLUMNS}
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


def search_models(
    cursor: duckdb.DuckDBPyConnection, q: str | None, *, canonical: bool | None = None
) -> list[Model]:
    """Models whose id, display name or any source name contains ``q`` (case-insensitive)."""
    return fetch_all(cursor, _MODELS, {"model_id": None, "q": q, "canonical": canonical}, Model)


def model_detail(cursor: duckdb.DuckDBPyConnection, names: ModelNames, name: str) -> ModelDetail:
    """A model with its aliases by source and its latest standing on every board."""
    model_id, _ = names.resolve(name)
    model = fetch_one(cursor, _MODELS, {"model_id": model_id, "q": None, "canonical": None}, Model)
    if model is None:
        raise NotFoundError("model", name)

    aliases = alias_rows(cursor, _ALIASES, {"model_id": model_id})
    standings = fetch_all(cursor, _STANDINGS, {"model_id": model_id}, Standing)
    claims = claims_about_model(cursor, model_id)
    return ModelDetail(model=model, aliases=aliases, standings=standings, claims=claims)
