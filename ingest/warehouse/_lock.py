"""The writer lock: one writer per data dir, a second one waits, and anyone can see who holds it.

DuckDB's own lock covers ``warehouse.duckdb`` only while a connection is open; a run also
copies the closed file and switches ``CURRENT`` after closing it, so the writer takes this lock
first and keeps it to the end of the run. It is an ``flock`` on ``writer.lock``, released by the
kernel when the process ends however it ends (a ``kill -9`` leaves no stale lock). While held,
the file names the holder (pid, command, start time) for the message a waiting writer prints.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from ingest.errors import IngestError

__all__ = ("LOCK_FILE", "LockHolder", "WriterBusyError", "read_holder", "writer_lock")

LOCK_FILE = "writer.lock"
"""File in the data dir that the running writer holds locked and fills with its ``LockHolder``."""
_POLL_SECONDS = 0.2


class LockHolder(msgspec.Struct, frozen=True, kw_only=True):
    """Who holds the writer lock (the content of ``writer.lock`` while a writer runs)."""

    pid: int
    """Process id of the writer."""
    command: str
    """What it runs, e.g. ``import`` or ``ingest lmarena``."""
    started_at: datetime
    """When it took the lock."""
    host: str
    """Machine it runs on (a data dir on a shared volume may be written from another host)."""

    def describe(self) -> str:
        """``pid 123 on host (`rankledger import`, since 2026-01-02T03:04:05Z)``."""
        since = self.started_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"pid {self.pid} on {self.host} (`rankledger {self.command}`, since {since})"


class WriterBusyError(IngestError):
    """Another writer kept the warehouse for longer than this one was willing to wait."""

    def __init__(self, data_dir: Path, *, waited: float, holder: str) -> None:
        self.data_dir = data_dir
        """The data dir whose writer lock was held."""
        self.holder = holder
        """Who held it, as well as it is known."""
        super().__init__(
            f"{data_dir}: another writer holds the warehouse: {holder}; gave up after waiting "
            f"{waited:.0f} s. Run again when it has finished, or wait longer with --wait SECONDS."
        )


def read_holder(lock_path: Path) -> LockHolder | None:
    """The holder written in ``writer.lock``, if it names one."""
    try:
        return msgspec.json.decode(lock_path.read_bytes(), type=LockHolder)
    except (OSError, msgspec.DecodeError):
        return None


@contextmanager
def writer_lock(
    data_dir: Path,
    *,
    command: str,
    wait: float,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[float]:
    """Hold the data dir's writer lock for the block; yields the deadline (``time.monotonic()``).

    Waits up to ``wait`` seconds for another writer to finish, then raises ``WriterBusyError``
    naming it. ``on_wait`` is told once, with the holder's description, when waiting starts.
    The deadline bounds any further wait of the same run (DuckDB's own lock).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_path = data_dir / LOCK_FILE
    deadline = time.monotonic() + max(0.0, wait)
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, lock_path, data_dir, deadline=deadline, wait=wait, on_wait=on_wait)
        holder = LockHolder(
            pid=os.getpid(), command=command, started_at=datetime.now(UTC), host=socket.gethostname()
        )
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, msgspec.json.encode(holder) + b"\n", 0)
        try:
            yield deadline
        finally:
            os.ftruncate(descriptor, 0)  # nobody holds it now; the kernel drops the lock on close
    finally:
        os.close(descriptor)


def _acquire(
    descriptor: int,
    lock_path: Path,
    data_dir: Path,
    *,
    deadline: float,
    wait: float,
    on_wait: Callable[[str], None] | None,
) -> None:
    told = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = read_holder(lock_path)
            described = holder.describe() if holder else "a writer that has not named itself yet"
            if time.monotonic() >= deadline:
                raise WriterBusyError(data_dir, waited=wait, holder=described) from None
            if on_wait is not None and not told:
                on_wait(described)
                told = True
            time.sleep(_POLL_SECONDS)
