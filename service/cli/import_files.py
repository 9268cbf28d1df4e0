"""``rankledger import``: import archived leaderboard files, the format detected from content."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.runner import import_paths
from ingest.sources import FORMATS
from service.cli._data_dir import settings_of
from service.cli._runs import Progress, add_wait_option, report
from service.cli.replicas import add_publish_option, publish_after_run
from service.cli.webhooks import after_publish, before_ingest

__all__ = ("register",)


def _import(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    subscriptions = before_ingest(settings)
    progress = Progress("import")
    paths = [Path(p) for p in args.paths]
    hints: dict[str, str] = {}
    if args.categories is not None:
        from ingest.sources.livebench import category_map_hints

        categories = Path(args.categories)
        if not categories.is_file():
            raise IngestError(f"{categories}: no such file (--categories names a LiveBench category map)")
        hints = category_map_hints(categories)
        paths.insert(0, categories)  # archived like any payload, and found by later imports
    summary = import_paths(
        settings.data_dir,
        paths,
        format_name=args.format,
        seeds_dir=settings.seeds_dir,
        progress=progress,
        hints=hints,
        wait=args.wait,
        on_wait=progress.waiting,
    )
    status = report(summary, progress)
    after_publish(settings, subscriptions, summary)
    publish_after_run(settings, args.publish_to)
    return status


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``import`` to the top-level subcommands."""
    importer = commands.add_parser(
        "import",
        parents=[data_dir],
        help="import archived leaderboard files (format detected from content)",
        description=(
            "Import archived leaderboard files. The format is detected from the content; a folder imports "
            "every file it recognises. Exits 1 if any file was rejected (the others are still imported)."
        ),
    )
    importer.add_argument("paths", nargs="+", metavar="PATH", help="file or folder to import")
    importer.add_argument(
        "--format", choices=[f.name for f in FORMATS], help="force a format instead of detecting it"
    )
    importer.add_argument(
        "--categories",
        metavar="FILE",
        help=(
            "a LiveBench release's category map (categories_<release>.json) for the tables imported, "
            "when none is beside them or archived by an earlier import"
        ),
    )
    add_wait_option(importer)
    add_publish_option(importer)
    importer.set_defaults(handler=_import)
