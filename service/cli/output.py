"""How the ``rankledger`` command line ends and writes: exit codes, ``--format``, closed pipes.

Exit codes (the README lists them; a new one is added here and there):

| code | meaning |
|---|---|
| 0 | done |
| 1 | done, but some inputs were rejected (``import``, ``ingest``, ``claims verify``) |
| 2 | usage error: unknown command or option, a missing or malformed argument (argparse) |
| 3 | error: the command could not do its work (no published warehouse, a missing file, ...) |
| 75 | another writer held the warehouse for longer than ``--wait`` (EX_TEMPFAIL: try again later) |
| 130 | interrupted (Ctrl-C; a run is recorded as interrupted) |
| 141 | the output pipe closed before everything was written (``rankledger sources | head -3``) |
| 143 | stopped by SIGTERM (``docker stop``, a pod ending; a run is recorded as interrupted) |

Listing commands take ``--format table|json|csv``: ``table`` (default) is for reading, ``json``
is one array of objects, ``csv`` has a header row and the API's CSV conventions (``true``/``false``,
nested values as JSON text, empty cells for nulls), with the same column names as the API.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from typing import Any

import msgspec

from ingest.errors import IngestError
from ingest.warehouse import WriterBusyError
from service.csv_cells import csv_cell

__all__ = ("OUTPUT_FORMATS", "ExitCode", "Terminated", "add_format_option", "run_command", "write_rows")

OUTPUT_FORMATS = ("table", "json", "csv")
"""Values of ``--format`` on the listing commands."""


class ExitCode(IntEnum):
    """Exit statuses of ``rankledger`` (see the module docstring)."""

    OK = 0
    REJECTED = 1
    USAGE = 2
    ERROR = 3
    WRITER_BUSY = 75
    INTERRUPTED = 130
    PIPE_CLOSED = 141
    TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived (``docker stop``, a Kubernetes pod ending): stop like Ctrl-C does, closing
    the run's record, instead of dying mid-statement."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format table|json|csv`` on a listing command."""
    parser.add_argument(
        "--format",
        dest="output",
        choices=OUTPUT_FORMATS,
        default="table",
        help="table (default, for reading), json (an array of objects) or csv (header row, API columns)",
    )


def write_rows(
    rows: Sequence[Any],
    columns: Sequence[str],
    output: str,
    table: Callable[[], None],
) -> None:
    """Write ``rows`` (Structs or mappings with ``columns`` as keys) as JSON or CSV; ``table``
    writes the human-readable form."""
    if output == "table":
        table()
        return
    records: list[Mapping[str, Any]] = msgspec.to_builtins(list(rows))
    if output == "json":
        sys.stdout.write(msgspec.json.encode(records).decode() + "\n")
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(record.get(column)) for column in columns] for record in records)


def run_command(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command's handler and turn how it ended into an exit code and at most one message."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        code = int(handler(args))
        sys.stdout.flush()  # a closed pipe shows here rather than at interpreter exit
        return code
    except WriterBusyError as error:
        print(f"rankledger: {error}", file=sys.stderr)
        return ExitCode.WRITER_BUSY
    except IngestError as error:
        print(f"rankledger: {error}", file=sys.stderr)
        return ExitCode.ERROR
    except BrokenPipeError:
        # Whoever read the output has stopped (``| head``): say nothing, and point stdout at
        # /dev/null so the interpreter's final flush does not fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.PIPE_CLOSED
    except Terminated:
        print("rankledger: stopped by SIGTERM", file=sys.stderr)
        return ExitCode.TERMINATED
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
