"""LMArena's text Elo history as one wide CSV (``nakasyou/lmarena-history``, ``output/result.csv``).

Built from the official ``elo_results_YYYYMMDD.pkl`` files (2023-05-08 … 2025-02-27): one row per
pickle date (first cell ``20230508``), one column per internal model key (first header cell empty),
each cell the model's text "overall" Elo as a float, ``0.0`` meaning "not on the board that day".
Scores only: no interval, votes or rank. The values are the raw (not style-controlled) ratings: on
the 13 dates shared with the legacy CSV (``lmsys_*.csv``, 2024-07-31 … 2025-02-17) 93% of 1,548
models agree with its ``arena_score`` to within rounding (mean gap 0.26, largest 3.2).
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import UTC, date, datetime

import httpx

from ingest.dates import date_from_groups
from ingest.errors import FetchError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources._payload import FormatErrors, decode_text
from ingest.sources.lmarena._boards import LMARENA, RAW, lmarena_board

__all__ = (
    "FORMAT",
    "FORMATS",
    "RESULT_CSV_URL",
    "fetch",
    "parse",
    "sniff",
)

FORMAT_NAME = "lmarena-wide-elo-csv"
RESULT_CSV_URL = "https://raw.githubusercontent.com/nakasyou/lmarena-history/main/output/result.csv"
"""The live file (the repository regenerates it from the official pickles)."""

_BOARD = lmarena_board("text", "overall", RAW)
_DATE_CELL = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SECOND_LINE = re.compile(rb"^\d{8},")
_ABSENT = 0.0


def sniff(origin: str, head: bytes) -> bool:
    """Header starting with an empty cell, then a row whose first cell is an 8-digit date."""
    header, _, rest = head.removeprefix(b"\xef\xbb\xbf").partition(b"\n")
    return header.startswith(b",") and header.count(b",") > 1 and _SECOND_LINE.match(rest) is not None


_error = FormatErrors(FORMAT_NAME)
"""The ``ParseError``s of this format."""


def _published_at(raw: RawPayload, cell: str, line: int) -> date:
    published_at = date_from_groups(_DATE_CELL.match(cell))
    if published_at is None:
        raise _error(raw, f"line {line}, column 1", f"{cell!r} is not a date like 20230508")
    return published_at


def _score(raw: RawPayload, cell: str, line: int, model: str) -> float:
    try:
        score = float(cell)
    except ValueError:
        raise _error(raw, f"line {line}, column {model}", f"{cell!r} is not a number") from None
    if not math.isfinite(score):
        raise _error(raw, f"line {line}, column {model}", f"{cell!r} is not a finite number")
    return score


def _header(raw: RawPayload, header: list[str]) -> list[str]:
    if not header or header[0] != "":
        raise _error(raw, "line 1, column 1", "the first header cell should be empty (it heads the dates)")
    models = header[1:]
    for position, model in enumerate(models, start=2):
        if not model.strip():
            raise _error(raw, f"line 1, column {position}", "empty model key")
    if len(set(models)) != len(models):
        twice = sorted({model for model in models if models.count(model) > 1})
        raise _error(raw, "line 1", f"model keys appear twice: {', '.join(twice)}")
    return models


def parse(raw: RawPayload) -> list[Snapshot]:
    """One score-only snapshot of the raw text board per date row; ``0.0`` cells are skipped."""
    text = decode_text(raw, source=FORMAT_NAME, expected="the wide Elo CSV")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        models = _header(raw, next(reader))
        snapshots: list[Snapshot] = []
        seen: set[date] = set()
        for row in reader:
            line = reader.line_num
            if not row:
                continue
            if len(row) != len(models) + 1:
                raise _error(raw, f"line {line}", f"{len(row)} cells, but the header has {len(models) + 1}")
            published_at = _published_at(raw, row[0], line)
            if published_at in seen:
                raise _error(raw, f"line {line}, column 1", f"date {row[0]} appears twice")
            seen.add(published_at)
            entries = tuple(
                Entry(model_name=model, score=score)
                for model, cell in zip(models, row[1:], strict=True)
                if (score := _score(raw, cell, line, model)) != _ABSENT
            )
            if entries:  # a date with no model on the board says nothing
                snapshots.append(Snapshot(board=_BOARD, published_at=published_at, entries=entries))
    except csv.Error as exc:
        raise _error(raw, f"line {reader.line_num}", f"malformed CSV: {exc}") from None
    return snapshots


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """The current ``result.csv`` from GitHub."""
    try:
        response = client.get(RESULT_CSV_URL, follow_redirects=True)
    except httpx.HTTPError as exc:
        raise FetchError(f"{RESULT_CSV_URL}: {exc}") from exc
    if response.status_code != httpx.codes.OK:
        raise FetchError(f"{RESULT_CSV_URL}: HTTP {response.status_code} (has the repository moved?)")
    return [RawPayload(origin=RESULT_CSV_URL, content=response.content, retrieved_at=datetime.now(UTC))]


FORMAT = SourceFormat(
    name=FORMAT_NAME,
    source=LMARENA,
    description="LMArena text Elo per official pickle date, wide CSV (nakasyou/lmarena-history), 2023-2025",
    precedence=60,
    sniff=sniff,
    parse=parse,
    fetch=fetch,
)
"""The wide CSV format."""

FORMATS: tuple[SourceFormat, ...] = (FORMAT,)
"""Every format of this module (the one above)."""
