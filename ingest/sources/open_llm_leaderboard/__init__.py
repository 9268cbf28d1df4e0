"""The Open LLM Leaderboard v2 (Hugging Face, June 2024 - retired 2025).

Seven boards, ``open-llm-leaderboard.v2.<benchmark>.default``: ``average`` and the six benchmarks
(``ifeval``, ``bbh``, ``math_lvl_5``, ``gpqa``, ``musr``, ``mmlu_pro``), normalised scores in
percent (raw scores in ``extra``, see ``_rows``). Two formats of the same table:

* ``open-llm-leaderboard-csv``: fboulnois/llm-leaderboard-csv's ``csv/huggingface_v2.csv``
  (versions 2024.07.15 and 2024.12.02), archive only: the producer stopped with the leaderboard.
* ``open-llm-leaderboard-parquet``: the leaderboard's own dataset ``open-llm-leaderboard/contents``,
  which the live fetch downloads (frozen since retirement).

Neither file carries a date: ``published_at`` is the upstream version (the manifest's
``upstream_version``) or, live, the day of the dataset's last commit.
"""

from __future__ import annotations

from datetime import date

from ingest.errors import ParseError
from ingest.records import RawPayload, Snapshot
from ingest.sources._format import SourceFormat
from ingest.sources.open_llm_leaderboard._csv import HEADERS, read_csv_rows
from ingest.sources.open_llm_leaderboard._parquet import (
    DATASET_FILE,
    PARQUET_MAGIC,
    fetch_contents_parquet,
    read_dataset_rows,
)
from ingest.sources.open_llm_leaderboard._rows import OPEN_LLM_LEADERBOARD, snapshots_from_rows

__all__ = ("CSV_FORMAT", "FORMATS", "PARQUET_FORMAT")

_CSV_NAME = "open-llm-leaderboard-csv"
_PARQUET_NAME = "open-llm-leaderboard-parquet"


def _published_at(source: str, raw: RawPayload) -> date:
    if raw.published_hint is None:
        raise ParseError(
            source=source,
            origin=raw.origin,
            location="published date",
            problem="the file carries no date; supply it as published_hint: the manifest's "
            "upstream_version (e.g. 2024.12.02), a date in the file name, or fetch live",
        )
    return raw.published_hint


def parse_csv(raw: RawPayload) -> list[Snapshot]:
    """The seven boards of one CSV version; ``ParseError`` naming line and column on bad input."""
    rows = read_csv_rows(_CSV_NAME, raw)
    return snapshots_from_rows(rows, _published_at(_CSV_NAME, raw))


def parse_parquet(raw: RawPayload) -> list[Snapshot]:
    """The seven boards of the dataset's Parquet file; ``ParseError`` naming row and column."""
    rows = read_dataset_rows(_PARQUET_NAME, raw)
    return snapshots_from_rows(rows, _published_at(_PARQUET_NAME, raw))


def sniff_csv(origin: str, head: bytes) -> bool:
    """The first line is one of the two known headers."""
    first_line = head.split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf").strip()
    return tuple(first_line.decode("utf-8", "replace").split(",")) in HEADERS.values()


def sniff_parquet(origin: str, head: bytes) -> bool:
    """Parquet magic plus the dataset's file name under an Open LLM Leaderboard path.

    Parquet keeps its column names in the footer, out of reach of the head, so the name decides.
    """
    return head.startswith(PARQUET_MAGIC) and DATASET_FILE.search(origin.replace("\\", "/")) is not None


CSV_FORMAT = SourceFormat(
    name=_CSV_NAME,
    source=OPEN_LLM_LEADERBOARD,
    description="Open LLM Leaderboard v2 as CSV, 2024-07 and 2024-12 (fboulnois/llm-leaderboard-csv)",
    precedence=10,
    sniff=sniff_csv,
    parse=parse_csv,
)
"""The ``open-llm-leaderboard-csv`` format (archive only)."""

PARQUET_FORMAT = SourceFormat(
    name=_PARQUET_NAME,
    source=OPEN_LLM_LEADERBOARD,
    description="Open LLM Leaderboard v2's own dataset (open-llm-leaderboard/contents Parquet on the Hub)",
    precedence=5,
    sniff=sniff_parquet,
    parse=parse_parquet,
    fetch=fetch_contents_parquet,
)
"""The ``open-llm-leaderboard-parquet`` format: the original table, served before a CSV copy."""

FORMATS: tuple[SourceFormat, ...] = (PARQUET_FORMAT, CSV_FORMAT)
"""The leaderboard's formats, best first."""
