"""Handing memory a worker has freed back to the system.

Reading a generation's served index (``service/queries/served.py``) allocates about three times
what the index keeps: the Parquet file's decoded columns, the extras joined per snapshot. glibc's
allocator keeps what was freed in its heaps, so without a trim each worker stays ~40 MB larger than
what it holds, for as long as it runs (polars' allocator hands its share back at once, see
``service/__init__.py``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache

__all__ = ("release_freed_memory",)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (``None`` where the C library has none, e.g. macOS or musl)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_freed_memory() -> None:
    """Return the free pages of the C allocator's heaps to the system (a few milliseconds)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
