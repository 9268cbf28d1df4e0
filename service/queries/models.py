"""Models as seen across boards, their standings and their rank history."""

from __future__ import annotations

from datetime import date

import duckdb

from ingest.errors import NotFoundError
from ingest.identity import source_scoped_model_id
from service.queries._rows import fetch_all, fetch_one
from service.schemas import HistoryPoint, Model, ModelDetail, Standing

__all__ = ("model_detail", "model_history", "resolve_model_id", "search_models")

_MODELS = """
SELECT
    e.model_id,
    list(DISTINCT e.model_name ORDER BY e.model_name) AS names,
    list(DISTINCT e.organization ORDER BY e.organization) FILTER (WHERE e.organization IS NOT NULL)
        AS organizations,
    count(DISTINCT s.board_id) AS board_count,
    min(s.published_at) AS first_published_at,
    max(s.published_at) AS last_published_at
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
WHERE $model_id IS NULL OR e.model_id = $model_id
GROUP BY e.model_id
HAVING $q IS NULL
    OR contains(e.model_id, lower($q))
    OR len(list_filter(names, lambda n: contains(lower(n), lower($q)))) > 0
ORDER BY e.model_id
"""

# The latest served snapshot of each board that lists the model.
_STANDINGS = """
SELECT
    s.board_id, s.published_at, e.model_name, e.rank, e.rank_best, e.rank_worst, e.score,
    e.ci_lower, e.ci_upper, e.votes, e.preliminary
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
WHERE e.model_id = $model_id
QUALIFY row_number() OVER (PARTITION BY s.board_id ORDER BY s.published_at DESC, e.position) = 1
ORDER BY s.board_id
"""

_HISTORY = """
SELECT
    s.board_id, s.published_at, e.model_name, e.rank, e.rank_best, e.rank_worst, e.score,
    e.ci_lower, e.ci_upper, e.votes, e.preliminary, s.last_seen_on, s.snapshot_id
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
WHERE e.model_id = $model_id
  AND ($board IS NULL OR s.board_id = $board)
  AND ($from IS NULL OR s.published_at >= $from)
  AND ($to IS NULL OR s.published_at <= $to)
ORDER BY s.board_id, s.published_at, e.position
"""


def resolve_model_id(cursor: duckdb.DuckDBPyConnection, name: str) -> str:
    """The model id a path segment names: an id, or a source name normalised the same way."""
    model_id = source_scoped_model_id(name)
    if cursor.execute("SELECT 1 FROM entry WHERE model_id = ? LIMIT 1", [model_id]).fetchone() is None:
        raise NotFoundError("model", name)
    return model_id


def search_models(cursor: duckdb.DuckDBPyConnection, q: str | None) -> list[Model]:
    """Models whose id or any source name contains ``q`` (case-insensitive); all when ``q`` is None."""
    return fetch_all(cursor, _MODELS, {"model_id": None, "q": q}, Model)


def model_detail(cursor: duckdb.DuckDBPyConnection, name: str) -> ModelDetail:
    """A model with its latest standing on every board."""
    model_id = resolve_model_id(cursor, name)
    model = fetch_one(cursor, _MODELS, {"model_id": model_id, "q": None}, Model)
    if model is None:
        raise NotFoundError("model", name)
    standings = fetch_all(cursor, _STANDINGS, {"model_id": model_id}, Standing)
    return ModelDetail(model=model, standings=standings)


def model_history(
    cursor: duckdb.DuckDBPyConnection,
    name: str,
    *,
    board: str | None,
    date_from: date | None,
    date_to: date | None,
) -> tuple[str, list[HistoryPoint]]:
    """The model's dated series on one board (or all boards), oldest first."""
    model_id = resolve_model_id(cursor, name)
    if (
        board is not None
        and cursor.execute("SELECT 1 FROM board WHERE board_id = ?", [board]).fetchone() is None
    ):
        raise NotFoundError("board", board)
    params = {"model_id": model_id, "board": board, "from": date_from, "to": date_to}
    return model_id, fetch_all(cursor, _HISTORY, params, HistoryPoint)
