"""Event ids (and events) depend on what was published, not on how or when it was loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ingest.runner import import_paths
from ingest.warehouse import WAREHOUSE_FILE, current_generation_path
from tests.conftest import SEEDS

LEGACY_CSV = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys"
VERSIONS = ["2025-03-18", "2025-03-22", "2025-03-26", "2025-03-28"]


def _events(data_dir: Path) -> list[tuple[Any, ...]]:
    path = current_generation_path(data_dir)
    assert path is not None
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("SELECT * FROM change_event ORDER BY event_id").fetchall()


def _files(*versions: str) -> list[Path]:
    return [LEGACY_CSV / f"lmsys_{v}.csv" for v in versions]


def test_two_builds_in_different_orders_give_the_same_events(tmp_path: Path) -> None:
    at_once, backfilled = tmp_path / "at_once", tmp_path / "backfilled"
    import_paths(at_once, _files(*VERSIONS), seeds_dir=SEEDS)
    import_paths(backfilled, _files(*VERSIONS[2:]), seeds_dir=SEEDS)  # newest first, then the older ones
    import_paths(backfilled, _files(*VERSIONS[:2]), seeds_dir=SEEDS)

    first, second = _events(at_once), _events(backfilled)

    assert first == second
    assert "tag:rankledger.dev,2026:board/lmarena.text.overall.raw/2025-03-26/new_leader/gemini-2.5-pro" in {
        row[0] for row in first
    }


def test_an_ingest_that_changes_nothing_recomputes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, _files(*VERSIONS[:2]), seeds_dir=SEEDS)

    again = import_paths(data_dir, _files(*VERSIONS[:2]), seeds_dir=SEEDS)

    assert again.generation is None
    assert again.changes is not None
    assert not again.changes.changed
    assert again.changes.events == 5
    assert (data_dir / WAREHOUSE_FILE).is_file()
