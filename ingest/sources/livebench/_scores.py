"""LiveBench's per-task table and category map, and the averages its website computes from them.

The website's own code (``LiveBench/livebench.github.io``, ``src/Table/Averaging.js``; the same file
in the 2026 redesign ``LiveBench/new-livebench``, where ``src/lib/compute.js`` reuses it) is mirrored
here exactly:

* ``calculateAverage``: a category's score is the plain mean of its tasks' values, a task without a
  number (empty cell, ``N/A``, missing column) being left out; no value at all gives ``-`` (none).
  The table shows it with ``toFixed(2)``.
* ``getGlobalAverage``: the global score is the mean of the **unrounded** category scores, shown with
  ``toFixed(2)``. A model missing a whole category has no global score: the ``-`` enters the sum and
  the site shows ``NaN`` (``-`` since the redesign). (Only the site's "download" export,
  ``downloadTable.js``, skips missing categories, and it rounds categories first; the leaderboard
  does neither.)
* ``grok-3-thinking`` and ``grok-3`` are hard-coded to a global score of 72 and 58 whatever their
  rows say. Neither name occurs in any table of the archive (only ``grok-3-beta`` does); the rule is
  kept so a row so named scores what the site shows.

Sums run left to right in the map's order, as in JavaScript, so the floats are the same bits;
``toFixed`` rounds the exact binary value half up, which ``Decimal`` reproduces.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import msgspec

from ingest.records import RawPayload
from ingest.sources._payload import FormatErrors, decode_text

__all__ = (
    "FORMAT_NAME",
    "HARD_CODED_GLOBAL",
    "KNOWN_TASKS",
    "TaskRow",
    "category_score",
    "decode_categories",
    "global_score",
    "read_table",
    "to_fixed_2",
)

FORMAT_NAME = "livebench-csv"

HARD_CODED_GLOBAL = {"grok-3-thinking": 72.0, "grok-3": 58.0}
"""``getGlobalAverage``'s two literal global scores."""

KNOWN_TASKS = frozenset(
    {
        "AMPS_Hard", "LCB_generation", "code_completion", "code_generation", "coding_completion",
        "connections", "consecutive_events", "cta", "integrals_with_game", "javascript",
        "logic_with_navigation", "math_comp", "olympiad", "paraphrase", "plot_unscrambling", "python",
        "simplify", "spatial", "story_generation", "summarize", "tablejoin", "tablereformat",
        "theory_of_mind", "typescript", "typos", "web_of_lies_v2", "web_of_lies_v3", "zebra_puzzle",
    }
)  # fmt: skip
"""Every task column of the 2024-06 … 2026-01 releases; the sniffer looks for them."""

# Cells the site reads as "no value" (parseFloat gives NaN); gpt-5-pro's row of 2025-10-06 is N/A.
_MISSING = frozenset({"", "N/A", "NaN", "-"})
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
_map_decoder = msgspec.json.Decoder(dict[str, msgspec.Raw])
_tasks_decoder = msgspec.json.Decoder(list[str])


class TaskRow(msgspec.Struct, frozen=True, kw_only=True):
    """One model's row: its task values (``None`` where the table has none) and its line."""

    model: str
    line: int
    tasks: dict[str, float | None]


_error = FormatErrors(FORMAT_NAME)
"""The ``ParseError``s of this format."""


def _value(raw: RawPayload, line: int, column: str, cell: str) -> float | None:
    cell = cell.strip()
    if cell in _MISSING:
        return None
    if not _NUMBER.fullmatch(cell):
        raise _error(raw, f"line {line}, column {column}", f"expected a score or N/A, got {cell!r}")
    value = float(cell)
    if not 0.0 <= value <= 100.0:
        raise _error(raw, f"line {line}, column {column}", f"expected a score from 0 to 100, got {cell}")
    return value


