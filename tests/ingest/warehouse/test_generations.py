"""Published generations: atomic switch, in-flight queries finish on their generation."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from ingest.warehouse import GenerationPool, current_generation_path, exports_dir, migrate, publish_generation


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


def test_every_generation_opened_gets_the_pools_duckdb_settings(tmp_path: Path) -> None:
    warehouse = _warehouse_with(tmp_path / "warehouse.duckdb", 1)
    publish_generation(tmp_path, warehouse)
    pool = GenerationPool(tmp_path, settings={"memory_limit": "100MB", "threads": 1})
    setting = "SELECT current_setting('threads'), current_setting('memory_limit')"

    with pool.cursor() as (_, cursor):
        first = cursor.execute(setting).fetchone()
    _warehouse_with(warehouse, 2)
    publish_generation(tmp_path, warehouse)
    with pool.cursor() as (_, cursor):
        second = cursor.execute(setting).fetchone()
        # another connection to the same file in this process is still possible (no config clash)
        generation = current_generation_path(tmp_path)
        assert generation is not None
        with duckdb.connect(str(generation), read_only=True) as other:
            assert other.execute("SELECT value FROM marker").fetchone() == (2,)
    pool.close()

    assert first == second == (1, "95.3 MiB")


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


def test_the_generation_is_on_disk_before_current_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = _warehouse_with(tmp_path / "warehouse.duckdb", 1)
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append("fsync " + Path(f"/proc/self/fd/{descriptor}").readlink().name)
        real_fsync(descriptor)

    def replace(source: str | Path, target: str | Path) -> None:
        events.append(f"rename {Path(source).name} -> {Path(target).name}")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)

    name = publish_generation(tmp_path, warehouse)

    steps = [e for e in events if "exports" not in e and ".parquet" not in e and ".csv" not in e]
    steps = [e for e in steps if "manifest" not in e]
    assert steps == [
        f"fsync .{name}.partial",
        f"rename .{name}.partial -> {name}",
        "fsync generations",
        "fsync generations",  # after the exports folder was added
        "fsync .CURRENT.partial",
        "rename .CURRENT.partial -> CURRENT",
        f"fsync {tmp_path.name}",
    ]
    exports = exports_dir(tmp_path / "generations" / name)
    assert f"fsync {exports.name}" in events
    assert "fsync manifest.json" in events
