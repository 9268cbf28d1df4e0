"""``rankledger identity unresolved|resolve``: how source model names map to the registry."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from service.cli._data_dir import open_generation, settings_of
from service.cli.output import add_format_option, write_rows

__all__ = ("register",)


def _identity_unresolved(args: argparse.Namespace) -> int:
    import duckdb

    from service.queries.identity import unresolved_names
    from service.schemas import UnresolvedName

    with duckdb.connect(str(open_generation(settings_of(args))), read_only=True) as db:
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

    settings = settings_of(args)
    sources = [s.id for s in load_sources(settings.seeds_dir / SOURCES_FILE)]
    registry = load_registry(settings.seeds_dir / MODELS_FILE, known_sources=set(sources))
    resolver = Resolver(registry)
    for source in [args.source] if args.source else sources:
        result = resolver.resolve(source, args.name)
        variant = result.variant.label() or "-"
        print(f"{source:20} {result.model_id:40} variant {variant:24} {result.rule}  [{result.provenance}]")
    return 0


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``identity unresolved|resolve`` to the top-level subcommands."""
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
