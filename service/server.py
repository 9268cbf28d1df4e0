"""The production HTTP server: granian, one worker process per core.

Chosen by measurement (``bench/peers.py``): on the same cached route, granian with two workers
answered about twice the requests per second of uvicorn with one. Each worker is a separate
process that imports the app (``service.app:create_app``), opens the published generation
read-only and keeps its own response cache; they share nothing but the data dir.
"""

from __future__ import annotations

import multiprocessing
import os

from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels

from service.settings import Settings

__all__ = ("APP_FACTORY", "MAX_HEADER_BYTES", "default_workers", "run_server")

APP_FACTORY = "service.app:create_app"
"""What each worker imports and calls; settings come from the ``RANKLEDGER_*`` environment."""
MAX_HEADER_BYTES = 64 * 1024
"""The request head (request line and headers) a worker reads at most before it answers 431."""


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_server(settings: Settings, *, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve ``settings.data_dir`` until interrupted."""
    # Workers are new processes that build their settings from the environment: the data dir given
    # on the command line must reach them there.
    os.environ["RANKLEDGER_DATA_DIR"] = str(settings.data_dir)
    os.environ["RANKLEDGER_SEEDS_DIR"] = str(settings.seeds_dir)
    # Fresh interpreters, not forks: the start-up refresh ran DuckDB and polars thread pools in
    # this process, and a forked child inherits their locks mid-state (workers hung on first use).
    multiprocessing.set_start_method("spawn", force=True)
    Granian(
        APP_FACTORY,
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        websockets=False,
        http1_settings=HTTP1Settings(max_buffer_size=MAX_HEADER_BYTES),
        log_level=LogLevels(log_level),
        log_access=False,  # the app logs requests itself when RANKLEDGER_ACCESS_LOG=1 (JSON lines)
        respawn_failed_workers=True,
    ).serve()
