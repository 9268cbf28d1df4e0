"""Request-scoped dependencies: a cursor on the current warehouse generation."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
from litestar.datastructures import State

from ingest.warehouse import GenerationPool
from service.errors import NoGenerationError

__all__ = ("provide_db",)


def provide_db(state: State) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the generation current when the request started; closed after the response."""
    pool: GenerationPool = state.generations
    if pool.current_name is None:
        raise NoGenerationError("No warehouse generation has been published in the data dir yet.")
    with pool.cursor() as (_, cursor):
        yield cursor
