"""``rankledger disagreements``: where two formats for the same board and date disagree."""

from __future__ import annotations

import argparse
from typing import Any

from service.cli._data_dir import open_generation, settings_of
from service.cli.output import add_format_option, write_rows

__all__ = ("register",)


def _value(score: float | None, votes: int | None) -> str:
    return f"{'-' if score is None else f'{score:.1f}'}/{'-' if votes is None else votes}"


def _disagreements(args: argparse.Namespace) -> int:
    import duckdb

    from service.queries.disagreements import list_disagreements
    from service.schemas import Disagreement

    with duckdb.connect(str(open_generation(settings_of(args))), read_only=True) as db:
        items = list_disagreements(db, board=args.board, source=args.source)

    def table() -> None:
        print(f"{'board':42} {'date':10} {'model':36} {'served':>22} {'other':>28}")
        for d in items:
            served = f"{_value(d.served_score, d.served_votes)} {d.served_parser.removeprefix('lmarena-')}"
            other = f"{_value(d.other_score, d.other_votes)} {d.other_parser.removeprefix('lmarena-')}"
            print(f"{d.board_id:42} {d.published_at!s:10} {d.model_id[:36]:36} {served:>22} {other:>28}")
        print(f"{len(items)} disagreement(s) beyond rounding (score > 1 point apart or different votes)")

    write_rows(items, Disagreement.__struct_fields__, args.output, table)
    return 0


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``disagreements`` to the top-level subcommands."""
    disagreements = commands.add_parser(
        "disagreements",
        parents=[data_dir],
        help="list where two formats for the same board and date disagree beyond rounding",
        description=(
            "List models on which the served snapshot and another format's snapshot of the same board "
            "and date disagree: scores more than 1 point apart, or different vote counts."
        ),
    )
    disagreements.add_argument("--board", help="only this board id")
    disagreements.add_argument("--source", help="only boards of this source id")
    add_format_option(disagreements)
    disagreements.set_defaults(handler=_disagreements)
