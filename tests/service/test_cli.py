"""The ``rankledger`` command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cli import build_parser, main
from tests.conftest import ROOT, SEEDS

JUNE_2024 = SEEDS / "snapshots/lmarena_fboulnois_csv/lmsys/lmsys_2024-06-19.csv"


def test_import_reports_added_then_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(tmp_path / "data")

    assert main(["import", str(JUNE_2024), "--data-dir", data_dir]) == 0
    first = capsys.readouterr()
    assert main(["import", str(JUNE_2024), "--data-dir", data_dir]) == 0
    second = capsys.readouterr()

    assert f"added    {JUNE_2024}: 1 snapshot(s)" in first.out
    assert "1 added (1 snapshots), 0 skipped, 0 rejected" in first.err
    assert "already imported" in second.out


def test_import_of_a_bad_file_exits_non_zero_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "leaderboard.json"
    bad.write_text("<html><body>Rate limit exceeded</body></html>")

    code = main(["import", str(bad), "--data-dir", str(tmp_path / "data")])

    assert code == 1
    assert f"rejected {bad}" in capsys.readouterr().err


def test_import_of_a_missing_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", str(tmp_path / "nope.csv"), "--data-dir", str(tmp_path / "data")])

    assert code == 2
    assert "nope.csv: no such file or folder" in capsys.readouterr().err


def test_sources_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources"]) == 0

    out = capsys.readouterr().out
    for name in ("lmarena-legacy-csv", "lmarena-catalog-json", "lmarena-dataset-parquet"):
        assert name in out


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]

    for command in commands:
        assert f"rankledger {command}" in readme, f"README does not mention `rankledger {command}`"


def test_disagreements_command_lists_them(seeded_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["disagreements", "--board", "lmarena.text.overall.style_control", "--data-dir", str(seeded_data_dir)]
    )

    out = capsys.readouterr().out
    assert code == 0
    assert "lmarena.text.overall.style_control" in out
    assert out.rstrip().endswith("disagreement(s) beyond rounding (score > 1 point apart or different votes)")


def test_sigterm_stops_an_import_with_143_and_closes_its_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal

    import duckdb

    import ingest._loading

    def terminate_at_load(phase: str) -> None:
        if phase == "load":  # as `docker stop` would, right after the first batch is written
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(ingest._loading, "fault_point", terminate_at_load)
    data_dir = tmp_path / "data"

    code = main(["import", str(JUNE_2024), "--data-dir", str(data_dir)])

    assert code == 143
    assert "stopped by SIGTERM" in capsys.readouterr().err
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as db:
        runs = db.execute("SELECT status, snapshots_added, message FROM ingest_run").fetchall()
    assert runs == [("interrupted", 1, "stopped by Terminated")]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # restored
