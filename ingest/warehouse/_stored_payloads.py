"""Payloads accepted by earlier imports, read back from the raw archive.

A parser sometimes needs a second file its payload does not carry (a LiveBench table needs its
release's category map). When that file is not beside the payload, the one archived by an
earlier import (``raw_payload`` + ``raw/<aa>/<sha256>``) is the next place to look.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from ingest.records import StoredPayload

__all__ = ("ArchivedPayloads",)

_ACCEPTED = """
SELECT sha256, origin, retrieved_at
FROM raw_payload
WHERE format = ? AND status = 'accepted'
ORDER BY retrieved_at, first_seen_at, sha256
"""


class ArchivedPayloads:
    """The warehouse's accepted payloads of one format, by origin (a ``PayloadArchive``)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
        self.connection = connection
        self.data_dir = data_dir

    def accepted_payloads(self, format_name: str, origin: re.Pattern[str]) -> list[StoredPayload]:
        """Payloads read by ``format_name`` whose origin matches ``origin``, oldest retrieval first.

        A payload whose bytes are no longer in the archive (a data dir copied without ``raw/``)
        is left out.
        """
        found = []
        for sha, origin_text, retrieved_at in self.connection.execute(_ACCEPTED, [format_name]).fetchall():
            if origin.search(str(origin_text)) is None:
                continue
            path = self.data_dir / "raw" / sha[:2] / sha
            if path.is_file():
                content = path.read_bytes()
                found.append(StoredPayload(origin=origin_text, content=content, retrieved_at=retrieved_at))
        return found
