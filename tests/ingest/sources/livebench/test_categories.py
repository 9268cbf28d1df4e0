"""Where a LiveBench table finds its category map: beside it, or archived by an earlier import."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import msgspec

from ingest.records import RawPayload, StoredPayload
from ingest.runner import import_paths
from ingest.sources.livebench import category_map_hints, stored_hints
from ingest.warehouse import WAREHOUSE_FILE
from tests.conftest import FIXTURES, fixture_payload

TABLE_AT_2025_12_15 = "livebench_csv/history/table_2025_11_25@2025-12-15_a840b90.csv"
MAP_2025_11_25 = FIXTURES / "livebench_csv/release_latest/categories_2025_11_25.json"


class _Archive:
    """Stand-in for the warehouse's archive: the given payloads, filtered by origin."""

    def __init__(self, *payloads: StoredPayload) -> None:
        self.payloads = payloads
        self.asked: list[tuple[str, str]] = []

    def accepted_payloads(self, format_name: str, origin: re.Pattern[str]) -> list[StoredPayload]:
        self.asked.append((format_name, origin.pattern))
        return [p for p in self.payloads if origin.search(p.origin)]


def _map(origin: str, retrieved: str) -> StoredPayload:
    return StoredPayload(
        origin=origin, content=MAP_2025_11_25.read_bytes(), retrieved_at=datetime.fromisoformat(retrieved)
    )


def _lone_table(tmp_path: Path) -> Path:
    """The real table version copied alone into a download folder (no manifest, no map beside it)."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    table = folder / Path(TABLE_AT_2025_12_15).name
    shutil.copyfile(FIXTURES / TABLE_AT_2025_12_15, table)
    return table


def test_the_archived_map_of_the_release_not_later_than_the_table_is_chosen() -> None:
    table = fixture_payload(TABLE_AT_2025_12_15)  # version 2025-12-15 (manifest)
    archive = _Archive(
        _map("/seeds/categories_2025_05_30.json", "2025-06-11T18:01:04+00:00"),  # another release
        _map("https://livebench.ai/categories_2025_11_25.json", "2025-12-01T16:31:15+00:00"),
        _map("/later/categories_2025_11_25.json", "2026-01-19T05:21:32+00:00"),
    )

    hints = stored_hints(table, archive)

    assert archive.asked == [("livebench-csv", r"categories_2025_11_25(?:@[^/\\]*)?\.json$")]
    assert hints["categories_origin"] == (
        "https://livebench.ai/categories_2025_11_25.json (archived in the warehouse)"
    )
    assert hints["categories_version_date"] == "2025-12-01"
    assert hints["categories_json"] == MAP_2025_11_25.read_text()


def test_only_a_later_archived_map_is_used_as_the_later_version() -> None:
    table = fixture_payload(TABLE_AT_2025_12_15)

    hints = stored_hints(
        table, _Archive(_map("/later/categories_2025_11_25.json", "2026-01-19T05:21:32+00:00"))
    )

    assert hints["categories_version_date"] == "2026-01-19"


def test_no_lookup_when_the_table_has_its_map_or_is_a_map() -> None:
    archive = _Archive(_map("/x/categories_2025_11_25.json", "2025-12-01T16:31:15+00:00"))
    table = fixture_payload(TABLE_AT_2025_12_15)
    with_map = msgspec.structs.replace(table, hints={**table.hints, **category_map_hints(MAP_2025_11_25)})
    a_map = RawPayload(
        origin=str(MAP_2025_11_25), content=MAP_2025_11_25.read_bytes(), retrieved_at=datetime.now(UTC)
    )

    assert stored_hints(with_map, archive) == {}
    assert stored_hints(a_map, archive) == {}
    assert archive.asked == []


def test_category_map_hints_carry_the_manifest_version() -> None:
    hints = category_map_hints(MAP_2025_11_25)

    assert hints["categories_origin"] == str(MAP_2025_11_25)
    assert hints["categories_version_date"] == "2025-12-01"  # commit 4f81f21, 2025-12-01T10:31:15-06:00


def test_a_lone_table_without_any_archived_map_is_rejected_naming_the_cli_way(tmp_path: Path) -> None:
    table = _lone_table(tmp_path)

    summary = import_paths(tmp_path / "data", [table])

    [outcome] = summary.outcomes
    assert outcome.status == "rejected"
    assert outcome.message == (
        f"livebench-csv: {table}: category map: a LiveBench table needs its release's "
        "categories_2025_11_25.json, and none is beside the table, in a sibling folder or archived in the "
        "warehouse: import it with the table (rankledger import TABLE --categories "
        "categories_2025_11_25.json) or on its own first"
    )


def test_a_lone_table_uses_the_map_an_earlier_import_archived(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [MAP_2025_11_25])
    table = _lone_table(tmp_path)

    summary = import_paths(data_dir, [table])

    [outcome] = summary.outcomes
    assert (outcome.status, outcome.snapshots_added) == ("added", 8)
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
        row = db.execute(
            "SELECT s.published_at::VARCHAR, e.score FROM entry AS e JOIN snapshot AS s USING (snapshot_id)"
            " WHERE s.board_id = 'livebench.llm.global.release_2025_11_25'"
            " AND e.model_name = 'claude-opus-4-5-20251101-thinking-64k-high-effort'"
        ).fetchone()
    assert row == ("2025-12-15", 75.58)
