"""Turning DuckDB result rows into wire Structs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import duckdb
import msgspec

__all__ = ("Params", "fetch_all", "fetch_dicts", "fetch_one")

T = TypeVar("T")
Params = Sequence[Any] | Mapping[str, Any]
"""Bound parameters: positional (``?``) or named (``$name``)."""


def fetch_dicts(cursor: duckdb.DuckDBPyConnection, sql: str, params: Params) -> list[dict[str, Any]]:
    """Run ``sql`` with bound ``params``; each row as a dict by column name."""
    result = cursor.execute(sql, params)
    columns = [d[0] for d in result.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def fetch_all(cursor: duckdb.DuckDBPyConnection, sql: str, params: Params, into: type[T]) -> list[T]:
    """Run ``sql`` with bound ``params``; each row becomes an ``into`` by column name."""
    return [msgspec.convert(row, into, strict=False) for row in fetch_dicts(cursor, sql, params)]


def fetch_one(cursor: duckdb.DuckDBPyConnection, sql: str, params: Params, into: type[T]) -> T | None:
    """The first row as an ``into``, or ``None``."""
    rows = fetch_all(cursor, sql, params, into)
    return rows[0] if rows else None
