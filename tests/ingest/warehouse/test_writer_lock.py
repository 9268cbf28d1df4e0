"""One writer at a time: a second one waits for the first, or gives up naming it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.runner import import_paths
from ingest.warehouse import LOCK_FILE, WAREHOUSE_FILE, WriterBusyError, read_holder, writer_lock
from service.cli import main
from service.cli.output import ExitCode
from tests.conftest import SEEDS

JUNE_2024 = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys" / "lmsys_2024-06-19.csv"


def test_the_lock_file_names_its_holder_while_held_and_nobody_after(tmp_path: Path) -> None:
    with writer_lock(tmp_path, command="ingest lmarena", wait=0):
        holder = read_holder(tmp_path / LOCK_FILE)
        assert holder is not None
        assert (holder.pid, holder.command) == (os.getpid(), "ingest lmarena")
        assert f"pid {os.getpid()} on " in holder.describe()
        assert "(`rankledger ingest lmarena`, since " in holder.describe()

    assert read_holder(tmp_path / LOCK_FILE) is None


def test_a_second_writer_gives_up_after_its_wait_naming_the_holder(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with writer_lock(data_dir, command="import", wait=0):
        started = time.monotonic()
        with pytest.raises(WriterBusyError) as raised:
            import_paths(data_dir, [JUNE_2024], wait=0.3)
        waited = time.monotonic() - started

    assert waited >= 0.3
    message = str(raised.value)
    assert f"another writer holds the warehouse: pid {os.getpid()} on " in message
    assert "`rankledger import`" in message
    assert "--wait SECONDS" in message
    assert not (data_dir / WAREHOUSE_FILE).exists()  # it never touched the warehouse


def test_a_second_writer_waits_and_then_loads(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    told: list[str] = []
    first = writer_lock(data_dir, command="import", wait=0)
    first.__enter__()
    releaser = threading.Timer(0.3, first.__exit__, args=(None, None, None))
    releaser.start()
    try:
        summary = import_paths(data_dir, [JUNE_2024], wait=30, on_wait=told.append)
    finally:
        releaser.join()

    assert summary.snapshots_added == 1
    assert summary.generation is not None
    assert len(told) == 1
    assert f"pid {os.getpid()}" in told[0]


def test_the_command_exits_75_naming_the_holder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    with writer_lock(data_dir, command="ingest lmarena", wait=0):
        code = main(["import", str(JUNE_2024), "--data-dir", str(data_dir), "--wait", "0"])

    assert code == ExitCode.WRITER_BUSY
    assert int(code) == 75
    err = capsys.readouterr().err
    assert f"pid {os.getpid()} on " in err
    assert "`rankledger ingest lmarena`" in err


def test_a_process_holding_duckdbs_own_lock_is_waited_for_and_named(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [JUNE_2024])
    # Something outside the writer lock (a DuckDB shell, an older rankledger) has the file open.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; db = duckdb.connect(sys.argv[1]); print('open', flush=True); "
            "sys.stdin.read()",
            str(data_dir / WAREHOUSE_FILE),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(WriterBusyError) as raised:
            import_paths(data_dir, [JUNE_2024], wait=0.5)
    finally:
        holder.communicate("")

    assert f"(PID {holder.pid})" in str(raised.value)
