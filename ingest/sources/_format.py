"""What a source format is: how to recognise it, fetch it live and parse it."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx

from ingest.records import RawPayload, Snapshot, StoredPayload

__all__ = ("FetchSettings", "Fetcher", "PayloadArchive", "SourceFormat")

Sniffer = Callable[[str, bytes], bool]
Parser = Callable[[RawPayload], list[Snapshot]]
ArchiveHints = Callable[[Path], dict[str, str]]


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    """What a live fetch may need besides its HTTP client: where its cache goes, and its keys."""

    data_dir: Path
    """The data dir; a source that caches answers between runs keeps them under its ``cache/``."""
    credentials: Mapping[str, str]
    """Keys by the environment variable that names them (``SourceFormat.credential_env``)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> FetchSettings:
        """Both from the environment: ``RANKLEDGER_DATA_DIR`` (default ``./data``) and the keys."""
        env = os.environ if environ is None else environ
        return cls(data_dir=Path(env.get("RANKLEDGER_DATA_DIR", "data")), credentials=env)


class Fetcher(Protocol):
    """A format's live fetch over an injected client."""

    def __call__(self, client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
        """The payloads upstream serves now; ``settings`` (default: from the environment) for the
        fetches that need a key or keep a cache."""
        ...


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
