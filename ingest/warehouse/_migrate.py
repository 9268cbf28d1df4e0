"""Schema migrations: numbered SQL files applied once each, in order."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import resources

import duckdb

__all__ = ("migrate",)

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("ingest.warehouse") / "migrations"
    found = []
    for item in folder.iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append((int(match[1]), item.name, item.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet applied; returns the names of those applied now."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migration ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    applied = {row[0] for row in connection.execute("SELECT version FROM schema_migration").fetchall()}
    done = []
    for version, name, sql in _migrations():
        if version in applied:
            continue
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute(sql)
            connection.execute(
                "INSERT INTO schema_migration VALUES (?, ?, ?)", [version, name, datetime.now(UTC)]
            )
            connection.execute("COMMIT")
        except BaseException:  # Ctrl-C or SIGTERM too: never leave a migration half applied
            connection.execute("ROLLBACK")
            raise
        done.append(name)
    return done
