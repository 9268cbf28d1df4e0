"""The production HTTP server: granian, one worker process per core.

Chosen by measurement (``bench/peers.py``): on the same cached route, granian with two workers
answered about twice the requests per second of uvicorn with one. Each worker opens the published
generation read-only and keeps its own response cache and served index; they share nothing but the
data dir.

Start-up is quick because the app is imported and built once, here, and the workers are forked
from this process (a worker is up in milliseconds instead of the seconds an interpreter takes to
import the app): ``serve`` comes back at once after a restart. That is safe because nothing in this
process has run DuckDB or polars (whose thread pools a fork would copy mid-state): the start-up
refresh of the warehouse runs in a separate, spawned process, beside the workers (``prepare``).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable

from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels
from litestar import Litestar

from service.app import create_app
from service.settings import Settings

__all__ = ("APP_FACTORY", "MAX_HEADER_BYTES", "built_app", "run_server")

APP_FACTORY = "service.server:built_app"
"""What each worker calls for its app."""
MAX_HEADER_BYTES = 64 * 1024
"""The request head (request line and headers) a worker reads at most before it answers 431."""


_built: Litestar | None = None
"""The app ``run_server`` built before forking the workers."""


def built_app() -> Litestar:
    """The app built before the workers were forked (or, in a fresh interpreter, a new one)."""
    return _built if _built is not None else create_app()


def run_server(
    settings: Settings,
    *,
    host: str,
    port: int,
    workers: int,
    log_level: str,
    prepare: Callable[[Settings], None] | None = None,
) -> None:
    """Serve ``settings.data_dir`` until interrupted; ``prepare(settings)`` runs beside, in a
    process of its own (the start-up refresh: new data it publishes is picked up as any other)."""
    global _built  # noqa: PLW0603 - the one app this process forks its workers with
    if prepare is not None:
        preparing = multiprocessing.get_context("spawn").Process(target=prepare, args=(settings,))
        preparing.start()
        # reaps it when it ends (it holds no lock the forked workers could inherit)
        threading.Thread(target=preparing.join, name="prepare-reaper", daemon=True).start()
    _built = create_app(settings)
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
