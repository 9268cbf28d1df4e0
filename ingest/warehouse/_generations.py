"""Published read-only generations of the warehouse, switched atomically.

The writer works on ``warehouse.duckdb``. ``publish_generation`` runs these steps in order:

1. **copy**: the closed, checkpointed file to ``generations/.gen-<stamp>.duckdb.partial``,
   fsync it, rename it to ``gen-<stamp>.duckdb`` and fsync the folder. A fresh name every time:
   DuckDB's client may hand back an already-open database for a path it knows, so a file
   replaced in place could keep serving old data.
2. **exports**: every dataset as Parquet and CSV, then ``manifest.json`` last, all fsynced. A
   generation is *complete* once its manifest exists; only complete ones are ever pointed at.
3. **switch**: write ``.CURRENT.partial``, fsync it, ``os.replace`` it over ``CURRENT`` (atomic)
   and fsync the data dir, so after a power loss ``CURRENT`` names a file whose bytes are on disk.
4. **prune**: keep the newest ``KEEP_GENERATIONS`` complete generations.

Readers open only published, complete, closed files, read-only; a query in flight finishes on the
generation it started on, and the old connection closes when its last query is done.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.exports import write_generation_exports
from ingest.faults import fault_point

__all__ = (
    "CURRENT_POINTER",
    "KEEP_GENERATIONS",
    "MANIFEST_FILE",
    "Generation",
    "GenerationPool",
    "complete_generations",
    "current_generation_path",
    "exports_dir",
    "fsync_path",
    "generations_dir",
    "prune_generations",
    "publish_generation",
    "switch_current",
)

CURRENT_POINTER = "CURRENT"
"""File in the data dir naming the generation that readers should serve."""
KEEP_GENERATIONS = 3
"""Complete generations kept after a publish (the current one and the newest before it)."""
MANIFEST_FILE = "manifest.json"
"""Written last into a generation's exports folder: its presence makes the generation complete."""


def generations_dir(data_dir: Path) -> Path:
    """The folder holding the published generation files and their export folders."""
    return data_dir / "generations"


def current_generation_path(data_dir: Path) -> Path | None:
    """The published generation readers should open, or ``None`` before the first publish."""
    pointer = data_dir / CURRENT_POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = generations_dir(data_dir) / name
    return path if name and path.is_file() else None


def publish_generation(data_dir: Path, warehouse_file: Path) -> str:
    """Copy the closed, checkpointed warehouse to a new complete generation and point readers at it.

    The caller holds the writer lock (nothing writes ``warehouse_file`` meanwhile). Returns the
    new generation's file name.
    """
    folder = generations_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"gen-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.duckdb"
    generation = _copy_generation(warehouse_file, folder / name)
    _write_exports(generation)
    switch_current(data_dir, name)
    prune_generations(data_dir)
    return name


def _copy_generation(warehouse_file: Path, target: Path) -> Path:
    """Step 1: a durable copy under a fresh name (written as a hidden partial, then renamed)."""
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(warehouse_file, partial)
    fault_point("copy")
    fsync_path(partial)
    partial.replace(target)
    fsync_path(target.parent)
    return target


def _write_exports(generation: Path) -> None:
    """Step 2: the exports (written before readers can see the generation, never changed after)."""
    folder = exports_dir(generation)
    write_generation_exports(generation, folder)
    for path in folder.iterdir():
        fsync_path(path)
    fsync_path(folder)
    fsync_path(folder.parent)


def switch_current(data_dir: Path, name: str) -> None:
    """Step 3: point ``CURRENT`` at the generation, atomically and durably (replicas too)."""
    partial = data_dir / f".{CURRENT_POINTER}.partial"
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    fault_point("switch")
    partial.replace(data_dir / CURRENT_POINTER)
    fsync_path(data_dir)


