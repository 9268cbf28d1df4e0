"""Whether the warehouse holds data that no published generation has.

A generation is a byte copy of the warehouse, so it answers the same question about itself:
its *publish state* is the schema version, everything in ``warehouse_meta`` (``data_version``,
bumped by every load that adds snapshots; the registry and claims fingerprints) and a digest of
the source metadata. The warehouse needs publishing whenever its state differs from the state
of the generation ``CURRENT`` names, whatever happened in between (a writer killed after its
load, a code upgrade that added a migration, an edited ``seeds/``). ``warehouse_meta`` is for
content fingerprints only: a key that changed on every run would republish on every run.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb

__all__ = ("holds_unpublished", "publish_state")

PublishState = tuple[object, ...]

_STATE_SQL = """
SELECT
    (SELECT max(version) FROM schema_migration),
    (SELECT list(key || '=' || value ORDER BY key) FROM warehouse_meta),
    (SELECT md5(coalesce(string_agg(
        concat_ws('|', source_id, name, homepage, licence, citation, description, retired),
        chr(10) ORDER BY source_id), '')) FROM source)
"""


def publish_state(connection: duckdb.DuckDBPyConnection) -> PublishState:
    """The publish state of the database behind ``connection`` (warehouse or generation)."""
    row = connection.execute(_STATE_SQL).fetchone()
    assert row is not None
    return tuple(row)


@lru_cache(maxsize=8)
def _generation_state(generation: Path) -> PublishState | None:
    """The state of a published generation; ``None`` if it cannot be read (then republish).

    Kept per file: a generation never changes once published, and its name is never reused.
    """
    try:
        with duckdb.connect(str(generation), read_only=True) as connection:
            return publish_state(connection)
    except duckdb.Error:
        return None


def holds_unpublished(connection: duckdb.DuckDBPyConnection, generation: Path | None) -> bool:
    """The warehouse differs from ``generation`` (or holds snapshots and nothing is published)."""
    if generation is None:
        row = connection.execute("SELECT count(*) FROM snapshot").fetchone()
        return row is not None and row[0] > 0
    return _generation_state(generation) != publish_state(connection)
