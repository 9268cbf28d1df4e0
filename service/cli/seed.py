"""``rankledger seed``: build the warehouse from the bundled seeds (or refresh it), as ``serve`` does
before it listens."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ingest.runner import RunSummary, import_paths, ingest_payloads
from ingest.warehouse import current_generation_path
from service.cli._data_dir import settings_of
from service.cli._runs import Progress
from service.cli.webhooks import after_publish, before_ingest
from service.settings import Settings

__all__ = ("build_seed_warehouse", "prepare_data_dir", "register")


def build_seed_warehouse(settings: Settings) -> RunSummary:
    """First start: build the warehouse offline from ``seeds/`` with a progress display."""
    progress = Progress("building warehouse from seeds")
    summary = import_paths(
        settings.data_dir,
        [settings.seeds_dir / "snapshots"],
        seeds_dir=settings.seeds_dir,
        progress=progress,
        command="seed",
    )
    progress.finish(summary)
    return summary


def prepare_data_dir(settings: Settings) -> None:
    """Before serving: build the warehouse from ``seeds/`` on first start, else refresh it.

    The refresh republishes only if the code's schema, ``seeds/`` (models, claims, sources) or
    data an interrupted writer loaded are not published yet.
    """
    subscriptions = before_ingest(settings)
    if current_generation_path(settings.data_dir) is None:
        refreshed = build_seed_warehouse(settings)
    else:
        refreshed = ingest_payloads(
            settings.data_dir, [], command="serve refresh", seeds_dir=settings.seeds_dir
        )
        if refreshed.generation:
            print(f"refreshed the warehouse; published {refreshed.generation}", file=sys.stderr)
    after_publish(settings, subscriptions, refreshed)


def _seed(args: argparse.Namespace) -> int:
    prepare_data_dir(settings_of(args))
    return 0


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``seed`` to the top-level subcommands."""
    seed = commands.add_parser(
        "seed",
        parents=[data_dir],
        help="build the warehouse from the bundled seeds, as the first serve does, and exit",
        description=(
            "Build the warehouse from the bundled seeds offline (or refresh identities and claims of an "
            "existing one), exactly as `rankledger serve` does before it listens, then exit. The image "
            "runs it at build time so that its first start serves at once."
        ),
    )
    seed.set_defaults(handler=_seed)
