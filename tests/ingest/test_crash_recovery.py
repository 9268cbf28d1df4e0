"""Killing a real `rankledger import` (SIGKILL) at every phase loses nothing and leaves no debris.

Each scenario copies a small data dir (three published generations of real files), runs
``rankledger import`` of copies of a real LMArena markdown page with new dates in a process that
kills itself at a fault point (``RANKLEDGER_FAULT_POINT``, see ``ingest/faults.py``), checks that
the previous generation still serves, then runs the next import. After it: every loaded snapshot
is served, nothing is left behind, no run is left ``running``. Some scenarios kill the next
import too, while it publishes what the first one left.

The commands run in processes forked from a helper that imported the command line once (each
is ``service.cli.main`` with the import's arguments, in a process of its own that dies by
SIGKILL), so twenty kills cost twenty runs rather than twenty interpreter start-ups;
``test_the_fault_point_kills_the_installed_command`` runs the installed ``rankledger`` itself.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from ingest.faults import FAULT_POINT_ENV
from ingest.runner import import_paths
from ingest.warehouse import (
    CURRENT_POINTER,
    KEEP_GENERATIONS,
    LOCK_FILE,
    WAREHOUSE_FILE,
    complete_generations,
    current_generation_path,
    exports_dir,
)
from service.queries.boards import board_snapshots
from tests.conftest import SEEDS

PAGE = SEEDS / "snapshots" / "lmarena_cherry_md" / "text_full" / "2026-07-27.md"
LEGACY = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys"
BOARD = "lmarena.text.overall.style_control"
NEW_DATES = ("2026-08-03", "2026-08-10", "2026-08-17")

# Each scenario: the fault points of the imports killed one after the other (phase:visit).
SCENARIOS: tuple[tuple[str, ...], ...] = (
    ("parse:2",),
    ("load:1",),
    ("derive:1",),
    ("checkpoint:1",),
    ("copy:1",),
    ("exports:1",),
    ("exports:9",),
    ("exports:16",),
    ("switch:1",),
    ("prune:1",),
    ("load:1", "derive:1"),
    ("load:1", "copy:1"),
    ("load:1", "exports:4"),
    ("checkpoint:1", "switch:1"),
    ("copy:1", "prune:1"),
)

RECORD_OPEN_PHASES = {"parse", "load", "derive"}
"""Fault points reached while the run's ``ingest_run`` record is still open."""


@dataclass(frozen=True)
class World:
    """What every scenario starts from."""

    seeds: Path
    """A small seeds dir: the real sources.toml, no model registry, no claims."""
    base: Path
    """A data dir with three published generations of real files."""
    pages: Path
    """Copies of a real markdown page with new dates."""


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("crash")
    seeds = root / "seeds"  # sources only: without a model registry every run is lighter
    (seeds / "claims").mkdir(parents=True)
    shutil.copyfile(SEEDS / "sources.toml", seeds / "sources.toml")
    base = root / "base"
    for path in (LEGACY / "lmsys_2024-06-19.csv", LEGACY / "lmsys_2024-07-07.csv", PAGE):
        assert import_paths(base, [path], seeds_dir=seeds).generation is not None
    pages = root / "pages" / "text_full"
    pages.mkdir(parents=True)
    text = PAGE.read_text(encoding="utf-8")
    for day in NEW_DATES:
        (pages / f"{day}.md").write_text(text.replace("2026-07-27", day), encoding="utf-8")
    return World(seeds=seeds, base=base, pages=pages)


_FORKER = """
import json, os, sys
from service.cli import main

for line in sys.stdin:
    request = json.loads(line)
    child = os.fork()
    if child == 0:
        os.environ.update(request["env"])
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os._exit(main(request["argv"]))
    _, status = os.waitpid(child, 0)
    print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)
"""


class Forker:
    """A helper process that runs each command in a child forked from it (see the module doc)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _FORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, argv: list[str], env: dict[str, str], log: Path) -> int:
        """The command's exit code (negative: the signal that killed it)."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps({"argv": argv, "env": env, "log": str(log)}) + "\n")
        self.process.stdin.flush()
        return int(json.loads(self.process.stdout.readline()))

    def close(self) -> None:
        self.process.communicate(timeout=30)  # closes its stdin: the helper ends


def _served(generation: Path) -> tuple[set[str], str]:
    """The board's snapshot dates as ``GET /v1/boards/{id}/snapshots`` lists them, and the last day
    its served history reaches (a page with the same votes extends the run it repeats)."""
    with duckdb.connect(str(generation), read_only=True) as db:
        listed = {str(s.published_at) for s in board_snapshots(db, BOARD)}
        reached = db.execute(
            "SELECT max(last_seen_on)::VARCHAR FROM served_snapshot WHERE board_id = ?", [BOARD]
        ).fetchone()
    assert reached is not None
    return listed, str(reached[0])


