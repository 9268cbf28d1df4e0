"""A LiveBench table imported on its own is served with the category map its release already has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from litestar.testing import TestClient

from ingest.runner import import_paths
from service.app import create_app
from service.cli import main
from service.settings import Settings
from tests.conftest import FIXTURES, SEEDS

# A version of the 2025-11-25 release's table that the seeds' release_latest/ folder does not have
# (it has the 2025-12-24 version); the release's category map is among the seeds.
TABLE_AT_2025_12_15 = FIXTURES / "livebench_csv/history/table_2025_11_25@2025-12-15_a840b90.csv"
SEED_RELEASES = SEEDS / "snapshots/livebench_csv/release_latest"
GLOBAL = "livebench.llm.global.release_2025_11_25"


def _downloaded(tmp_path: Path) -> Path:
    """The table as a user has it after a download: alone in a folder, no manifest, no map."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return Path(shutil.copy(TABLE_AT_2025_12_15, folder / TABLE_AT_2025_12_15.name))


def test_a_lone_table_is_added_and_served_with_the_archived_map(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [SEED_RELEASES], seeds_dir=SEEDS, command="seed")

    summary = import_paths(data_dir, [_downloaded(tmp_path)], seeds_dir=SEEDS)

    assert [(o.status, o.message) for o in summary.outcomes] == [("added", "8 snapshot(s)")]
    with TestClient(app=create_app(Settings(data_dir=data_dir))) as client:
        body = client.get(f"/v1/boards/{GLOBAL}/leaderboard", params={"as_of": "2025-12-15"}).json()
        latest = client.get(f"/v1/boards/{GLOBAL}/leaderboard").json()
    # LiveBench's global averages of that table version, as livebench.ai computes them.
    top = [(e["model_name"], e["model_id"], e["score"], e["rank_best"]) for e in body["items"]]
    assert body["snapshot"]["published_at"] == "2025-12-15"
    assert len(top) == 63
    assert sorted(top, key=lambda line: -(line[2] or 0))[:3] == [
        ("gpt-5.1-codex-max-xhigh", "gpt-5.1-codex-max", 76.21, 1),
        ("gpt-5.1-codex-max-high", "gpt-5.1-codex-max", 76.09, 2),
        ("claude-opus-4-5-20251101-thinking-64k-high-effort", "claude-opus-4-5", 75.58, 3),
    ]
    claude = next(e for e in body["items"] if e["model_name"].endswith("64k-high-effort"))
    assert claude["extra"]["category_scores"] == {
        "reasoning": 84.12,
        "coding": 79.65,
        "agentic_coding": 55.0,
        "mathematics": 94.52,
        "data_analysis": 71.98,
        "language": 81.26,
        "instruction_following": 62.55,
    }
    assert latest["snapshot"]["published_at"] == "2025-12-24"  # the seeds' own later version


def test_categories_option_gives_the_map_and_archives_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(tmp_path / "data")
    table = _downloaded(tmp_path)
    categories = SEED_RELEASES / "categories_2025_11_25.json"

    code = main(["import", str(table), "--categories", str(categories), "--data-dir", data_dir])

    out = capsys.readouterr().out
    assert code == 0
    assert f"skipped  {categories}: holds no leaderboard snapshot" in out
    assert f"added    {table}: 8 snapshot(s)" in out
