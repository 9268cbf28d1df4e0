"""``rankledger export``: write an export dataset of the current generation to a file, offline."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ingest.exports import DATASETS
from service.cli._data_dir import open_generation, settings_of
from service.export_request import prepare_export

__all__ = ("register",)


def _export(args: argparse.Namespace) -> int:
    import duckdb

    from ingest.exports import ExportFilters, citation_lines, write_dataset

    filters = ExportFilters(
        board=args.board, source=args.source, date_from=args.date_from, date_to=args.date_to
    )
    export = prepare_export(f"{args.dataset}.{args.format}", filters)
    generation = open_generation(settings_of(args))
    name = export.dataset.name
    out = Path(args.out or f"{name}.{export.fmt}")
    with duckdb.connect(str(generation), read_only=True) as db:
        metadata = {
            "rankledger.generation": generation.name,
            "rankledger.citations": "\n".join(citation_lines(db)),
        }
        rows = write_dataset(db, export.dataset, export.fmt, out, filters=filters, metadata=metadata)
    print(f"wrote {rows} rows of {name} to {out} (generation {generation.name})", file=sys.stderr)
    return 0


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``export`` to the top-level subcommands."""
    export = commands.add_parser(
        "export",
        parents=[data_dir],
        help="write a dataset (entries, boards, snapshots, models...) as Parquet or CSV, offline",
        description="Write an export dataset of the current generation to a file, as GET /v1/exports does.",
    )
    export.add_argument(
        "dataset",
        choices=[d.name for d in DATASETS],
        metavar="DATASET",
        help=", ".join(d.name for d in DATASETS),
    )
    export.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="default parquet")
    export.add_argument("--out", help="output file (default <dataset>.<format>)")
    export.add_argument("--board", help="only this board id")
    export.add_argument("--source", help="only this source id")
    export.add_argument("--from", dest="date_from", type=date.fromisoformat, help="first day (YYYY-MM-DD)")
    export.add_argument("--to", dest="date_to", type=date.fromisoformat, help="last day (YYYY-MM-DD)")
    export.set_defaults(handler=_export)
