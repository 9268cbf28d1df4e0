"""The ``rankledger`` command line: serve, import, ingest, sources, openapi."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

import httpx
import msgspec

from ingest.errors import IngestError
from ingest.runner import PayloadOutcome, RunSummary, import_paths, ingest_live, ingest_payloads
from ingest.sources import FORMATS
from ingest.warehouse import WriterBusyError, current_generation_path
from service.cli_claims import register as register_claims
from service.settings import Settings

__all__ = ("build_parser", "main", "prepare_data_dir")

USER_AGENT = "rankledger/0.1 (+https://github.com/rankledger)"
DEFAULT_WAIT_SECONDS = 600.0
"""How long ``import`` and ``ingest`` wait for another writer by default (``--wait``)."""
EXIT_REJECTED = 1
"""Some payloads were rejected (the others were loaded and published)."""
EXIT_ERROR = 2
"""Nothing was done: a bad argument, a missing path, an unreadable data dir."""
EXIT_WRITER_BUSY = 75
"""Another writer held the warehouse for longer than ``--wait`` (EX_TEMPFAIL: try again later)."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (the run is recorded as interrupted)."""
EXIT_TERMINATED = 143
"""SIGTERM (the run is recorded as interrupted)."""


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
    if current_generation_path(settings.data_dir) is None:
        build_seed_warehouse(settings)
        return
    refreshed = ingest_payloads(settings.data_dir, [], command="serve refresh", seeds_dir=settings.seeds_dir)
    if refreshed.generation:
        print(f"refreshed the warehouse; published {refreshed.generation}", file=sys.stderr)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.app import create_app

    settings = _settings(args)
    prepare_data_dir(settings)
    print(f"rankledger serving {settings.data_dir} on http://{args.host}:{args.port}", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
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
    return EXIT_REJECTED if summary.rejected else 0


def _import(args: argparse.Namespace) -> int:
    settings = _settings(args)
    progress = Progress("import")
    summary = import_paths(
        settings.data_dir,
        [Path(p) for p in args.paths],
        format_name=args.format,
        seeds_dir=settings.seeds_dir,
        progress=progress,
        wait=args.wait,
        on_wait=progress.waiting,
    )
    return _report(summary, progress)


def _ingest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    # Sources that cache between runs (Artificial Analysis' daily request limit) keep their cache
    # in the data dir they read from RANKLEDGER_DATA_DIR; --data-dir must win there too.
    os.environ["RANKLEDGER_DATA_DIR"] = str(settings.data_dir)
    progress = Progress(f"ingest {args.source}")
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=60.0, follow_redirects=True, headers=headers) as client:
        summary = ingest_live(
            settings.data_dir,
            args.source,
            client,
            seeds_dir=settings.seeds_dir,
            progress=progress,
            wait=args.wait,
            on_wait=progress.waiting,
        )
    return _report(summary, progress)


def _sources(args: argparse.Namespace) -> int:
    print(f"{'format':28} {'source':10} {'live':5} {'prec':>4}  description")
    for f in FORMATS:
        live = "yes" if f.fetch else "no"
        print(f"{f.name:28} {f.source:10} {live:5} {f.precedence:>4}  {f.description}")
    return 0


def _value(score: float | None, votes: int | None) -> str:
    return f"{'-' if score is None else f'{score:.1f}'}/{'-' if votes is None else votes}"


def _disagreements(args: argparse.Namespace) -> int:
    import duckdb

    from service.queries.disagreements import list_disagreements

    settings = _settings(args)
    generation = current_generation_path(settings.data_dir)
    if generation is None:
        raise IngestError(
            f"{settings.data_dir}: no published warehouse yet; run `rankledger serve` or import"
        )
    with duckdb.connect(str(generation), read_only=True) as db:
        items = list_disagreements(db, board=args.board, source=args.source)
    print(f"{'board':42} {'date':10} {'model':36} {'served':>22} {'other':>28}")
    for d in items:
        served = f"{_value(d.served_score, d.served_votes)} {d.served_parser.removeprefix('lmarena-')}"
        other = f"{_value(d.other_score, d.other_votes)} {d.other_parser.removeprefix('lmarena-')}"
        print(f"{d.board_id:42} {d.published_at!s:10} {d.model_id[:36]:36} {served:>22} {other:>28}")
    print(f"{len(items)} disagreement(s) beyond rounding (score > 1 point apart or different votes)")
    return 0


def _open_generation(args: argparse.Namespace) -> Path:
    settings = _settings(args)
    generation = current_generation_path(settings.data_dir)
    if generation is None:
        raise IngestError(
            f"{settings.data_dir}: no published warehouse yet; run `rankledger serve` or import"
        )
    return generation


