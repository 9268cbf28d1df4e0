"""``rankledger sources``, ``disagreements`` and ``identity``: listings, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.sources import FORMATS
from ingest.warehouse import current_generation_path
from service.cli_output import add_format_option, write_rows
from service.settings import Settings

__all__ = ("register",)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(data_dir=getattr(args, "data_dir", None))


def _open_generation(args: argparse.Namespace) -> Path:
    settings = _settings(args)
    generation = current_generation_path(settings.data_dir)
    if generation is None:
        raise IngestError(
            f"{settings.data_dir}: no published warehouse yet; run `rankledger serve` or import"
        )
    return generation


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


def _value(score: float | None, votes: int | None) -> str:
    return f"{'-' if score is None else f'{score:.1f}'}/{'-' if votes is None else votes}"


def _disagreements(args: argparse.Namespace) -> int:
    import duckdb

    from service.queries.disagreements import list_disagreements
    from service.schemas import Disagreement

    with duckdb.connect(str(_open_generation(args)), read_only=True) as db:
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


def _identity_unresolved(args: argparse.Namespace) -> int:
    import duckdb

    from service.queries.identity import unresolved_names
    from service.schemas import UnresolvedName

    with duckdb.connect(str(_open_generation(args)), read_only=True) as db:
        items = unresolved_names(db, source=args.source, since=args.date_from, max_rank=args.max_rank)

    def table() -> None:
        print(f"{'source':20} {'name':52} {'best':>4}  {'first':10} {'last':10}  boards")
        for item in items:
            boards = ", ".join(item.boards[:3]) + (
                f" (+{len(item.boards) - 3})" if len(item.boards) > 3 else ""
            )
            print(
                f"{item.source_id:20} {item.model_name[:52]:52} {item.best_rank or '-':>4}  "
                f"{item.first_published_at!s:10} {item.last_published_at!s:10}  {boards}"
            )
        print(f"{len(items)} unresolved name(s)")

    write_rows(items, UnresolvedName.__struct_fields__, args.output, table)
    return 0


def _identity_resolve(args: argparse.Namespace) -> int:
    from ingest.identity import Resolver, load_registry
    from ingest.runner import MODELS_FILE, SOURCES_FILE
    from ingest.sources_catalog import load_sources

    settings = _settings(args)
    sources = [s.id for s in load_sources(settings.seeds_dir / SOURCES_FILE)]
    registry = load_registry(settings.seeds_dir / MODELS_FILE, known_sources=set(sources))
    resolver = Resolver(registry)
    for source in [args.source] if args.source else sources:
        result = resolver.resolve(source, args.name)
        variant = result.variant.label() or "-"
        print(f"{source:20} {result.model_id:40} variant {variant:24} {result.rule}  [{result.provenance}]")
    return 0


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``disagreements``, ``identity unresolved|resolve`` and ``sources`` to the subcommands."""
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

    identity = commands.add_parser(
        "identity",
        help="inspect model identity: unresolved names, how a name resolves",
        description="Inspect how source model names map to the canonical registry (seeds/models.toml).",
    )
    identity_commands = identity.add_subparsers(dest="identity_command", required=True, metavar="ACTION")
    unresolved = identity_commands.add_parser(
        "unresolved",
        parents=[data_dir],
        help="names kept as source-scoped models, with their boards and dates",
        description="List names no declared alias or rule maps to a canonical model, best-ranked first.",
    )
    unresolved.add_argument("--source", help="only this source id")
    unresolved.add_argument(
        "--from",
        "--since",
        dest="date_from",
        type=date.fromisoformat,
        help="only names seen on or after this day (YYYY-MM-DD); --since is a deprecated alias",
    )
    unresolved.add_argument("--max-rank", type=int, help="only names that reached this rank_best or better")
    add_format_option(unresolved)
    unresolved.set_defaults(handler=_identity_unresolved)
    resolve = identity_commands.add_parser(
        "resolve",
        help="explain how a name resolves against seeds/models.toml (per source)",
        description="Resolve a name with the registry in the seeds dir and say which rule decided.",
    )
    resolve.add_argument("name", help="the model name as a source writes it")
    resolve.add_argument("--source", help="source id (default: every source)")
    resolve.set_defaults(handler=_identity_resolve)

    sources = commands.add_parser("sources", help="list the formats rankledger reads")
    add_format_option(sources)
    sources.set_defaults(handler=_sources)
