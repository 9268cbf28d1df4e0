"""Ingest speed: a full rebuild of the LMArena archives beside DuckDB's floor, repeated.

    .venv/bin/python bench/ingest.py [--repeat N] [FOLDER ...]

FOLDER defaults to every ``lmarena_*`` folder of ``../shared/data`` when present (the full
archive), else of ``seeds/snapshots``. Each repetition runs, in fresh processes one after the
other (so no cache carries over and both see the same machine load): the DuckDB floor (DuckDB
alone reading the same files), parse only (detect + parse, no database) and the full rebuild
(archive, parse, load, rank intervals, identities, served tables, publish with exports). Prints
every repetition, then median and spread, and where the rebuild's time goes (the median of each
phase the run reports in ``RunSummary.seconds``; "other" is the rest: reading the files, opening
and migrating the warehouse, the run's records). It asserts nothing. The target (issue 11):
rebuild within 3x the floor.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.archived_files import iter_archived_files, read_archived_file  # noqa: E402
from ingest.errors import UnknownFormatError  # noqa: E402
from ingest.runner import import_paths  # noqa: E402
from ingest.sources import detect_format  # noqa: E402


def _default_folders() -> list[Path]:
    for base in (ROOT.parent / "shared" / "data", ROOT / "seeds" / "snapshots"):
        folders = sorted(base.glob("lmarena_*"))
        if folders:
            return folders
    return []


def _parse_only(folders: list[Path]) -> dict[str, float]:
    """Detect + parse every file, no database."""
    rows = 0
    for path in (f for folder in folders for f in iter_archived_files(folder)):
        raw = read_archived_file(path)
        try:
            source_format = detect_format(raw.origin, raw.content)
        except UnknownFormatError:
            continue
        rows += sum(len(s.entries) for s in source_format.parse(raw))
    return {"rows": rows}


def _duckdb_floor(folders: list[Path]) -> dict[str, float]:
    """DuckDB alone reading the same files (read_csv / read_json / read_text)."""
    with duckdb.connect() as db:
        for path in (f for folder in folders for f in iter_archived_files(folder)):
            suffix = path.suffix.lower()
            if suffix == ".csv":
                db.execute("SELECT count(*) FROM read_csv(?, all_varchar = true)", [str(path)]).fetchall()
            elif suffix == ".json":
                db.execute("SELECT count(*) FROM read_json(?, format = 'auto')", [str(path)]).fetchall()
            else:
                db.execute("SELECT length(content) FROM read_text(?)", [str(path)]).fetchall()
    return {}


def _rebuild(folders: list[Path]) -> dict[str, float]:
    """A fresh data dir built from the folders, published (what `rankledger import` does)."""
    with tempfile.TemporaryDirectory() as scratch:
        summary = import_paths(Path(scratch) / "data", folders, command="bench")
    return {"snapshots": summary.snapshots_added} | {f"phase {k}": v for k, v in summary.seconds.items()}


_MEASURES = {"floor": _duckdb_floor, "parse": _parse_only, "rebuild": _rebuild}


def _measure_here(name: str, folders: list[Path]) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    facts = _MEASURES[name](folders)
    facts |= {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}
    print(json.dumps(facts))


def _measure(name: str, folders: list[Path]) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", name, *map(str, folders)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    facts: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return facts


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):5.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="repetitions (default 5)")
    parser.add_argument("--measure", choices=sorted(_MEASURES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    folders = args.folders or _default_folders()
    if args.measure:
        _measure_here(args.measure, folders)
        return
    files = [f for folder in folders for f in iter_archived_files(folder)]
    total_bytes = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {total_bytes / 1e6:.1f} MB in {', '.join(f.name for f in folders)}")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in ("floor", "parse", "rebuild")}
    for number in range(1, args.repeat + 1):
        for name, facts in runs.items():
            facts.append(_measure(name, folders))
        floor, parse, rebuild = (runs[n][-1] for n in ("floor", "parse", "rebuild"))
        print(
            f"run {number}: floor {floor['seconds']:.2f} s, parse only {parse['seconds']:.2f} s, "
            f"rebuild {rebuild['seconds']:.2f} s (cpu {rebuild['cpu']:.2f} s) "
            f"= {rebuild['seconds'] / floor['seconds']:.1f}x the floor"
        )
    rows = runs["parse"][-1]["rows"]
    seconds = {name: [f["seconds"] for f in facts] for name, facts in runs.items()}
    ratios = [r / f for r, f in zip(seconds["rebuild"], seconds["floor"], strict=True)]
    print(f"DuckDB floor    : {_spread(seconds['floor'])}  read_csv/read_json/read_text of the same files")
    print(f"parse only      : {_spread(seconds['parse'])}  {rows:.0f} rows, detect + parse")
    print(
        f"full rebuild    : {_spread(seconds['rebuild'])}  {runs['rebuild'][-1]['snapshots']:.0f} snapshots "
        "(archive, parse, load, rank intervals, identities, served tables, publish, exports)"
    )
    print(
        f"rebuild / floor : median {statistics.median(ratios):.1f}x (min {min(ratios):.1f}x, "
        f"max {max(ratios):.1f}x); target <= 3x"
    )
    _print_phases(runs["rebuild"])


def _print_phases(rebuilds: list[dict[str, float]]) -> None:
    """The median of each phase of the rebuild, and of what no phase covers."""
    phases = [name for name in rebuilds[-1] if name.startswith("phase ")]
    other = [r["seconds"] - sum(r.get(p, 0.0) for p in phases) for r in rebuilds]
    print("rebuild phases (median s):")
    for name in phases:
        median = statistics.median(r.get(name, 0.0) for r in rebuilds)
        print(f"  {name.removeprefix('phase '):15s} {median:5.2f}")
    print(
        f"  {'other':15s} {statistics.median(other):5.2f}  reading files, opening the warehouse, run records"
    )


if __name__ == "__main__":
    main()
