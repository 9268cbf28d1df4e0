"""Registry of the upstream formats rankledger can read.

One package per source (``lmarena/``, ``livebench/``...), each exporting ``FORMATS``; the helpers
several sources share are the private modules beside them. To add a format: write a module in its
source's package with private upstream shapes, a pure ``parse``, a ``sniff`` and (for live sources)
a ``fetch(client, *, settings=None)`` (``FetchSettings``: the data dir for a cache, the keys); add
it to the package's ``FORMATS`` (a new source: a package, listed below, and an entry in
``seeds/sources.toml``); add a real fixture and a test module in the mirrored folder under
``tests/ingest/sources/`` (``test_contract.py`` checks every format against the rules all share).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ingest.errors import IngestError
from ingest.records import RawPayload
from ingest.sources import aider, artificial_analysis, livebench, lmarena, open_llm_leaderboard, swebench
from ingest.sources._detect import detect, with_archive_hints
from ingest.sources._format import FetchSettings, SourceFormat

__all__ = (
    "FORMATS",
    "FetchSettings",
    "SourceFormat",
    "detect_format",
    "detect_payload_format",
    "get_format",
    "sources_with_fetch",
    "with_archive_hints",
)

FORMATS: tuple[SourceFormat, ...] = (
    *lmarena.FORMATS,
    *artificial_analysis.FORMATS,
    *swebench.FORMATS,
    *open_llm_leaderboard.FORMATS,
    *livebench.FORMATS,
    *aider.FORMATS,
)
"""Every known format, in sniffing order (most specific first)."""


def get_format(name: str) -> SourceFormat:
    """The format called ``name``; raises ``UnknownFormatError`` listing the known ones."""
    for source_format in FORMATS:
        if source_format.name == name:
            return source_format
    known = ", ".join(f.name for f in FORMATS)
    raise IngestError(f"unknown format {name!r}; known formats: {known}")


def detect_format(origin: str, content: bytes) -> SourceFormat:
    """The first format whose sniffer recognises the payload (a short error when none does)."""
    raw = RawPayload(origin=origin, content=content, retrieved_at=datetime.now(UTC))
    return detect(FORMATS, raw, explain=False)


def detect_payload_format(raw: RawPayload, *, explain: bool = True) -> SourceFormat:
    """The first format whose sniffer recognises the payload.

    When none does, the ``UnknownFormatError`` says what each candidate format (of the same
    kind of file) finds wrong with it, as ``--format`` would; ``explain=False`` spares that work
    (a file met in a folder is skipped, not rejected).
    """
    return detect(FORMATS, raw, explain=explain)


def sources_with_fetch(name: str) -> list[SourceFormat]:
    """The live formats of a source (``lmarena``) or the one format so named."""
    chosen = [f for f in FORMATS if f.fetch is not None and name in (f.source, f.name)]
    if not chosen:
        live = sorted(
            {f.source for f in FORMATS if f.fetch is not None} | {f.name for f in FORMATS if f.fetch}
        )
        raise IngestError(f"no live source or format called {name!r}; live ones: {', '.join(live)}")
    return chosen
