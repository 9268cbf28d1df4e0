"""Published generations: atomic switch, in-flight queries finish on their generation."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.warehouse import GenerationPool, current_generation_path, migrate, publish_generation


def _warehouse_with(path: Path, value: int) -> Path:
    with duckdb.connect(str(path)) as db:
        migrate(db)  # publishing writes the exports, which read the real schema
        db.execute("CREATE OR REPLACE TABLE marker AS SELECT ? AS value", [value])
        db.execute("CHECKPOINT")
    return path


def test_nothing_is_served_before_the_first_publish(tmp_path: Path) -> None:
    pool = GenerationPool(tmp_path)

    assert current_generation_path(tmp_path) is None
    assert pool.current_name is None


def test_pool_switches_to_a_new_generation_while_an_old_query_finishes(tmp_path: Path) -> None:
    warehouse = _warehouse_with(tmp_path / "warehouse.duckdb", 1)
    first = publish_generation(tmp_path, warehouse)
    pool = GenerationPool(tmp_path)

    with pool.cursor() as (old_generation, old_cursor):
        _warehouse_with(warehouse, 2)
        second = publish_generation(tmp_path, warehouse)
        with pool.cursor() as (new_generation, new_cursor):
            assert new_cursor.execute("SELECT value FROM marker").fetchone() == (2,)
        # the query that started on the first generation still reads it
        assert old_cursor.execute("SELECT value FROM marker").fetchone() == (1,)
        assert old_generation.name == first

    assert new_generation.name == second
    assert old_generation.retired
    assert pool.current_name == second
    pool.close()


def test_generations_get_fresh_names_and_old_ones_are_pruned(tmp_path: Path) -> None:
    warehouse = _warehouse_with(tmp_path / "warehouse.duckdb", 1)

    names = [publish_generation(tmp_path, warehouse) for _ in range(5)]

    assert len(set(names)) == 5
    kept = sorted(p.name for p in (tmp_path / "generations").glob("gen-*.duckdb"))
    assert kept == sorted(names[-3:])
    exports = sorted(p.name for p in (tmp_path / "generations").glob("gen-*.exports"))
    assert exports == sorted(f"{name}.exports" for name in names[-3:])
    assert (tmp_path / "generations" / f"{names[-1]}.exports" / "manifest.json").is_file()
    assert current_generation_path(tmp_path) == tmp_path / "generations" / names[-1]