def fsync_path(path: Path) -> None:
    """Flush a file's (or a folder's entries') data to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def complete_generations(data_dir: Path) -> list[Path]:
    """Generation files that have their export manifest, oldest first (names sort by time)."""
    folder = generations_dir(data_dir)
    return sorted(p for p in folder.glob("gen-*.duckdb") if (exports_dir(p) / MANIFEST_FILE).is_file())


def prune_generations(data_dir: Path, *, keep: int = KEEP_GENERATIONS) -> list[Path]:
    """Step 4: delete all but the newest ``keep`` complete generations; returns what was deleted.

    Never the one ``CURRENT`` names. Readers that still have a deleted file open keep reading
    it (the file lives on until they close it).
    """
    current = current_generation_path(data_dir)
    complete = [p for p in complete_generations(data_dir) if p != current]
    older = complete[: max(0, len(complete) - (keep - 1 if current else keep))]
    for old in older:
        old.unlink(missing_ok=True)
        fault_point("prune")
        shutil.rmtree(exports_dir(old), ignore_errors=True)
    return older


def exports_dir(generation_file: Path) -> Path:
    """The folder holding a generation's export files and manifest."""
    return generation_file.with_name(generation_file.name + ".exports")


@dataclass(eq=False)
class Generation:
    """One open read-only generation and the queries running on it."""

    name: str
    """File name of the generation, e.g. ``gen-20261128T120000000000Z.duckdb``."""
    connection: duckdb.DuckDBPyConnection
    """Read-only connection; each query uses its own cursor."""
    in_flight: int = 0
    """Queries currently running on this generation."""
    retired: bool = False
    """A newer generation was published; close when ``in_flight`` drops to zero."""
    published_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    """When this process first opened it (used for Last-Modified)."""


class GenerationPool:
    """Hands out cursors on the current generation and switches when a new one is published."""

    def __init__(
        self,
        data_dir: Path,
        on_switch: Callable[[str], None] | None = None,
        settings: Mapping[str, str | int] | None = None,
    ) -> None:
        self.data_dir = data_dir
        """The data dir whose ``CURRENT`` pointer names the generation to serve."""
        self._on_switch = on_switch
        """Called with the new generation's name each time this pool moves to a newer one."""
        self._settings = dict(settings or {})
        """DuckDB settings of the read-only connections (e.g. ``memory_limit``, ``threads``), applied
        with ``SET`` once open: as connection config they would clash with any other connection to
        the same file in the process (DuckDB refuses a second configuration)."""
        self._data_dir = data_dir
        self._lock = threading.Lock()
        self._current: Generation | None = None
        self._pointer_stamp: tuple[int, int] | None = None

    def _pointer_changed(self) -> bool:
        try:
            stat = (self._data_dir / CURRENT_POINTER).stat()
        except FileNotFoundError:
            return self._pointer_stamp is not None
        stamp = (stat.st_mtime_ns, stat.st_ino)
        if stamp == self._pointer_stamp:
            return False
        self._pointer_stamp = stamp
        return True

    def _refresh(self) -> Generation | None:
        """Open the newly published generation, if any (caller holds the lock)."""
        if not self._pointer_changed() and self._current is not None:
            return self._current
        path = current_generation_path(self._data_dir)
        if path is None or (self._current is not None and self._current.name == path.name):
            return self._current
        connection = duckdb.connect(str(path), read_only=True)
        for name, value in self._settings.items():
            connection.execute(f"SET {name} = ?", [value])
        fresh = Generation(name=path.name, connection=connection)
        old, self._current = self._current, fresh
        if old is not None:
            old.retired = True
            if old.in_flight == 0:
                old.connection.close()
            if self._on_switch is not None:
                self._on_switch(fresh.name)
        return fresh

    @property
    def current_name(self) -> str | None:
        """Name of the generation new queries run on (``None`` before the first publish)."""
        with self._lock:
            generation = self._refresh()
            return generation.name if generation else None

    @contextmanager
    def cursor(self) -> Iterator[tuple[Generation, duckdb.DuckDBPyConnection]]:
        """A cursor on the current generation, valid for one request."""
        with self._lock:
            generation = self._refresh()
            if generation is None:
                raise LookupError(f"no published warehouse generation in {self._data_dir}")
            generation.in_flight += 1
            cursor = generation.connection.cursor()
        try:
            yield generation, cursor
        finally:
            cursor.close()
            with self._lock:
                generation.in_flight -= 1
                if generation.retired and generation.in_flight == 0:
                    generation.connection.close()

    def close(self) -> None:
        """Close the current generation (application shutdown)."""
        with self._lock:
            if self._current is not None:
                self._current.connection.close()
                self._current = None
                self._pointer_stamp = None
