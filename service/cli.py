"""The ``rankledger`` command line: serve, import, ingest, publish, sources, openapi."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TextIO

import msgspec

from ingest.errors import IngestError
from ingest.exports import DATASETS
from ingest.fetching import fetch_client
from ingest.logs import configure_logging
from ingest.runner import (
    SOURCES_FILE,
    PayloadOutcome,
    RunSummary,
    import_paths,
    ingest_live,
    ingest_payloads,
)
from ingest.scheduled import scheduled_sources
from ingest.sources import FORMATS
from ingest.sources_catalog import load_sources
from ingest.warehouse import WriterBusyError, current_generation_path
from service.cli_claims import register as register_claims
from service.cli_listings import register as register_listings
from service.cli_output import ExitCode, run_command
from service.cli_replicas import add_publish_option, add_replica_options, publish_after_run
from service.cli_replicas import register as register_replicas
from service.cli_webhooks import after_publish, before_ingest
from service.cli_webhooks import register as register_webhooks
from service.settings import Settings, default_workers

__all__ = ("build_parser", "main", "prepare_data_dir", "refresh_beside_serving")

DEFAULT_WAIT_SECONDS = 600.0
"""How long ``import`` and ``ingest`` wait for another writer by default (``--wait``)."""


class Progress:
    """One status line per payload on a terminal, a line every 25 payloads otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.interactive = self.stream.isatty()

    def __call__(self, done: int, total: int | None, outcome: PayloadOutcome) -> None:
        of = f"/{total}" if total else ""
        name = Path(outcome.origin).name if "://" not in outcome.origin else outcome.origin
        line = f"{self.label} [{done}{of}] {outcome.status:8} {name}"
        if outcome.status == "rejected":
            self.stream.write(("\r\033[K" if self.interactive else "") + f"{line}\n    {outcome.message}\n")
        elif self.interactive:
            self.stream.write(f"\r\033[K{line[:120]}")
        elif done % 25 == 0 or done == total:
            self.stream.write(line + "\n")
        self.stream.flush()

    def waiting(self, holder: str) -> None:
        """Another writer holds the warehouse: say who, and that we wait."""
        self.stream.write(f"{self.label}: waiting for the writer lock, held by {holder}\n")
        self.stream.flush()

    def finish(self, summary: RunSummary) -> None:
        if self.interactive:
            self.stream.write("\r\033[K")
        elapsed = time.monotonic() - self.started
        if summary.interrupted_runs or summary.debris:
            self.stream.write(
                f"{self.label}: an earlier writer had stopped mid-run: marked {summary.interrupted_runs} "
                f"run(s) interrupted, removed {len(summary.debris)} leftover file(s)\n"
            )
        if summary.recovered:
            self.stream.write(
                f"{self.label}: published {summary.recovered} first: data loaded by an earlier run "
                "that stopped before publishing it\n"
            )
        self.stream.write(
            f"{self.label}: {summary.count('added')} added ({summary.snapshots_added} snapshots), "
            f"{summary.count('skipped')} skipped, {summary.count('rejected')} rejected in {elapsed:.1f} s"
            + (f"; published {summary.generation}" if summary.generation else "; nothing new published")
            + "\n"
        )


def _version() -> str:
    try:
        return metadata.version("rankledger")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(data_dir=getattr(args, "data_dir", None))


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

    settings = _settings(args)
    # before prometheus_client is imported (with the app): worker processes share metric files
    prepare_metrics_dir(settings.data_dir, args.port)
    from service.server import run_server

    prepare: Callable[[Settings], None] | None = refresh_beside_serving
    if args.source_url:
        from service.cli_replicas import follow_bucket_beside_serving

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


def _seed(args: argparse.Namespace) -> int:
    prepare_data_dir(_settings(args))
    return 0


def _report(summary: RunSummary, progress: Progress) -> int:
    progress.finish(summary)
    for outcome in summary.outcomes:
        if outcome.status == "skipped":
            print(f"skipped  {outcome.origin}: {outcome.message}")
        elif outcome.status == "added":
            print(f"added    {outcome.origin}: {outcome.message}")
    for outcome in summary.rejected:
        print(f"rejected {outcome.message}", file=sys.stderr)
    return ExitCode.REJECTED if summary.rejected else ExitCode.OK