def read_table(raw: RawPayload) -> tuple[tuple[str, ...], list[TaskRow]]:
    """The task columns and the model rows of ``table_<release>.csv``.

    Like the site (PapaParse, ``header: true``), a row shorter than the header leaves its last tasks
    without a value (``nemotron-3-super-120b-a12b`` in 2026-01-08 has 21 of 24 cells) and blank lines
    are skipped; a short *last* row in a file without a final newline is taken for a cut-off file.
    """
    text = decode_text(raw, source=FORMAT_NAME, expected="a LiveBench table", saved_as=".csv")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: tuple[str, ...] = ()
    rows: list[TaskRow] = []
    short_row_at = 0
    line = 1
    try:
        for cells in reader:
            if not header:
                header = tuple(cell.strip() for cell in cells)
                if not header or header[0] != "model":
                    raise _error(raw, "line 1", f"expected a header starting with `model`, got {cells[:3]}")
                if len(set(header)) != len(header):
                    raise _error(raw, "line 1", "a column name occurs twice in the header")
            elif any(cell.strip() for cell in cells):
                if len(cells) > len(header):
                    raise _error(raw, f"line {line}", f"{len(cells)} cells for {len(header)} columns")
                short_row_at = line if len(cells) < len(header) else 0
                model = cells[0].strip()
                if not model:
                    raise _error(raw, f"line {line}, column model", "empty model name")
                values = {
                    column: _value(raw, line, column, cell)
                    for column, cell in zip(header[1:], cells[1:], strict=False)
                }
                rows.append(TaskRow(model=model, line=line, tasks=values))
            line = reader.line_num + 1
    except csv.Error as error:
        raise _error(raw, f"line {line}", f"malformed CSV ({error}); the file may be truncated") from error
    if short_row_at and short_row_at == rows[-1].line and not text.endswith("\n"):
        raise _error(raw, f"line {short_row_at}", "the last row is cut short: the file is truncated")
    if not rows:
        raise _error(raw, "line 2", "the header is there but no model rows follow")
    return header[1:], rows


def decode_categories(text: str, origin: str) -> dict[str, list[str]]:
    """``categories_<release>.json``: category -> its task columns, in the site's order."""

    error = _error.of(origin)
    try:
        raw_categories = _map_decoder.decode(text)
    except msgspec.DecodeError as exc:
        raise error("$", f"not a LiveBench category map ({{category: [task, ...]}}): {exc}") from exc
    if not raw_categories:
        raise error("$", "the category map is empty")
    categories: dict[str, list[str]] = {}
    for name, tasks in raw_categories.items():
        try:
            categories[name] = _tasks_decoder.decode(tasks)
        except msgspec.DecodeError as exc:
            # msgspec's path starts at the list; put the category in front of it.
            message = str(exc).replace("`$", f"`$[{name!r}]")
            raise error(f"$[{name!r}]", f"expected a list of task names: {message}") from exc
        if not categories[name]:
            raise error(f"$[{name!r}]", "a category without tasks")
    return categories


def _js_sum(values: list[float]) -> float:
    # Plain left-to-right addition like JavaScript's reduce; sum() compensates rounding since 3.12.
    total = 0.0
    for value in values:
        total += value
    return total


def category_score(row: TaskRow, tasks: list[str]) -> float | None:
    """``calculateAverage``: the unrounded mean of the category's task values that exist."""
    values = [v for task in tasks if (v := row.tasks.get(task)) is not None]
    return _js_sum(values) / len(values) if values else None


def global_score(row: TaskRow, category_scores: list[float | None]) -> float | None:
    """``getGlobalAverage``: unrounded category means averaged, ``toFixed(2)``; none if one is missing."""
    if row.model in HARD_CODED_GLOBAL:
        return HARD_CODED_GLOBAL[row.model]
    known = [score for score in category_scores if score is not None]
    if len(known) < len(category_scores):
        return None
    return to_fixed_2(_js_sum(known) / len(known))


def to_fixed_2(value: float) -> float:
    """JavaScript's ``value.toFixed(2)``: the exact binary value rounded half up (``1.005`` -> 1.0)."""
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
