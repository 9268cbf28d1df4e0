"""Published read-only generations of the warehouse, switched atomically.

The writer works on ``warehouse.duckdb``. After a successful ingest it checkpoints, copies the
file to ``generations/<name>.duckdb`` (a fresh name every time: DuckDB's client may hand back an
already-open database for a path it knows, so a file replaced in place could keep serving old
data) and then replaces the one-line ``CURRENT`` pointer with ``os.replace``, which is atomic.
Readers open only published, closed files, read-only; a query in flight finishes on the
generation it started on, and the old connection closes when its last query is done.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.exports import write_generation_exports

__all__ = (
    "CURRENT_POINTER",
    "Generation",
    "GenerationPool",
    "current_generation_path",
    "exports_dir",
    "publish_generation",
)

CURRENT_POINTER = "CURRENT"
"""File in the data dir naming the generation that readers should serve."""
_KEEP_GENERATIONS = 3


def _generations_dir(data_dir: Path) -> Path:
    return data_dir / "generations"


def current_generation_path(data_dir: Path) -> Path | None:
    """The published generation readers should open, or ``None`` before the first publish."""
    pointer = data_dir / CURRENT_POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = _generations_dir(data_dir) / name
    return path if path.is_file() else None


def publish_generation(data_dir: Path, warehouse_file: Path) -> str:
    """Copy the closed, checkpointed warehouse to a new generation and point readers at it."""
    folder = _generations_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"gen-{stamp}.duckdb"
    partial = folder / f".{name}.partial"
    shutil.copyfile(warehouse_file, partial)
    partial.replace(folder / name)
    # Exports are part of the generation: written before readers can see it, never changed after.
    write_generation_exports(folder / name, exports_dir(folder / name))
    pointer_partial = data_dir / f".{CURRENT_POINTER}.partial"
    pointer_partial.write_text(name + "\n", encoding="utf-8")
    pointer_partial.replace(data_dir / CURRENT_POINTER)
    _prune(folder, keep=name)
    return name


def _prune(folder: Path, *, keep: str) -> None:
    """Delete all but the newest generations; open readers keep their unlinked file alive."""
    generations = sorted(p for p in folder.glob("gen-*.duckdb") if p.name != keep)
    for old in generations[: max(0, len(generations) - (_KEEP_GENERATIONS - 1))]:
        old.unlink(missing_ok=True)
        shutil.rmtree(exports_dir(old), ignore_errors=True)


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

    def __init__(self, data_dir: Path, on_switch: Callable[[str], None] | None = None) -> None:
        self.data_dir = data_dir
        """The data dir whose ``CURRENT`` pointer names the generation to serve."""
        self._on_switch = on_switch
        """Called with the new generation's name each time this pool moves to a newer one."""
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
        fresh = Generation(name=path.name, connection=duckdb.connect(str(path), read_only=True))
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
