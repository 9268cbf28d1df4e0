"""What a source format is: how to recognise it, fetch it live and parse it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx

from ingest.records import RawPayload, Snapshot, StoredPayload

__all__ = ("PayloadArchive", "SourceFormat")

Sniffer = Callable[[str, bytes], bool]
Parser = Callable[[RawPayload], list[Snapshot]]
Fetcher = Callable[[httpx.Client], list[RawPayload]]
ArchiveHints = Callable[[Path], dict[str, str]]


class PayloadArchive(Protocol):
    """The payloads earlier imports archived and accepted (the warehouse's ``raw_payload``)."""

    def accepted_payloads(self, format_name: str, origin: re.Pattern[str]) -> list[StoredPayload]:
        """Payloads read by ``format_name`` whose origin matches ``origin`` (``re.search``), oldest
        retrieval first."""
        ...


StoredHints = Callable[[RawPayload, PayloadArchive], dict[str, str]]


@dataclass(frozen=True, kw_only=True)
class SourceFormat:
    """One upstream format of one source: a pure parser, a sniffer and an optional live fetch."""

    name: str
    """Format id used by ``--format`` and stored as the snapshot's parser, e.g. ``lmarena-legacy-csv``."""
    source: str
    """Source id the boards belong to, e.g. ``lmarena``."""
    description: str
    """One line for ``rankledger sources``."""
    precedence: int
    """When two formats cover the same board and date, the lower precedence is served."""
    sniff: Sniffer
    """``sniff(origin, head)`` is true when the first bytes (and the name) look like this format."""
    parse: Parser
    """Pure: payload in, snapshots out; raises ``ParseError`` naming the place that is wrong."""
    fetch: Fetcher | None = None
    """Live fetch over HTTP with an injected client; ``None`` for archive-only formats."""
    credential_env: str | None = None
    """Environment variable holding a key the live fetch cannot do without; ``ingest --all``
    skips the format while it is unset."""
    archive_hints: ArchiveHints | None = None
    """For archived files: facts that live beside the file rather than in it (e.g. a folder's
    index saying a board was carried over); merged under the payload's own hints (its manifest row,
    the command line) before parsing."""
    stored_hints: StoredHints | None = None
    """Facts found among the payloads already archived in the warehouse, for what is neither in
    the payload nor beside it (e.g. a LiveBench table's category map, imported earlier); merged
    under the payload's own hints before parsing."""