def _import(args: argparse.Namespace) -> int:
    settings = _settings(args)
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
    status = _report(summary, progress)
    after_publish(settings, subscriptions, summary)
    publish_after_run(settings, args.publish_to)
    return status


def _ingest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if bool(args.source) == args.all:
        raise IngestError("name one SOURCE (see `rankledger sources`) or pass --all, not both")
    # Sources that cache between runs (Artificial Analysis' daily request limit) keep their cache
    # in the data dir they read from RANKLEDGER_DATA_DIR; --data-dir must win there too.
    os.environ["RANKLEDGER_DATA_DIR"] = str(settings.data_dir)
    subscriptions = before_ingest(settings)
    skipped: dict[str, str] = {}
    if args.all:
        sources, skipped = scheduled_sources(load_sources(settings.seeds_dir / SOURCES_FILE), os.environ)
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
        )
    status = _report(summary, progress)
    after_publish(settings, subscriptions, summary)
    publish_after_run(settings, args.publish_to)
    return status


def _open_generation(args: argparse.Namespace) -> Path:
    settings = _settings(args)
    generation = current_generation_path(settings.data_dir)
    if generation is None:
        raise IngestError(
            f"{settings.data_dir}: no published warehouse yet; run `rankledger serve` or import"
        )
    return generation


def _export(args: argparse.Namespace) -> int:
    import duckdb

    from ingest.exports import ExportFilters, citation_lines, get_dataset, write_dataset

    dataset = get_dataset(args.dataset)
    if dataset is None:  # argparse's choices keep this from happening
        raise IngestError(
            f"unknown dataset {args.dataset!r}; datasets: {', '.join(d.name for d in DATASETS)}"
        )
    filters = ExportFilters(
        board=args.board, source=args.source, date_from=args.date_from, date_to=args.date_to
    )
    unknown = filters.used() - dataset.filters
    if unknown:
        raise IngestError(f"dataset {dataset.name!r} cannot be filtered by {', '.join(sorted(unknown))}")
    generation = _open_generation(args)
    out = Path(args.out or f"{dataset.name}.{args.format}")
    with duckdb.connect(str(generation), read_only=True) as db:
        metadata = {
            "rankledger.generation": generation.name,
            "rankledger.citations": "\n".join(citation_lines(db)),
        }
        rows = write_dataset(db, dataset, args.format, out, filters=filters, metadata=metadata)
    print(f"wrote {rows} rows of {dataset.name} to {out} (generation {generation.name})", file=sys.stderr)
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from service.app import create_app

    schema = create_app(Settings(data_dir=Path("data"))).openapi_schema.to_schema()
    text = msgspec.json.format(msgspec.json.encode(schema), indent=2).decode() + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


def _add_wait(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT_SECONDS,
        metavar="SECONDS",
        help=(
            f"while another writer holds the warehouse, wait up to SECONDS for it (default "
            f"{DEFAULT_WAIT_SECONDS:.0f}), then exit {ExitCode.WRITER_BUSY:d} naming it"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (its help texts are the CLI reference in the README)."""
    parser = argparse.ArgumentParser(
        prog="rankledger",
        description="Keep the whole history of public LLM leaderboards and serve it over a REST API.",
        epilog="Exit status: 0 done, 1 some inputs rejected, 2 usage error, 3 error, 130 interrupted, "
        "141 output pipe closed early (README, Command line).",
    )
    parser.add_argument("--version", action="version", version=f"rankledger {_version()}")
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        help="warehouse, raw archive and published generations (env RANKLEDGER_DATA_DIR, default ./data)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    _add_wait(importer)
    add_publish_option(importer)
    importer.set_defaults(handler=_import)

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
    _add_wait(ingest)
    add_publish_option(ingest)
    ingest.set_defaults(handler=_ingest)

    register_listings(commands, data_dir)

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

    register_claims(commands, data_dir)
    register_webhooks(commands, data_dir)
    register_replicas(commands, data_dir)

    openapi = commands.add_parser("openapi", help="print the OpenAPI document generated from the app")
    openapi.add_argument("--out", default="-", help="file to write (default: standard output)")
    openapi.set_defaults(handler=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rankledger`` console script; returns the exit status."""
    configure_logging(os.environ.get("RANKLEDGER_LOG_LEVEL", "INFO"))
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # usage error (2) or --help/--version (0), already printed
        return stop.code if isinstance(stop.code, int) else ExitCode.USAGE
    return run_command(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
