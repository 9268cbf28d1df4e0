"""Corroboration: where two formats covering the same board and date disagree beyond rounding."""

from __future__ import annotations

from datetime import date

import duckdb

from service.queries._rows import fetch_all
from service.schemas import Disagreement

__all__ = ("list_disagreements",)

# The rule (score differs by more than 1 point, or vote counts differ) lives in the
# snapshot_disagreement view (ingest/warehouse/views/snapshot_disagreement.sql).
_DISAGREEMENTS = """
SELECT d.*
FROM snapshot_disagreement AS d
JOIN board AS b ON b.board_id = d.board_id
WHERE ($board IS NULL OR d.board_id = $board)
  AND ($source IS NULL OR b.source_id = $source)
  AND ($from IS NULL OR d.published_at >= $from)
  AND ($to IS NULL OR d.published_at <= $to)
-- a total order (one model can disagree under two spellings): the same request gives the same bytes,
-- which ETags and byte ranges rely on
ORDER BY d.board_id, d.published_at, d.score_difference DESC NULLS LAST, d.model_id, d.model_name,
         d.served_snapshot_id, d.other_snapshot_id
"""


def list_disagreements(
    cursor: duckdb.DuckDBPyConnection,
    *,
    board: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[Disagreement]:
    """Every disagreement, filtered by board, source and date range."""
    params = {"board": board, "source": source, "from": date_from, "to": date_to}
    return fetch_all(cursor, _DISAGREEMENTS, params, Disagreement)
