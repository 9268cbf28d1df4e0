"""The Open LLM Leaderboard v2 as CSV (``fboulnois/llm-leaderboard-csv``, ``csv/huggingface_v2.csv``).

Two headers: 33 columns (2024-07) and 36 (2024-12 adds ``generation``, ``base_model`` and
``co_cost_kg``). ``model`` holds the plain repo id (the producer took the link text of the
leaderboard's HTML cell) and always equals ``fullname``. Booleans are R's ``TRUE`` / ``FALSE``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ingest.errors import ParseError
from ingest.records import RawPayload
from ingest.sources._csv_headers import closest_header
from ingest.sources._payload import FormatErrors, decode_text
from ingest.sources.open_llm_leaderboard._rows import BENCHMARKS, FACTS, OpenLlmRow

__all__ = ("HEADERS", "read_csv_rows")

_SCORES = tuple(c for b in BENCHMARKS for c in (b.csv_column, b.csv_raw_column) if c is not None)
_DESCRIPTION = ("type", "architecture", "weight_type", "precision", "not_merged", "hub_license", "params_b")
_HUB = ("hub_hearts", "available_on_the_hub", "model_sha", "flagged", "moe", "submission_date")
_TAIL = ("upload_to_hub_date", "chat_template", "maintainers_highlight", "fullname")
HEADERS: dict[str, tuple[str, ...]] = {
    "2024-07": ("t", "model", *_SCORES, *_DESCRIPTION, *_HUB, *_TAIL, "url"),
    "2024-12": (
        "t",
        "model",
        *_SCORES,
        *_DESCRIPTION,
        *_HUB,
        *_TAIL,
        "generation",
        "base_model",
        "co_cost_kg",
        "url",
    ),
}
"""The known headers, by the month they first appear."""

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_INTEGER = re.compile(r"\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FLAGS = {"TRUE": True, "FALSE": False}


class _Cells:
    """One CSV row with its line number; readers raise ``ParseError`` naming line and column."""

    def __init__(self, source: str, raw: RawPayload, line: int, cells: dict[str, str]) -> None:
        self.source, self.raw, self.line, self.cells = source, raw, line, cells

    def error(self, column: str, problem: str) -> ParseError:
        return ParseError(
            source=self.source,
            origin=self.raw.origin,
            location=f"line {self.line}, column {column}",
            problem=problem,
        )

    def text(self, column: str) -> str | None:
        return self.cells[column].strip() or None

    def number(self, column: str) -> float:
        value = self.cells[column].strip()
        if not _NUMBER.fullmatch(value):
            raise self.error(column, f"expected a number, got {value!r}")
        return float(value)

    def value(self, column: str, kind: str) -> Any:
        """The cell typed by ``kind``; an empty optional cell is ``None``."""
        value = self.cells[column].strip()
        if not value:
            return None
        if kind == "number":
            return self.number(column)
        if kind == "integer":
            if not _INTEGER.fullmatch(value):
                raise self.error(column, f"expected a whole number, got {value!r}")
            return int(value)
        if kind == "flag":
            return self.flag(column)
        if kind == "date" and not _DATE.fullmatch(value):
            raise self.error(column, f"expected a date like 2024-06-26, got {value!r}")
        return value

    def flag(self, column: str) -> bool:
        value = self.cells[column].strip()
        if value not in _FLAGS:
            raise self.error(column, f"expected TRUE or FALSE, got {value!r}")
        return _FLAGS[value]


def _row(cells: _Cells) -> OpenLlmRow:
    name = cells.text("fullname") or cells.text("model")
    if name is None:
        raise cells.error("fullname", "no model name (fullname and model are empty)")
    scores = {b.category: cells.number(b.csv_column) for b in BENCHMARKS}
    raw_scores = {b.category: cells.number(b.csv_raw_column) for b in BENCHMARKS if b.csv_raw_column}
    facts = {f.key: cells.value(f.csv_column, f.kind) for f in FACTS if f.csv_column in cells.cells}
    # The leaderboard app stored these three negated (`not_flagged`, `not is_moe`, `not merged`):
    # every row says flagged=TRUE, and Mixtral/Phi-3.5-MoE/Qwen2-57B-A14B are the few moe=FALSE.
    facts |= {
        "merged": not cells.flag("not_merged"),
        "moe": not cells.flag("moe"),
        "flagged": not cells.flag("flagged"),
    }
    return OpenLlmRow(
        model_name=name,
        scores=scores,
        raw_scores=raw_scores,
        license=cells.text("hub_license"),
        facts={key: value for key, value in facts.items() if value is not None},
    )


def _check_header(source: str, raw: RawPayload, header: list[str]) -> tuple[str, ...]:
    columns = tuple(cell.strip() for cell in header)
    if columns in HEADERS.values():
        return columns
    problem = f"unknown header ({closest_header(HEADERS, columns)})"
    raise ParseError(source=source, origin=raw.origin, location="line 1", problem=problem)


def read_csv_rows(source: str, raw: RawPayload) -> list[OpenLlmRow]:
    """Every model row of the CSV, typed; ``ParseError`` naming line and column on bad input."""

    error = FormatErrors(source).of(raw)
    text = decode_text(raw, source=source, expected="a leaderboard CSV", saved_as=".csv")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[OpenLlmRow] = []
    columns: tuple[str, ...] = ()
    line = 1
    try:
        for cells in reader:
            if not columns:
                columns = _check_header(source, raw, cells)
            elif cells:
                if len(cells) != len(columns):
                    raise error(
                        f"line {line}",
                        f"expected {len(columns)} cells, got {len(cells)}; the file may be truncated",
                    )
                rows.append(_row(_Cells(source, raw, line, dict(zip(columns, cells, strict=True)))))
            line = reader.line_num + 1
    except csv.Error as csv_error:
        raise error(f"line {line}", f"malformed CSV ({csv_error}); the file may be truncated") from csv_error
    if not rows:
        raise error("line 2", "the header is there but no model rows follow")
    return rows
