"""The ``rankledger`` command line: one module per command, the parser and ``main`` here.

Each command module adds its subcommand with ``register``; ``output`` says how a command ends
(exit codes, ``--format``, closed pipes).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from importlib import metadata

from ingest.logs import configure_logging
from service.cli import (
    claims,
    disagreements,
    export,
    identity,
    import_files,
    ingest_live,
    openapi,
    replicas,
    seed,
    serve,
    sources,
    webhooks,
)
from service.cli._data_dir import data_dir_parent
from service.cli.output import ExitCode, run_command
from service.cli.seed import build_seed_warehouse, prepare_data_dir
from service.cli.serve import refresh_beside_serving

__all__ = ("build_parser", "build_seed_warehouse", "main", "prepare_data_dir", "refresh_beside_serving")


def _version() -> str:
    try:
        return metadata.version("rankledger")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (its help texts are the CLI reference in the README)."""
    parser = argparse.ArgumentParser(
        prog="rankledger",
        description="Keep the whole history of public LLM leaderboards and serve it over a REST API.",
        epilog="Exit status: 0 done, 1 some inputs rejected, 2 usage error, 3 error, 130 interrupted, "
        "141 output pipe closed early (README, Command line).",
    )
    parser.add_argument("--version", action="version", version=f"rankledger {_version()}")
    data_dir = data_dir_parent()
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # in the order `rankledger --help` lists them
    serve.register(commands, data_dir)
    seed.register(commands, data_dir)
    import_files.register(commands, data_dir)
    ingest_live.register(commands, data_dir)
    disagreements.register(commands, data_dir)
    identity.register(commands, data_dir)
    sources.register(commands)
    export.register(commands, data_dir)
    claims.register(commands, data_dir)
    webhooks.register(commands, data_dir)
    replicas.register(commands, data_dir)
    openapi.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rankledger`` console script; returns the exit status."""
    configure_logging(os.environ.get("RANKLEDGER_LOG_LEVEL", "INFO"))
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # usage error (2) or --help/--version (0), already printed
        return stop.code if isinstance(stop.code, int) else ExitCode.USAGE
    return run_command(args.handler, args)
