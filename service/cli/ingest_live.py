"""``rankledger ingest``: fetch a source (or every live one) over HTTP and ingest it."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ingest.errors import IngestError
from ingest.fetching import fetch_client
from ingest.runner import SOURCES_FILE, ingest_live
from ingest.scheduled import scheduled_sources
from ingest.sources import FetchSettings
from ingest.sources_catalog import load_sources
from service.cli._data_dir import settings_of
from service.cli._runs import Progress, add_wait_option, report
from service.cli.replicas import add_publish_option, publish_after_run
from service.cli.webhooks import after_publish, before_ingest

__all__ = ("register",)


def _ingest(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    if bool(args.source) == args.all:
        raise IngestError("name one SOURCE (see `rankledger sources`) or pass --all, not both")
    # keys from the environment; caches between runs (Artificial Analysis' daily request limit)
    # in the data dir that --data-dir names
    fetch_settings = FetchSettings(data_dir=settings.data_dir, credentials=os.environ)
    subscriptions = before_ingest(settings)
    skipped: dict[str, str] = {}
    if args.all:
        catalog = load_sources(settings.seeds_dir / SOURCES_FILE)
        sources, skipped = scheduled_sources(catalog, fetch_settings.credentials)
        for source, reason in skipped.items():
            print(f"skipped  {source}: {reason}", file=sys.stderr)
    else:
        sources = [args.source]
    progress = Progress(f"ingest {'--all' if args.all else args.source}")
    with fetch_client(settings.data_dir) as client:
        summary = ingest_live(
            settings.data_dir,
            sources,
            client,
            seeds_dir=settings.seeds_dir,
            progress=progress,
            skipped=skipped,
            wait=args.wait,
            on_wait=progress.waiting,
            fetch_settings=fetch_settings,
        )
    status = report(summary, progress)
    after_publish(settings, subscriptions, summary)
    publish_after_run(settings, args.publish_to)
    return status


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``ingest`` to the top-level subcommands."""
    ingest = commands.add_parser(
        "ingest",
        parents=[data_dir],
        help="fetch a source (or --all) live over HTTP and ingest it",
        description=(
            "Fetch every live format of a source (e.g. lmarena), or one format, or with --all every live "
            "source, over HTTP and ingest it. Requests are retried with backoff (honouring Retry-After) "
            "and conditional (an unchanged upstream answers 304); GITHUB_TOKEN and HF_TOKEN are sent "
            "to their own hosts when set. A format whose fetch fails is reported as rejected (exit "
            "status 1); the others still load. Each source's run is recorded for GET /v1/runs."
        ),
    )
    ingest.add_argument("source", nargs="?", help="source id or format name; see `rankledger sources`")
    ingest.add_argument(
        "--all",
        action="store_true",
        help="every live source not retired; one whose key is not set (RANKLEDGER_AA_API_KEY) is skipped",
    )
    add_wait_option(ingest)
    add_publish_option(ingest)
    ingest.set_defaults(handler=_ingest)
