"""Request-scoped dependencies: the warehouse generation a request reads, a cursor on it, and its
in-memory index (``service/queries/served.py``)."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.types import ASGIApp, Receive, Scope, Send

from ingest.warehouse import GenerationPool, exports_dir
from service.errors import NoGenerationError
from service.http_semantics import GENERATION_STATE_KEY
from service.queries.served import ServedIndex, ServedIndexes

__all__ = ("WarehouseView", "provide_db", "provide_served", "provide_view", "release_cursor")

_LEASE_STATE_KEY = "rankledger_cursor_lease"
"""Key in the ASGI scope state holding what closes the request's cursor."""


@dataclass(frozen=True)
class WarehouseView:
    """One published generation as a request sees it from start to end."""

    cursor: duckdb.DuckDBPyConnection
    """Read-only cursor; closed after the response."""
    generation: str
    """File name of the generation, e.g. ``gen-20261128T120000000000Z.duckdb``."""
    exports: Path
    """The generation's export folder (files and ``manifest.json``)."""


def provide_view(state: State, request: Request[Any, Any, Any]) -> WarehouseView:
    """The generation current when the request started; queries in flight finish on it.

    The cursor is closed by ``release_cursor`` when the request ends, not in the cleanup step of a
    generator dependency: Litestar skips that step when another dependency of the same request fails
    validation (``?limit=0``), which leaked the cursor, and the abandoned generator, finalised later by
    the garbage collector while the pool's lock was held, deadlocked the server.
    """
    pool: GenerationPool = state.generations
    if pool.current_name is None:
        raise NoGenerationError("No warehouse generation has been published in the data dir yet.")
    lease = ExitStack()
    generation, cursor = lease.enter_context(pool.cursor())
    scope_state = request.scope.setdefault("state", {})
    scope_state[_LEASE_STATE_KEY] = lease
    # recorded for the caching headers (service/http_semantics.py)
    scope_state[GENERATION_STATE_KEY] = generation.name
    path = pool.data_dir / "generations" / generation.name
    return WarehouseView(cursor=cursor, generation=generation.name, exports=exports_dir(path))


def release_cursor(app: ASGIApp) -> ASGIApp:
    """Middleware closing the request's cursor once the response is sent or the request failed."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await app(scope, receive, send)
        finally:
            lease: ExitStack | None = scope.get("state", {}).pop(_LEASE_STATE_KEY, None)
            if lease is not None:
                lease.close()

    return middleware


def provide_db(view: NamedDependency[WarehouseView]) -> duckdb.DuckDBPyConnection:
    """A cursor on the request's generation."""
    return view.cursor


def provide_served(state: State, view: NamedDependency[WarehouseView]) -> ServedIndex:
    """The in-memory index of the request's generation (read on its first use in this worker)."""
    indexes: ServedIndexes = state.served_indexes
    return indexes.get(view.generation, view.cursor, view.exports)
