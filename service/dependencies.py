"""Request-scoped dependencies: the warehouse generation a request reads, and a cursor on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency

from ingest.warehouse import GenerationPool, exports_dir
from service.errors import NoGenerationError
from service.http_semantics import GENERATION_STATE_KEY

__all__ = ("WarehouseView", "provide_db", "provide_view")


@dataclass(frozen=True)
class WarehouseView:
    """One published generation as a request sees it from start to end."""

    cursor: duckdb.DuckDBPyConnection
    """Read-only cursor; closed after the response."""
    generation: str
    """File name of the generation, e.g. ``gen-20261128T120000000000Z.duckdb``."""
    exports: Path
    """The generation's export folder (files and ``manifest.json``)."""


def provide_view(state: State, request: Request[Any, Any, Any]) -> Iterator[WarehouseView]:
    """The generation current when the request started; queries in flight finish on it."""
    pool: GenerationPool = state.generations
    if pool.current_name is None:
        raise NoGenerationError("No warehouse generation has been published in the data dir yet.")
    with pool.cursor() as (generation, cursor):
        # recorded for the caching headers (service/http_semantics.py)
        request.scope.setdefault("state", {})[GENERATION_STATE_KEY] = generation.name
        path = pool.data_dir / "generations" / generation.name
        yield WarehouseView(cursor=cursor, generation=generation.name, exports=exports_dir(path))


def provide_db(view: NamedDependency[WarehouseView]) -> duckdb.DuckDBPyConnection:
    """A cursor on the request's generation."""
    return view.cursor
