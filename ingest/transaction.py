"""One DuckDB transaction around a block of writes: committed on a normal exit, else rolled back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

__all__ = ("transaction",)


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """``with transaction(connection):`` the statements inside commit together or not at all.

    Any exit but a normal one rolls back, Ctrl-C and SIGTERM too, so a write is never left half
    applied (the writer, identities, migrations, claims and change events all write this way).
    """
    connection.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
