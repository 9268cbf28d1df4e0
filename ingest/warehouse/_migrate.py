"""Schema migrations: numbered SQL files applied once each, in order; then the views, every time.

Tables change only through ``migrations/NNN_name.sql``. Views hold no data, so their current
definitions live once in ``views/<name>.sql`` and are re-applied after the migrations on every
open of the writer: a view changes by editing its file, never by copying its body into a new
migration.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import resources

import duckdb

from ingest.transaction import transaction

__all__ = ("VIEWS", "migrate")

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

VIEWS = (
    "snapshot_choice",
    "snapshot_run",
    "snapshot_disagreement",
    "served_snapshot_view",
    "served_completion_view",
    "served_line_view",
)
"""The views of ``views/``, in an order they can be created in (each reads only tables and the
views before it): the served snapshot per board and date, its runs, the disagreements with the
snapshots not served, then what ``Warehouse.materialize`` copies into ``served_snapshot``,
``served_completion`` and ``served_line``."""


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("ingest.warehouse") / "migrations"
    found = []
    for item in folder.iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append((int(match[1]), item.name, item.read_text(encoding="utf-8")))
    return sorted(found)


def _view_definitions() -> list[str]:
    folder = resources.files("ingest.warehouse") / "views"
    return [(folder / f"{name}.sql").read_text(encoding="utf-8") for name in VIEWS]


def migrate(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet applied, then (re)create every view; returns the names of the
    migrations applied now."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migration ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    applied = {row[0] for row in connection.execute("SELECT version FROM schema_migration").fetchall()}
    done = []
    for version, name, sql in _migrations():
        if version in applied:
            continue
        with transaction(connection):  # never leave a migration half applied, even on Ctrl-C
            connection.execute(sql)
            connection.execute(
                "INSERT INTO schema_migration VALUES (?, ?, ?)", [version, name, datetime.now(UTC)]
            )
        done.append(name)
    with transaction(connection):
        for definition in _view_definitions():
            connection.execute(definition)
    return done
