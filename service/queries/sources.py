"""Sources with their licence, citation and what the warehouse holds of them."""

from __future__ import annotations

import duckdb

from service.queries._rows import fetch_all
from service.schemas import Source

__all__ = ("list_sources",)

_SOURCES = """
SELECT
    src.source_id, src.name, src.homepage, src.licence, src.citation, src.description, src.retired,
    count(DISTINCT b.board_id) AS board_count,
    max(s.published_at) AS latest_published_at
FROM source AS src
LEFT JOIN board AS b ON b.source_id = src.source_id
LEFT JOIN snapshot AS s ON s.board_id = b.board_id
GROUP BY ALL
ORDER BY src.source_id
"""


def list_sources(cursor: duckdb.DuckDBPyConnection) -> list[Source]:
    """Every source, with its board count and newest snapshot date."""
    return fetch_all(cursor, _SOURCES, [], Source)
