"""What a warehouse holds, as one digest per table and view: the check that a refactor changed nothing.

Builds a warehouse from the bundled seeds in a temporary folder (as ``rankledger seed`` does), or
reads ``--data-dir``'s, and prints per table and view its row count and a sha256 of its rows
(sorted; the times of the run itself and the checkout's folder left out) and of its column
names and types. Run it before and after a change and compare the two outputs: ``diff`` shows
any table whose content moved.

    .venv/bin/python bench/warehouse_digest.py > before.txt
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.runner import import_paths  # noqa: E402
from ingest.warehouse import WAREHOUSE_FILE  # noqa: E402

RUN_TIMES = {
    "raw_payload": {"first_seen_at"},
    "ingest_run": {"started_at", "finished_at"},
    "schema_migration": {"applied_at"},
}
"""Columns that say when this build ran, not what it holds."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def digests(warehouse: Path) -> list[tuple[str, int, str]]:
    """(table or view, rows, digest) and (its columns, count, digest) for every table and view."""
    found = []
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = [
            str(t)
            for (t,) in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        for table in sorted(tables):
            columns = connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            found.append((f"{table} (columns)", len(columns), _sha(repr(columns))))
            kept = ", ".join(f'"{c}"' for c, _ in columns if c not in RUN_TIMES.get(table, set()))
            rows = connection.execute(f'SELECT {kept} FROM "{table}" ORDER BY ALL').fetchall()
            # raw_payload.origin holds the seed file's absolute path: the checkout's folder is left out
            text = "\n".join(repr(row) for row in rows).replace(str(ROOT), "<checkout>")
            found.append((table, len(rows), _sha(text)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="read this data dir's warehouse, build none")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(scratch) / "data"
            seeds = ROOT / "seeds"
            import_paths(data_dir, [seeds / "snapshots"], seeds_dir=seeds, command="seed")
        for name, count, digest in digests(data_dir / WAREHOUSE_FILE):
            print(f"{name:40} {count:>8} {digest}")


if __name__ == "__main__":
    main()
