"""The ``rankledger`` command line: import, export, listings, exit codes, help texts."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import build_parser, main
from service.cli.output import ExitCode
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

    assert code == ExitCode.ERROR
    assert int(code) == 3
    assert "nope.csv: no such file or folder" in capsys.readouterr().err


def test_sources_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources"]) == 0

    out = capsys.readouterr().out
    for name in ("lmarena-legacy-csv", "lmarena-catalog-json", "lmarena-dataset-parquet"):
        assert name in out


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (commands,) = [a.choices for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]

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


def test_version_is_the_installed_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0

    assert capsys.readouterr().out.strip() == "rankledger 0.1.0"


def test_usage_errors_and_domain_errors_exit_differently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown_option = main(["sources", "--colour"])
    bad_date = main(["identity", "unresolved", "--from", "yesterday"])
    no_warehouse = main(["disagreements", "--data-dir", str(tmp_path / "empty")])

    err = capsys.readouterr().err
    assert (unknown_option, bad_date, no_warehouse) == (ExitCode.USAGE, ExitCode.USAGE, ExitCode.ERROR)
    assert "unrecognized arguments: --colour" in err
    assert "no published warehouse yet" in err
    assert "Traceback" not in err


def test_sources_as_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--format", "json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert main(["sources", "--format", "csv"]) == 0
    as_csv = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

    cherry = next(f for f in as_json if f["format"] == "lmarena-cherry-md")
    assert (cherry["source_id"], cherry["live"], cherry["precedence"]) == ("lmarena", False, 50)
    assert [row["format"] for row in as_csv] == [f["format"] for f in as_json]
    assert next(r for r in as_csv if r["format"] == "lmarena-cherry-md")["live"] == "false"


def test_listings_as_csv_use_the_api_columns(
    seeded_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = ["--data-dir", str(seeded_data_dir)]
    assert main(["claims", "verify", *data_dir, "--format", "csv"]) == 0
    claims = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert main(["identity", "unresolved", *data_dir, "--since", "2026-01-01", "--format", "json"]) == 0
    since = json.loads(capsys.readouterr().out)
    assert main(["identity", "unresolved", *data_dir, "--from", "2026-01-01", "--format", "json"]) == 0
    date_from = json.loads(capsys.readouterr().out)
    assert (
        main(["disagreements", *data_dir, "--board", "lmarena.text.overall.style_control", "--format", "csv"])
        == 0
    )
    disagreements = capsys.readouterr().out.splitlines()

    gemini = next(c for c in claims if c["claim_id"] == "google-gemini-3-pro-tops-lmarena-text-1501")
    assert (gemini["kind"], gemini["status"], gemini["refers_to"]) == ("leads", "supported", "2025-11-18")
    assert since == date_from
    assert {"source_id", "model_name", "model_id", "boards", "best_rank"} <= set(date_from[0])
    assert disagreements[0].startswith("board_id,published_at,model_id,model_name,served_snapshot_id,")


def test_a_closed_output_pipe_ends_quietly(seeded_data_dir: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "service.cli",
        "identity",
        "unresolved",
        "--data-dir",
        str(seeded_data_dir),
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        header = process.stdout.readline()
        process.stdout.close()  # like `| head -1`: the reader goes away with 600 KB still to come
        err = process.stderr.read()
        code = process.wait(timeout=60)

    assert header.startswith(b"source ")
    assert (code, err) == (ExitCode.PIPE_CLOSED, b"")


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

    assert code == ExitCode.TERMINATED
    assert "stopped by SIGTERM" in capsys.readouterr().err
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as db:
        runs = db.execute("SELECT status, snapshots_added, message FROM ingest_run").fetchall()
    assert runs == [("interrupted", 1, "stopped by Terminated")]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # restored
