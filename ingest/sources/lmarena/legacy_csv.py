"""The legacy Chatbot Arena leaderboard as CSV (``fboulnois/llm-leaderboard-csv``, 2024-06 … 2025-08).

Three header eras (see ``_ERAS``). Two producers, told apart by the file name:

* ``lmsys*.csv`` (2024-06-19 … 2025-07-18) is the table the HF Space displayed: ``rank`` is
  LMArena's upper-bound rank (ties), computed upstream from unrounded intervals; score and CI are
  rounded; ``rank_stylectrl`` is the model's rank on the style-controlled board.
* ``lmarena_{text,vision,image}*.csv`` (2025-07-27 …) were rebuilt from the Space's pickles:
  ``rank`` is only the row number, the column named ``rank_stylectrl`` holds the pickle's
  ``final_ranking`` (the upper-bound rank of this same, not style-controlled, board), and score
  and CI are truncated (``int()``), not rounded.

Every score here is the non-style-controlled rating, so every board is the ``raw`` variant. The
file carries no date: ``published_at`` is the upstream version (``elo_results_YYYYMMDD``) passed
in as ``published_hint``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import httpx

from ingest.errors import ParseError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources._csv_headers import closest_header
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources._github_commits import fetch_at_latest_commit
from ingest.sources._payload import FormatErrors, decode_text
from ingest.sources.lmarena._boards import LMARENA, RAW, lmarena_board

__all__ = ("FORMAT", "FORMATS")

_NAME = "lmarena-legacy-csv"
_REPO = "fboulnois/llm-leaderboard-csv"
# The HF Space's own leaderboard_table_YYYYMMDD.csv is a model metadata table (key, Model, MT-bench,
# MMLU, licence, organisation, link) without ratings; the ratings are only in its elo_results
# pickles, which must not be unpickled. This repository is where they exist as CSV; its workflow
# replaced csv/lmsys.csv by these three files in July 2025.
_LIVE_FILES = ("lmarena_text", "lmarena_vision", "lmarena_image")
# Commit subject "auto: update csv outputs to version 2025.08.04" (the elo_results file's date).
_SUBJECT_DATE = re.compile(r"version (\d{4})\.(\d{2})\.(\d{2})")

_TAIL = ("95_pct_ci", "votes", "organization", "license", "knowledge_cutoff", "url")
_ERAS: dict[str, tuple[str, ...]] = {
    "2024-06-19": ("rank", "model", "arena_elo", *_TAIL),
    "2024-07-07": ("rank", "model", "arena_score", *_TAIL),
    "2024-10-16": ("rank", "rank_stylectrl", "model", "arena_score", *_TAIL),
}
# File-name prefix -> (arena, the row's upper-bound rank is in rank_stylectrl).
_PRODUCERS = (
    ("lmsys", "text", False),
    ("lmarena_text", "text", True),
    ("lmarena_vision", "vision", True),
    ("lmarena_image", "text-to-image", True),
)
_INTEGER = re.compile(r"\d+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CI = re.compile(r"\+(\d+(?:\.\d+)?)/-(\d+(?:\.\d+)?)")


class _Row:
    """One CSV row with its line number; cell readers raise ``ParseError`` naming line and column."""

    def __init__(self, raw: RawPayload, line: int, cells: dict[str, str]) -> None:
        self.raw = raw
        self.line = line
        self.cells = cells

    def error(self, column: str, problem: str) -> ParseError:
        return _error(self.raw, f"line {self.line}, column {column}", problem)

    def text(self, column: str) -> str | None:
        value = self.cells[column].strip()
        return value or None

    def integer(self, column: str) -> int:
        value = self.cells[column].strip()
        if not _INTEGER.fullmatch(value):
            raise self.error(column, f"expected a whole number, got {value!r}")
        return int(value)

    def number(self, column: str) -> float:
        value = self.cells[column].strip()
        if not _NUMBER.fullmatch(value):
            raise self.error(column, f"expected a number, got {value!r}")
        return float(value)

    def interval(self, column: str) -> tuple[float, float]:
        value = self.cells[column].strip()
        match = _CI.fullmatch(value)
        if match is None:
            raise self.error(column, f"expected +x/-y, got {value!r}")
        return float(match[1]), float(match[2])


_error = FormatErrors(_NAME)
"""The ``ParseError``s of this format."""


def _producer(raw: RawPayload) -> tuple[str, bool]:
    # The manifest's source_path (csv/lmsys.csv) is the upstream name; the origin may be a dated copy.
    for text in (raw.hints.get("source_path", ""), raw.origin):
        name = re.split(r"[\\/]", text.strip())[-1].lower()
        for prefix, arena, rank_in_stylectrl in _PRODUCERS:
            if name.startswith(prefix):
                return arena, rank_in_stylectrl
    raise _error(
        raw,
        "file name",
        "cannot tell the arena: the CSV does not say; name the file lmsys*.csv (text) or "
        "lmarena_text*.csv / lmarena_vision*.csv / lmarena_image*.csv, or pass hints source_path",
    )


def _check_header(raw: RawPayload, header: list[str]) -> tuple[str, ...]:
    columns = tuple(cell.strip() for cell in header)
    if columns in _ERAS.values():
        return columns
    eras = "; ".join(f"{era}: {','.join(cols)}" for era, cols in _ERAS.items())
    raise _error(raw, "line 1", f"unknown header ({closest_header(_ERAS, columns)}); known headers: {eras}")


def _read_rows(raw: RawPayload) -> tuple[tuple[str, ...], list[_Row]]:
    text = decode_text(raw, source=_NAME, expected="a leaderboard CSV", saved_as=".csv")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[_Row] = []
    columns: tuple[str, ...] = ()
    line = 1
    try:
        for cells in reader:
            if not columns:
                columns = _check_header(raw, cells)
            elif cells:  # a blank line is no row
                if len(cells) != len(columns):
                    raise _error(
                        raw,
                        f"line {line}",
                        f"expected {len(columns)} cells ({','.join(columns)}), got {len(cells)}; "
                        "the file may be truncated",
                    )
                rows.append(_Row(raw, line, dict(zip(columns, cells, strict=True))))
            line = reader.line_num + 1
    except csv.Error as error:
        raise _error(raw, f"line {line}", f"malformed CSV ({error}); the file may be truncated") from error
    if not rows:
        raise _error(raw, "line 2", "the header is there but no model rows follow")
    return columns, rows


def _entry(row: _Row, rank_in_stylectrl: bool) -> Entry:
    score = row.number("arena_elo" if "arena_elo" in row.cells else "arena_score")
    plus, minus = row.interval("95_pct_ci")
    model = row.text("model")
    if model is None:
        raise row.error("model", "empty model name")
    extra: dict[str, Any] = {}
    if "rank_stylectrl" in row.cells:
        # In the pickle-built files `rank` is the row number and this board's UB rank is the
        # column named rank_stylectrl; elsewhere that column is the style-controlled board's rank.
        if rank_in_stylectrl:
            rank = row.integer("rank_stylectrl")
        else:
            rank = row.integer("rank")
            extra["rank_stylectrl"] = row.integer("rank_stylectrl")
    else:
        rank = row.integer("rank")
    for column in ("knowledge_cutoff", "url"):
        if (value := row.text(column)) is not None:
            extra[column] = value
    return Entry(
        model_name=model,
        rank=rank,
        score=score,
        ci_lower=score - minus,
        ci_upper=score + plus,
        votes=row.integer("votes"),
        organization=row.text("organization"),
        license=row.text("license"),
        extra=extra,
    )


def parse(raw: RawPayload) -> list[Snapshot]:
    """The one board the CSV holds (category overall, variant raw); ``ParseError`` on bad input."""
    arena, rank_in_stylectrl = _producer(raw)
    columns, rows = _read_rows(raw)
    if raw.published_hint is None:
        raise _error(
            raw,
            "published date",
            "the CSV carries no date; supply it as published_hint: the manifest's upstream_version "
            "(e.g. 2025.07.27) or a date in the file name (lmsys_2024-06-19.csv)",
        )
    entries: list[Entry] = []
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        entry = _entry(row, rank_in_stylectrl)
        # The pickle-built files repeat a row when their metadata table lists a model key twice
        # (Yi-34B-Chat from 2025-07-27): the same cells apart from the row number are one entry.
        identity = tuple(row.cells[c] for c in columns if c != "rank")
        if identity in seen:
            continue
        seen.add(identity)
        entries.append(entry)
    return [
        Snapshot(
            board=lmarena_board(arena, "overall", RAW),
            published_at=raw.published_hint,
            entries=tuple(entries),
        )
    ]


def sniff(origin: str, head: bytes) -> bool:
    """The first line is one of the three known headers."""
    first_line = head.split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf").strip()
    return tuple(first_line.decode("utf-8", "replace").split(",")) in _ERAS.values()


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """The current CSVs of ``fboulnois/llm-leaderboard-csv``, dated by the version in the commit subject."""
    return [
        fetch_at_latest_commit(client, _REPO, f"csv/{stem}.csv", subject_date=_SUBJECT_DATE)
        for stem in _LIVE_FILES
    ]


FORMAT = SourceFormat(
    name=_NAME,
    source=LMARENA,
    description="Legacy Chatbot Arena leaderboard CSV, 2024-06 … 2025-08 (fboulnois/llm-leaderboard-csv)",
    precedence=30,
    sniff=sniff,
    parse=parse,
    fetch=fetch,
)
"""The ``lmarena-legacy-csv`` format."""

FORMATS: tuple[SourceFormat, ...] = (FORMAT,)
"""Every format of this module (the one above)."""
