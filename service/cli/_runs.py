"""What the commands that write the warehouse share: the progress display, ``--wait``, the report."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from ingest.runner import PayloadOutcome, RunSummary
from service.cli.output import ExitCode

__all__ = ("DEFAULT_WAIT_SECONDS", "Progress", "add_wait_option", "report")

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


def add_wait_option(command: argparse.ArgumentParser) -> None:
    """``--wait SECONDS`` for a command that waits for another writer."""
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


def report(summary: RunSummary, progress: Progress) -> int:
    """Close the progress display, list what was added, skipped and rejected; the exit status."""
    progress.finish(summary)
    for outcome in summary.outcomes:
        if outcome.status == "skipped":
            print(f"skipped  {outcome.origin}: {outcome.message}")
        elif outcome.status == "added":
            print(f"added    {outcome.origin}: {outcome.message}")
    for outcome in summary.rejected:
        print(f"rejected {outcome.message}", file=sys.stderr)
    return ExitCode.REJECTED if summary.rejected else ExitCode.OK
