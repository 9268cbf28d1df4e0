"""What a writer that died mid-run leaves behind is removed by the next one; CURRENT's file never."""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.runner import import_paths
from ingest.warehouse import (
    CURRENT_POINTER,
    WAREHOUSE_FILE,
    complete_generations,
    current_generation_path,
    exports_dir,
    remove_crash_debris,
)
from tests.conftest import SEEDS

LEGACY = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys"


def _published(tmp_path: Path, *names: str) -> Path:
    data_dir = tmp_path / "data"
    for name in names:
        assert import_paths(data_dir, [LEGACY / name]).generation is not None
    return data_dir


def test_every_kind_of_debris_goes_and_the_served_generation_stays(tmp_path: Path) -> None:
    data_dir = _published(tmp_path, "lmsys_2024-06-19.csv", "lmsys_2024-07-07.csv")
    folder = data_dir / "generations"
    current = current_generation_path(data_dir)
    assert current is not None
    older = next(p for p in complete_generations(data_dir) if p != current)
    # A copy never renamed, a generation killed while writing its exports, one complete but
    # never switched to, exports whose generation was pruned, a pointer never renamed, an
    # archive file never renamed, DuckDB's spill folder.
    (folder / ".gen-20990101T000000000000Z.duckdb.partial").write_bytes(b"half a copy")
    shutil.copyfile(current, folder / "gen-20990101T000000000001Z.duckdb")
    (folder / "gen-20990101T000000000001Z.duckdb.exports").mkdir()
    shutil.copyfile(current, folder / "gen-20990101T000000000002Z.duckdb")
    shutil.copytree(exports_dir(current), folder / "gen-20990101T000000000002Z.duckdb.exports")
    older.unlink()
    (data_dir / f".{CURRENT_POINTER}.partial").write_text("gen-20990101T000000000001Z.duckdb\n")
    (data_dir / "raw" / "ab").mkdir(parents=True)
    (data_dir / "raw" / "ab" / ".ab12.partial").write_bytes(b"half a payload")
    (data_dir / f"{WAREHOUSE_FILE}.tmp").mkdir()
    (data_dir / f"{WAREHOUSE_FILE}.tmp" / "spill.block").write_bytes(b"x")

    removed = remove_crash_debris(data_dir, data_dir / WAREHOUSE_FILE)

    assert sorted(str(p.relative_to(data_dir)) for p in removed) == sorted(
        [
            ".CURRENT.partial",
            "generations/.gen-20990101T000000000000Z.duckdb.partial",
            "generations/gen-20990101T000000000001Z.duckdb",
            "generations/gen-20990101T000000000001Z.duckdb.exports",
            "generations/gen-20990101T000000000002Z.duckdb",
            "generations/gen-20990101T000000000002Z.duckdb.exports",
            f"generations/{older.name}.exports",
            "raw/ab/.ab12.partial",
            f"{WAREHOUSE_FILE}.tmp",
        ]
    )
    assert current_generation_path(data_dir) == current
    assert complete_generations(data_dir) == [current]
    assert sorted(p.name for p in folder.iterdir()) == [current.name, f"{current.name}.exports"]


def test_the_next_import_cleans_up_before_it_loads(tmp_path: Path) -> None:
    data_dir = _published(tmp_path, "lmsys_2024-06-19.csv")
    debris = data_dir / "generations" / ".gen-20990101T000000000000Z.duckdb.partial"
    debris.write_bytes(b"half a copy")

    summary = import_paths(data_dir, [LEGACY / "lmsys_2024-07-07.csv"])

    assert debris in summary.debris
    assert not debris.exists()
    assert summary.snapshots_added == 1


def test_pruning_counts_only_complete_generations(tmp_path: Path) -> None:
    data_dir = _published(tmp_path, "lmsys_2024-06-19.csv", "lmsys_2024-07-07.csv", "lmsys_2024-07-10.csv")
    kept = complete_generations(data_dir)
    assert len(kept) == 3
    # An incomplete generation (no manifest) newer than all of them does not push a complete one out.
    incomplete = data_dir / "generations" / "gen-20990101T000000000000Z.duckdb"
    shutil.copyfile(kept[-1], incomplete)

    summary = import_paths(data_dir, [LEGACY / "lmsys_2024-07-18.csv"])

    after = complete_generations(data_dir)
    assert summary.generation is not None
    assert [p.name for p in after] == [kept[1].name, kept[2].name, summary.generation]
    assert not incomplete.exists()
