"""Ingest speed: parse-only and full-rebuild rows/s over LMArena archives, beside DuckDB's floor.

    .venv/bin/python bench/ingest.py [FOLDER ...]

FOLDER defaults to every ``lmarena_*`` folder of ``../shared/data`` when present (the full
archive), else of ``seeds/snapshots``. Prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
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


def _parse_only(files: list[Path]) -> tuple[int, int, float]:
    """(files parsed, entry rows, seconds) for detect + parse of every file, no database."""
    rows = parsed = 0
    started = time.perf_counter()
    for path in files:
        raw = read_archived_file(path)
        try:
            source_format = detect_format(raw.origin, raw.content)
        except UnknownFormatError:
            continue
        rows += sum(len(s.entries) for s in source_format.parse(raw))
        parsed += 1
    return parsed, rows, time.perf_counter() - started


def _duckdb_floor(files: list[Path]) -> float:
    """Seconds DuckDB alone needs to read the same files (read_csv / read_json / read_text)."""
    started = time.perf_counter()
    with duckdb.connect() as db:
        for path in files:
            suffix = path.suffix.lower()
            if suffix == ".csv":
                db.execute("SELECT count(*) FROM read_csv(?, all_varchar = true)", [str(path)]).fetchall()
            elif suffix == ".json":
                db.execute("SELECT count(*) FROM read_json(?, format = 'auto')", [str(path)]).fetchall()
            else:
                db.execute("SELECT length(content) FROM read_text(?)", [str(path)]).fetchall()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    folders = parser.parse_args().folders or _default_folders()
    files = [f for folder in folders for f in iter_archived_files(folder)]
    total_bytes = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {total_bytes / 1e6:.1f} MB in {', '.join(f.name for f in folders)}")

    parsed, rows, parse_seconds = _parse_only(files)
    rate = rows / parse_seconds
    print(f"parse only      : {parsed} files, {rows} rows in {parse_seconds:.2f} s = {rate:,.0f} rows/s")

    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        summary = import_paths(Path(scratch) / "data", folders, command="bench")
        rebuild_seconds = time.perf_counter() - started
    print(
        f"full rebuild    : {summary.snapshots_added} snapshots, {rows} rows in {rebuild_seconds:.2f} s "
        f"= {rows / rebuild_seconds:,.0f} rows/s (archive, parse, load, rank intervals, publish, exports)"
    )
    floor = _duckdb_floor(files)
    print(f"DuckDB floor    : read_csv/read_json/read_text of the same files in {floor:.2f} s")


if __name__ == "__main__":
    main()
