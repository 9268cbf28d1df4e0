"""Registry of the upstream formats rankledger can read.

To add a format: write ``ingest/sources/<format>.py`` with private upstream shapes, a pure
``parse``, a ``sniff`` and (for live sources) a ``fetch``; expose ``FORMAT``; list it below;
add a real fixture and a test under ``tests/ingest/sources/``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ingest.errors import IngestError
from ingest.records import RawPayload
from ingest.sources._detect import detect, with_archive_hints
from ingest.sources._format import SourceFormat
from ingest.sources.aider import FORMAT as AIDER_YAML
from ingest.sources.artificial_analysis import FORMATS as ARTIFICIAL_ANALYSIS_FORMATS
from ingest.sources.livebench import FORMATS as LIVEBENCH_FORMATS
from ingest.sources.lmarena_arena_ai import FORMATS as LMARENA_ARENA_AI_FORMATS
from ingest.sources.lmarena_catalog import FORMAT as LMARENA_CATALOG
from ingest.sources.lmarena_cherry_md import FORMAT as LMARENA_CHERRY_MD
from ingest.sources.lmarena_dataset import FORMATS as LMARENA_DATASET_FORMATS
from ingest.sources.lmarena_legacy_csv import FORMAT as LMARENA_LEGACY_CSV
from ingest.sources.lmarena_wide_elo import FORMAT as LMARENA_WIDE_ELO
from ingest.sources.open_llm_leaderboard import FORMATS as OPEN_LLM_LEADERBOARD_FORMATS
from ingest.sources.swebench import FORMATS as SWEBENCH_FORMATS

__all__ = (
    "FORMATS",
    "SourceFormat",
    "detect_format",
    "detect_payload_format",
    "get_format",
    "sources_with_fetch",
    "with_archive_hints",
)

FORMATS: tuple[SourceFormat, ...] = (
    *LMARENA_DATASET_FORMATS,
    LMARENA_CATALOG,
    LMARENA_LEGACY_CSV,
    *LMARENA_ARENA_AI_FORMATS,
    LMARENA_CHERRY_MD,
    LMARENA_WIDE_ELO,
    *ARTIFICIAL_ANALYSIS_FORMATS,
    *SWEBENCH_FORMATS,
    *OPEN_LLM_LEADERBOARD_FORMATS,
    *LIVEBENCH_FORMATS,
    AIDER_YAML,
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
