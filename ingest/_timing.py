"""Wall-clock seconds per phase of an ingest run, added up as the run goes (``RunSummary.seconds``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ("timed",)


@contextmanager
def timed(seconds: dict[str, float], phase: str) -> Iterator[None]:
    """Add the time the block takes (also when it raises) to ``seconds[phase]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[phase] = seconds.get(phase, 0.0) + time.perf_counter() - started
