"""Cost of computing the change events at publish, over a published data dir.

    .venv/bin/python bench/changes.py [DATA_DIR] [--runs N]

DATA_DIR defaults to ``./data`` (``make serve`` builds it from seeds/). Copies the published
generation to a temporary file, then times ``compute_change_events`` (board events in DuckDB, the
claims' verdict replay) ``--runs`` times and prints the median and the spread. Asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.changes import compute_change_events  # noqa: E402
from ingest.changes._board_events import board_events  # noqa: E402
from ingest.warehouse import current_generation_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    generation = current_generation_path(args.data_dir)
    if generation is None:
        print(f"{args.data_dir}: no published generation; run `make serve` first", file=sys.stderr)
        return 1
    today = datetime.now(UTC).date()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "generation.duckdb"
        shutil.copyfile(generation, copy)
        with duckdb.connect(str(copy), read_only=True) as connection:
            boards, total = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                board_events(connection)
                boards.append(time.perf_counter() - started)
                started = time.perf_counter()
                events = compute_change_events(connection, ROOT / "seeds" / "claims", today=today)
                total.append(time.perf_counter() - started)
    for label, times in (("board events", boards), ("all events (with claims)", total)):
        print(
            f"{label:26} median {statistics.median(times):.3f} s  "
            f"min {min(times):.3f}  max {max(times):.3f}  ({args.runs} runs)"
        )
    print(
        f"{len(events)} events: " + ", ".join(f"{k} {n}" for k, n in Counter(e.kind for e in events).items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