def _identity_unresolved(args: argparse.Namespace) -> int:
    import duckdb

    from service.queries.models import unresolved_names

    with duckdb.connect(str(_open_generation(args)), read_only=True) as db:
        items = unresolved_names(db, source=args.source, since=args.since, max_rank=args.max_rank)
    print(f"{'source':20} {'name':52} {'best':>4}  {'first':10} {'last':10}  boards")
    for item in items:
        boards = ", ".join(item.boards[:3]) + (f" (+{len(item.boards) - 3})" if len(item.boards) > 3 else "")
        print(
            f"{item.source_id:20} {item.model_name[:52]:52} {item.best_rank or '-':>4}  "
            f"{item.first_published_at!s:10} {item.last_published_at!s:10}  {boards}"
        )
    print(f"{len(items)} unresolved name(s)")
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


def _export(args: argparse.Namespace) -> int:
    import duckdb

    from ingest.exports import ExportFilters, citation_lines, get_dataset, write_dataset

    dataset = get_dataset(args.dataset)
    if dataset is None:
        raise IngestError(f"unknown dataset {args.dataset!r}; see GET /v1/exports")
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
            f"{DEFAULT_WAIT_SECONDS:.0f}), then exit {EXIT_WRITER_BUSY} naming it"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (its help texts are the CLI reference in the README)."""
    parser = argparse.ArgumentParser(
        prog="rankledger",
        description="Keep the whole history of public LLM leaderboards and serve it over a REST API.",
    )
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
            "Run the API. The first start builds the warehouse from seeds/ offline; later starts reuse it."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--log-level", default="info", help="uvicorn log level (default info)")
    serve.set_defaults(handler=_serve)

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
    _add_wait(importer)
    importer.set_defaults(handler=_import)

    ingest = commands.add_parser(
        "ingest",
        parents=[data_dir],
        help="fetch a source live over HTTP and ingest it",
        description=(
            "Fetch every live format of a source (e.g. lmarena), or one format, over HTTP and ingest it."
            " A format whose fetch fails is reported as rejected (exit status 1); the others still load."
        ),
    )
    ingest.add_argument("source", help="source id or format name; see `rankledger sources`")
    _add_wait(ingest)
    ingest.set_defaults(handler=_ingest)

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
        "--since", type=date.fromisoformat, help="only names seen on or after this day (YYYY-MM-DD)"
    )
    unresolved.add_argument("--max-rank", type=int, help="only names that reached this rank_best or better")
    unresolved.set_defaults(handler=_identity_unresolved)
    resolve = identity_commands.add_parser(
        "resolve",
        help="explain how a name resolves against seeds/models.toml (per source)",
        description="Resolve a name with the registry in the seeds dir and say which rule decided.",
    )
    resolve.add_argument("name", help="the model name as a source writes it")
    resolve.add_argument("--source", help="source id (default: every source)")
    resolve.set_defaults(handler=_identity_resolve)

    export = commands.add_parser(
        "export",
        parents=[data_dir],
        help="write a dataset (entries, boards, snapshots, models...) as Parquet or CSV, offline",
        description="Write an export dataset of the current generation to a file, as GET /v1/exports does.",
    )
    export.add_argument("dataset", help="sources, boards, snapshots, entries, models, model_aliases")
    export.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="default parquet")
    export.add_argument("--out", help="output file (default <dataset>.<format>)")
    export.add_argument("--board", help="only this board id")
    export.add_argument("--source", help="only this source id")
    export.add_argument("--from", dest="date_from", type=date.fromisoformat, help="first day (YYYY-MM-DD)")
    export.add_argument("--to", dest="date_to", type=date.fromisoformat, help="last day (YYYY-MM-DD)")
    export.set_defaults(handler=_export)

    sources = commands.add_parser("sources", help="list the formats rankledger reads")
    sources.set_defaults(handler=_sources)

    register_claims(commands, data_dir)

    openapi = commands.add_parser("openapi", help="print the OpenAPI document generated from the app")
    openapi.add_argument("--out", default="-", help="file to write (default: standard output)")
    openapi.set_defaults(handler=_openapi)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived (``docker stop``, a Kubernetes pod ending): stop like Ctrl-C does, closing
    the run's record, instead of dying mid-statement."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rankledger`` console script (exit codes: see ``EXIT_*`` and README)."""
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.handler(args))
    except WriterBusyError as error:
        print(f"rankledger: {error}", file=sys.stderr)
        return EXIT_WRITER_BUSY
    except IngestError as error:
        print(f"rankledger: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Terminated:
        print("rankledger: stopped by SIGTERM", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
