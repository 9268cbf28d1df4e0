"""The ingest runner: archive, parse, load atomically, publish; bad input loses nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import httpx
import pytest

from ingest.runner import import_paths, ingest_live
from ingest.sources import sources_with_fetch
from ingest.sources.lmarena.wide_elo import RESULT_CSV_URL
from ingest.warehouse import WAREHOUSE_FILE, current_generation_path, payload_sha256
from tests.conftest import FIXTURES, SEEDS

LEGACY = SEEDS / "snapshots" / "lmarena_fboulnois_csv"
JUNE_2024 = LEGACY / "lmsys" / "lmsys_2024-06-19.csv"
JULY_2024 = LEGACY / "lmsys" / "lmsys_2024-07-07.csv"


def _copy_with_manifest(tmp_path: Path, *files: Path) -> Path:
    """Copy real seed files into a folder of their own, manifest included."""
    folder = tmp_path / "archive" / "lmarena_fboulnois_csv"
    for file in files:
        target = folder / file.relative_to(LEGACY)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target)
    shutil.copyfile(LEGACY / "manifest.csv", folder / "manifest.csv")
    return folder


def _snapshot_count(data_dir: Path) -> int:
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
        row = db.execute("SELECT count(*) FROM snapshot").fetchone()
    assert row is not None
    return int(row[0])


def test_import_folder_adds_snapshots_and_publishes(tmp_path: Path) -> None:
    folder = _copy_with_manifest(tmp_path, JUNE_2024, JULY_2024)
    data_dir = tmp_path / "data"

    summary = import_paths(data_dir, [folder])

    assert [o.status for o in summary.outcomes] == ["added", "added"]
    assert summary.snapshots_added == 2
    assert summary.generation is not None
    assert current_generation_path(data_dir) == data_dir / "generations" / summary.generation
    with duckdb.connect(str(current_generation_path(data_dir)), read_only=True) as db:
        rows = db.execute(
            "SELECT s.published_at::VARCHAR, e.score, e.ci_lower, e.ci_upper, e.votes, e.rank_best"
            " FROM entry e JOIN snapshot s USING (snapshot_id)"
            " WHERE e.model_name = 'GPT-4o-2024-05-13' ORDER BY s.published_at"
        ).fetchall()
    # lmsys_2024-06-19.csv: GPT-4o-2024-05-13,1287,+3/-3,42046 ; 2024-07-07 version likewise real.
    assert rows[0] == ("2024-06-19", 1287.0, 1284.0, 1290.0, 42046, 1)
    assert rows[1][0] == "2024-07-07"


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    folder = _copy_with_manifest(tmp_path, JUNE_2024)
    data_dir = tmp_path / "data"
    first = import_paths(data_dir, [folder])

    second = import_paths(data_dir, [folder])

    assert first.snapshots_added == 1
    assert [o.status for o in second.outcomes] == ["skipped"]
    assert "already imported" in second.outcomes[0].message
    assert second.generation is None
    assert _snapshot_count(data_dir) == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"", "empty"),
        ("error.json", b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", "HTML"),
        ("notes.txt", b"just some notes\nnothing tabular\n", "no known leaderboard format"),
    ],
)
def test_unrecognised_files_are_rejected_archived_and_load_nothing(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    data_dir = tmp_path / "data"

    summary = import_paths(data_dir, [bad])

    assert [o.status for o in summary.outcomes] == ["rejected"]
    assert expected in summary.outcomes[0].message
    assert str(bad) in summary.outcomes[0].message
    sha = payload_sha256(content)
    assert (data_dir / "raw" / sha[:2] / sha).read_bytes() == content
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
        status = db.execute("SELECT status FROM raw_payload WHERE sha256 = ?", [sha]).fetchone()
    assert status == ("rejected",)
    assert _snapshot_count(data_dir) == 0
    assert summary.generation is None


def test_truncated_csv_is_rejected_with_its_line_and_the_published_data_stays(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    good = _copy_with_manifest(tmp_path, JUNE_2024)
    published = import_paths(data_dir, [good]).generation
    lines = JULY_2024.read_bytes().splitlines(keepends=True)
    truncated = tmp_path / "cut" / "lmsys_2024-07-07.csv"
    truncated.parent.mkdir()
    truncated.write_bytes(b"".join(lines[:40]) + lines[40][:25])  # cut mid-row, as a failed download

    summary = import_paths(data_dir, [truncated])

    assert summary.outcomes[0].status == "rejected"
    assert "line 41" in summary.outcomes[0].message
    assert str(truncated) in summary.outcomes[0].message
    assert summary.generation is None
    assert current_generation_path(data_dir) == data_dir / "generations" / str(published)
    assert _snapshot_count(data_dir) == 1


def test_folder_import_skips_files_no_format_recognises(tmp_path: Path) -> None:
    folder = _copy_with_manifest(tmp_path, JUNE_2024)
    (folder / "notes.txt").write_text("not a leaderboard\n")

    summary = import_paths(tmp_path / "data", [folder])

    statuses = {Path(o.origin).name: o.status for o in summary.outcomes}
    assert statuses == {"lmsys_2024-06-19.csv": "added", "notes.txt": "skipped"}


def test_a_registry_change_republishes_the_served_lines_under_the_new_identities(tmp_path: Path) -> None:
    folder = _copy_with_manifest(tmp_path, JUNE_2024)
    data_dir = tmp_path / "data"
    import_paths(data_dir, [folder])  # no registry: every model stays source-scoped

    summary = import_paths(data_dir, [], seeds_dir=SEEDS)  # now with seeds/models.toml

    assert summary.generation is not None
    with duckdb.connect(str(current_generation_path(data_dir)), read_only=True) as db:
        line = db.execute(
            "SELECT model_id, variant, rank_best, best_of_model FROM served_line"
            " WHERE model_name = 'GPT-4o-2024-05-13'"
        ).fetchone()
    assert line == ("gpt-4o", "2024-05-13", 1, True)


def test_a_live_format_that_fails_to_fetch_does_not_stop_the_others(tmp_path: Path) -> None:
    wide_elo = (FIXTURES / "lmarena_nakasyou_wide" / "result.csv").read_bytes()

    def upstreams(request: httpx.Request) -> httpx.Response:
        # only the wide Elo table's GitHub file answers; every other LMArena upstream is down
        if str(request.url) == RESULT_CSV_URL:
            return httpx.Response(200, content=wide_elo)
        return httpx.Response(503, text="Service Unavailable")

    with httpx.Client(transport=httpx.MockTransport(upstreams)) as client:
        summary = ingest_live(tmp_path / "data", "lmarena", client)

    added = [o for o in summary.outcomes if o.status == "added"]
    assert [(o.origin, o.snapshots_added) for o in added] == [(RESULT_CSV_URL, 98)]
    assert {o.format_name for o in summary.rejected} == {
        f.name for f in sources_with_fetch("lmarena") if f.name != "lmarena-wide-elo-csv"
    }
    assert all("HTTP 503" in o.message for o in summary.rejected)
    assert summary.generation is not None
    with duckdb.connect(str(tmp_path / "data" / WAREHOUSE_FILE), read_only=True) as db:
        logged = db.execute("SELECT status, payloads_added, payloads_rejected FROM ingest_run").fetchall()
    assert logged == [("failed", 1, len(summary.rejected))]


def _runs(data_dir: Path) -> list[tuple[str, str, int]]:
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
        rows = db.execute(
            "SELECT command, status, snapshots_added FROM ingest_run ORDER BY run_id"
        ).fetchall()
    return [(str(c), str(s), int(n)) for c, s, n in rows]


def _published_dates(data_dir: Path) -> list[str]:
    generation = current_generation_path(data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as db:
        rows = db.execute("SELECT published_at::VARCHAR FROM snapshot ORDER BY published_at").fetchall()
    return [str(r[0]) for r in rows]


def test_files_loaded_but_never_published_are_published_by_importing_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [_copy_with_manifest(tmp_path, JUNE_2024)])

    def disk_full(data_dir: Path, warehouse_file: Path) -> str:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("ingest.runner.publish_generation", disk_full)
        with pytest.raises(OSError, match="No space left"):
            import_paths(data_dir, [JULY_2024])
    assert _published_dates(data_dir) == ["2024-06-19"]  # loaded, but out of view

    summary = import_paths(data_dir, [JULY_2024])

    assert [o.status for o in summary.outcomes] == ["skipped"]
    assert "already imported" in summary.outcomes[0].message
    assert summary.recovered is not None
    assert summary.generation == summary.recovered
    assert _published_dates(data_dir) == ["2024-06-19", "2024-07-07"]
    assert [status for _, status, _ in _runs(data_dir)] == ["succeeded", "failed", "succeeded"]
    assert import_paths(data_dir, [JULY_2024]).generation is None  # published once, not again


def test_a_run_stopped_by_ctrl_c_is_recorded_and_what_it_loaded_is_published_next(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    folder = _copy_with_manifest(tmp_path, JUNE_2024, JULY_2024)

    def stop_after_the_first(done: int, total: int | None, outcome: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_paths(data_dir, [folder], progress=stop_after_the_first)
    assert _runs(data_dir) == [("import", "interrupted", 2)]  # the batch was written
    assert current_generation_path(data_dir) is None

    summary = import_paths(data_dir, [folder])

    assert summary.recovered is not None  # the batch written before Ctrl-C, published first
    assert [o.status for o in summary.outcomes] == ["skipped", "skipped"]
    assert _published_dates(data_dir) == ["2024-06-19", "2024-07-07"]


def test_a_run_left_running_by_a_dead_writer_is_marked_interrupted(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [JUNE_2024])
    with duckdb.connect(str(data_dir / WAREHOUSE_FILE)) as db:
        db.execute(
            "INSERT INTO ingest_run (run_id, command, started_at, status)"
            " VALUES (nextval('ingest_run_id'), 'ingest lmarena', now(), 'running')"
        )

    summary = import_paths(data_dir, [JULY_2024])

    assert summary.interrupted_runs == 1
    assert [status for _, status, _ in _runs(data_dir)] == ["succeeded", "interrupted", "succeeded"]