def _scenario(forker: Forker, world: World, data_dir: Path, fault_points: tuple[str, ...]) -> list[str]:
    """Run the killed imports, then the next one; returns what went wrong (empty: all as it should)."""
    problems = []
    before, _ = _served(_current(data_dir))
    argv = ["import", str(world.pages), "--data-dir", str(data_dir)]
    log = data_dir.with_name(data_dir.name + ".log")
    for point in fault_points:
        code = forker.run(argv, {FAULT_POINT_ENV: point, "RANKLEDGER_SEEDS_DIR": str(world.seeds)}, log)
        if code != -signal.SIGKILL:
            problems.append(f"{point}: exit {code}, not killed: {log.read_text()[-500:]}")
        # Meanwhile readers still have a complete generation with at least the old data.
        current = _current(data_dir)
        if not (exports_dir(current) / "manifest.json").is_file():
            problems.append(f"{point}: CURRENT names {current.name}, which has no manifest")
        if not before <= _served(current)[0]:
            problems.append(f"{point}: the served dates went from {sorted(before)} to fewer")
    code = forker.run(argv, {FAULT_POINT_ENV: "", "RANKLEDGER_SEEDS_DIR": str(world.seeds)}, log)
    if code != 0:
        problems.append(f"the next import exited {code}: {log.read_text()[-500:]}")
    return problems


def _current(data_dir: Path) -> Path:
    current = current_generation_path(data_dir)
    assert current is not None
    return current


def _debris(data_dir: Path) -> list[str]:
    """Anything a finished writer should not leave behind."""
    found = [str(p.relative_to(data_dir)) for p in data_dir.rglob("*.partial")]
    generations = data_dir / "generations"
    for generation in generations.glob("gen-*.duckdb"):
        if not (exports_dir(generation) / "manifest.json").is_file():
            found.append(f"{generation.name} without manifest")
    for exports in generations.glob("gen-*.exports"):
        if not exports.with_name(exports.name.removesuffix(".exports")).is_file():
            found.append(f"{exports.name} without its generation")
    if len(complete_generations(data_dir)) > KEEP_GENERATIONS:
        found.append(f"{len(complete_generations(data_dir))} generations kept")
    if (data_dir / f"{WAREHOUSE_FILE}.tmp").exists() or (data_dir / f"{WAREHOUSE_FILE}.wal").exists():
        found.append("warehouse temp or WAL file")
    if (data_dir / LOCK_FILE).read_bytes():
        found.append("writer.lock still names a holder")
    return found


def test_a_killed_import_loses_nothing_at_any_phase(world: World, tmp_path: Path) -> None:
    data_dirs = [tmp_path / f"scenario-{n}" for n in range(len(SCENARIOS))]
    for data_dir in data_dirs:
        shutil.copytree(world.base, data_dir)
    forkers = [Forker(), Forker()]  # one per core

    def run_share(share: int) -> list[str]:
        pairs = list(zip(data_dirs, SCENARIOS, strict=True))[share :: len(forkers)]
        return [f"{points}: {p}" for d, points in pairs for p in _scenario(forkers[share], world, d, points)]

    try:
        with ThreadPoolExecutor(max_workers=len(forkers)) as pool:
            problems = [p for found in pool.map(run_share, range(len(forkers))) for p in found]
    finally:
        for forker in forkers:
            forker.close()
    assert sum(len(points) for points in SCENARIOS) >= 20
    assert problems == []

    for data_dir, points in zip(data_dirs, SCENARIOS, strict=True):
        current = _current(data_dir)
        assert (data_dir / CURRENT_POINTER).read_text().strip() == current.name
        assert _served(current) == ({"2026-07-27", *NEW_DATES}, NEW_DATES[-1]), points
        with duckdb.connect(str(current), read_only=True) as db:
            published = db.execute("SELECT snapshot_id FROM snapshot ORDER BY 1").fetchall()
        with duckdb.connect(str(data_dir / WAREHOUSE_FILE), read_only=True) as db:
            loaded = db.execute("SELECT snapshot_id FROM snapshot ORDER BY 1").fetchall()
            runs = db.execute("SELECT status, count(*) FROM ingest_run GROUP BY ALL ORDER BY 1").fetchall()
        assert loaded == published, points  # every loaded snapshot is in the served generation
        assert len(loaded) == 6, points  # 3 base files + 3 new pages, each once
        assert _debris(data_dir) == [], points
        # A run killed before its record was closed is found and marked; one killed while
        # publishing had closed it (its load succeeded; the next run published the data). The
        # later kills of a scenario all hit a run publishing what the first left: record open.
        interrupted = len(points) - 1 + (points[0].split(":")[0] in RECORD_OPEN_PHASES)
        expected = {"interrupted": interrupted, "succeeded": 4 + len(points) - interrupted}
        assert dict(runs) == {k: v for k, v in expected.items() if v}, points


def test_the_fault_point_kills_the_installed_command(world: World, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(world.base, data_dir)
    script = Path(sys.executable).with_name("rankledger")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "service.cli"]
    env = {**os.environ, FAULT_POINT_ENV: "load", "RANKLEDGER_SEEDS_DIR": str(world.seeds)}

    killed = subprocess.run(
        [*command, "import", str(world.pages), "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )

    assert killed.returncode == -signal.SIGKILL
    assert _served(_current(data_dir)) == ({"2026-07-27"}, "2026-07-27")  # loaded, not yet published
    summary = import_paths(data_dir, [world.pages], seeds_dir=world.seeds)
    assert summary.recovered is not None
    assert _served(_current(data_dir)) == ({"2026-07-27", *NEW_DATES}, NEW_DATES[-1])
