"""``rankledger serve``: run the API, refreshing the warehouse (or following a bucket) beside it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ingest.errors import IngestError
from ingest.warehouse import WriterBusyError
from service.cli._data_dir import settings_of
from service.cli.replicas import add_replica_options
from service.cli.seed import prepare_data_dir
from service.settings import Settings, default_workers

__all__ = ("refresh_beside_serving", "register")


def refresh_beside_serving(settings: Settings) -> None:
    """``serve``'s start-up refresh (``prepare_data_dir``), in a process of its own beside the
    workers, which serve the published generation meanwhile (503 until the first one exists) and
    switch to what it publishes."""
    try:
        prepare_data_dir(settings)
    except WriterBusyError as busy:
        # An ingest is running: it publishes itself.
        print(f"rankledger: {busy}; start-up refresh skipped, serving the published data", file=sys.stderr)
    except IngestError as error:
        print(f"rankledger: start-up refresh failed: {error}; serving the published data", file=sys.stderr)


def _serve(args: argparse.Namespace) -> int:
    from service.metrics_files import prepare_metrics_dir

    settings = settings_of(args)
    # before prometheus_client is imported (with the app): worker processes share metric files
    prepare_metrics_dir(settings.data_dir, args.port)
    from service.server import run_server

    prepare: Callable[[Settings], None] | None = refresh_beside_serving
    if args.source_url:
        from service.cli.replicas import follow_bucket_beside_serving

        follow_bucket_beside_serving(settings, args.source_url, poll=args.poll)  # no writer, no seeds
        prepare = None
    print(
        f"rankledger serving {settings.data_dir} on http://{args.host}:{args.port} ({args.workers} workers)",
        file=sys.stderr,
    )
    run_server(
        settings,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        prepare=prepare,
    )
    return 0


def register(commands: Any, data_dir: argparse.ArgumentParser) -> None:
    """Add ``serve`` to the top-level subcommands."""
    serve = commands.add_parser(
        "serve",
        parents=[data_dir],
        help="run the API (first start builds the warehouse from seeds/ offline)",
        description=(
            "Run the API (granian, one worker process per core). It listens at once; beside it, the first "
            "start builds the warehouse from seeds/ offline (the API answers 503 until it is published) "
            "and later starts publish what changed (schema, seeds/); while an ingest holds the writer "
            "lock that step is skipped and the published generation is served."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help=f"worker processes (default: one per core, here {default_workers()})",
    )
    serve.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "warn", "info", "debug"],
        help="log level of the HTTP server's own messages (default info; the app's: RANKLEDGER_LOG_LEVEL)",
    )
    add_replica_options(serve)
    serve.set_defaults(handler=_serve)
