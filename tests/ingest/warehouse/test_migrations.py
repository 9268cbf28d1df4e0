"""Migrations change tables; the views live once in ``ingest/warehouse/views/`` and are re-applied."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import duckdb

from ingest.warehouse import WAREHOUSE_FILE, Warehouse, current_generation_path, migrate
from ingest.warehouse._migrate import VIEWS

MATERIALISED = ("served_snapshot", "served_completion", "served_line")


def _views(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    return [str(row[0]) for row in rows]


def test_every_view_file_is_applied_and_no_migration_defines_a_view() -> None:
    folder = resources.files("ingest.warehouse")
    files = sorted(item.name for item in (folder / "views").iterdir() if item.name.endswith(".sql"))
    migrations = [item.read_text(encoding="utf-8") for item in (folder / "migrations").iterdir()]

    assert files == sorted(f"{name}.sql" for name in VIEWS)
    assert not [sql for sql in migrations if "CREATE VIEW" in sql or "REPLACE VIEW" in sql]


def test_a_fresh_warehouse_has_every_view_and_a_second_migrate_applies_nothing_but_the_views() -> None:
    connection = duckdb.connect()
    applied = migrate(connection)

    assert applied[0] == "001_initial.sql"
    assert sorted(_views(connection)) == sorted(VIEWS)
    assert migrate(connection) == []
    assert sorted(_views(connection)) == sorted(VIEWS)


def test_a_warehouse_upgraded_in_place_has_its_served_tables_refilled(
    seeded_data_dir: Path, tmp_path: Path
) -> None:
    """A pending migration on a warehouse with data: the writer materialises the views again."""
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    shutil.copyfile(generation, tmp_path / WAREHOUSE_FILE)
    with duckdb.connect(str(tmp_path / WAREHOUSE_FILE)) as connection:
        served = [connection.execute(f"SELECT count(*) FROM {t}").fetchone() for t in MATERIALISED]
        for table in MATERIALISED:
            connection.execute(f"DELETE FROM {table}")
        connection.execute("DROP TABLE source_run")
        connection.execute("DELETE FROM schema_migration WHERE name = '015_source_runs.sql'")

    with Warehouse(tmp_path) as warehouse:
        refilled = [
            warehouse.connection.execute(f"SELECT count(*) FROM {t}").fetchone() for t in MATERIALISED
        ]

    assert refilled == served
    assert served[2] is not None
    assert served[2][0] > 100_000
