"""Cleaning up after a writer that died mid-run (``kill -9``, power loss, out of memory).

Every writer run starts here, holding the writer lock, so nothing it removes is being written.
What a dead writer can leave behind, and what happens to it:

- ``generations/.gen-*.duckdb.partial``: a generation copy never renamed into place: removed.
- ``generations/gen-*.duckdb`` without ``manifest.json`` (died while writing the exports), or
  newer than the one ``CURRENT`` names (died before the switch; never served): removed with
  its exports. The one ``CURRENT`` names is never touched.
- ``generations/gen-*.duckdb.exports/`` whose generation file is gone (died while pruning): removed.
- ``.CURRENT.partial`` (died before the switch) and ``raw/**/.<sha256>.partial`` (died while
  archiving a payload; the payload was not recorded, so the next import archives it again): removed.
- ``warehouse.duckdb.tmp/``, DuckDB's spill folder for a connection that is gone: removed (the
  caller runs this before opening the warehouse).
- More complete generations than ``KEEP_GENERATIONS``: the oldest are pruned.

``warehouse.duckdb.wal`` is not debris: DuckDB replays it when the warehouse is next opened.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from ingest.warehouse._generations import (
    CURRENT_POINTER,
    MANIFEST_FILE,
    current_generation_path,
    exports_dir,
    generations_dir,
    prune_generations,
)

__all__ = ("remove_crash_debris",)

_EXPORTS_SUFFIX = ".exports"


def remove_crash_debris(data_dir: Path, warehouse_file: Path) -> list[Path]:
    """Remove what a writer that died mid-run left behind; returns the paths removed.

    The caller holds the writer lock and has not opened ``warehouse_file`` yet.
    """
    removed: list[Path] = []
    folder = generations_dir(data_dir)
    current = current_generation_path(data_dir)
    if folder.is_dir():
        removed += _remove(folder.glob(".gen-*.partial"))
        removed += _remove(p for p in folder.glob("gen-*.duckdb") if _is_debris(p, current))
        removed += _remove(
            p
            for p in folder.glob(f"gen-*.duckdb{_EXPORTS_SUFFIX}")
            if not p.with_name(p.name.removesuffix(_EXPORTS_SUFFIX)).is_file()
        )
    removed += _remove([data_dir / f".{CURRENT_POINTER}.partial"])
    removed += _remove((data_dir / "raw").glob("*/.*.partial"))
    removed += _remove([warehouse_file.with_name(warehouse_file.name + ".tmp")])
    removed += prune_generations(data_dir)
    return removed


def _is_debris(generation: Path, current: Path | None) -> bool:
    """Incomplete, or complete but newer than ``CURRENT``'s (never switched to)."""
    if generation == current:
        return False
    incomplete = not (exports_dir(generation) / MANIFEST_FILE).is_file()
    never_served = current is not None and generation.name > current.name
    return incomplete or never_served


def _remove(paths: Iterable[Path]) -> list[Path]:
    removed = []
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink(missing_ok=True)
        else:
            continue
        removed.append(path)
        exports = exports_dir(path)
        if path.suffix == ".duckdb" and exports.is_dir():
            shutil.rmtree(exports, ignore_errors=True)
            removed.append(exports)
    return removed
