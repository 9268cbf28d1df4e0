"""``rankledger sources``: the formats rankledger reads, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from typing import Any

from ingest.sources import FORMATS
from service.cli.output import add_format_option, write_rows

__all__ = ("register",)


def _sources(args: argparse.Namespace) -> int:
    def table() -> None:
        print(f"{'format':28} {'source':10} {'live':5} {'prec':>4}  description")
        for f in FORMATS:
            live = "yes" if f.fetch else "no"
            print(f"{f.name:28} {f.source:10} {live:5} {f.precedence:>4}  {f.description}")

    rows = [
        {
            "format": f.name,
            "source_id": f.source,
            "live": f.fetch is not None,
            "precedence": f.precedence,
            "description": f.description,
        }
        for f in FORMATS
    ]
    write_rows(rows, ["format", "source_id", "live", "precedence", "description"], args.output, table)
    return 0


def register(commands: Any) -> None:
    """Add ``sources`` to the top-level subcommands."""
    sources = commands.add_parser("sources", help="list the formats rankledger reads")
    add_format_option(sources)
    sources.set_defaults(handler=_sources)
