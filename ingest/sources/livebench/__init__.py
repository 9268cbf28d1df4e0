"""LiveBench (livebench.ai): per-task scores of each release, averaged into categories as the site does.

A release (``2025_11_25``) is a question set, published as two files in ``LiveBench/livebench.github.io``
``public/`` and served at ``https://livebench.ai/``: ``table_<release>.csv`` (``model`` then one
column per task, 0-100) and ``categories_<release>.json`` (category -> task columns). The scores on
the leaderboard are not in the files: ``_scores`` computes them exactly as the site's
``src/Table/Averaging.js`` does (plain means, ``toFixed(2)``, no global score for a model missing a
category, two hard-coded grok globals).

Boards: one per category plus ``global``, per release, since releases ask different questions
(``livebench.llm.global.release_2025_11_25``, ``livebench.llm.agentic_coding.release_2025_11_25``);
categories keep the site's names in snake case, ``IF`` written out as the redesign's
``instruction_following``. A release's table keeps growing after its release date as models are
evaluated, so ``published_at`` is the date of the table's version (the manifest's ``version_date``,
else its commit time in UTC, else ``@YYYY-MM-DD`` in the archived file name), not the release date.

The parser needs the table *and* the category map of its release, passed as hints (``parse`` is
pure): ``fetch`` downloads the map with the table, ``archive_hints`` finds it beside an archived
table (same folder or a sibling folder, the version nearest before the table), ``stored_hints``
among the maps earlier imports archived in the warehouse, and ``rankledger import TABLE
--categories FILE`` passes one (``_categories``). The map itself is a payload of this
format too, so its bytes are archived; it yields no snapshot. Categories change
between releases (``web_of_lies_v3`` -> ``theory_of_mind``, new ``Agentic Coding``), and within a
release the map may be newer than a table version (``consecutive_events`` was mapped on 2026-01-19,
after the 2026-01-08 table): a task the map names but the table lacks is an error unless the map is
known to be the later version, when the task counts as missing, as on the site.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import msgspec

from ingest.records import Board, Entry, RawPayload, Snapshot
from ingest.sources._format import SourceFormat
from ingest.sources._payload import FormatErrors
from ingest.sources.livebench._categories import archive_hints, category_map_hints, stored_hints, table_name
from ingest.sources.livebench._fetch import fetch
from ingest.sources.livebench._scores import (
    FORMAT_NAME,
    HARD_CODED_GLOBAL,
    KNOWN_TASKS,
    TaskRow,
    category_score,
    decode_categories,
    global_score,
    read_table,
    to_fixed_2,
)

__all__ = (
    "FORMATS",
    "LIVEBENCH",
    "archive_hints",
    "category_map_hints",
    "livebench_board",
    "parse",
    "sniff",
    "stored_hints",
)

LIVEBENCH = "livebench"
"""Source id."""

# The redesign's CAT_FULL: "IF" is the one abbreviated category key.
_CATEGORY_NAMES = {"IF": "Instruction Following"}
_SNIFF_DECODER = msgspec.json.Decoder(dict[str, list[str]])


def livebench_board(category: str, release: str) -> Board:
    """One category (or ``global``) of one release, e.g. ``livebench.llm.global.release_2025_11_25``."""
    return Board(
        source=LIVEBENCH,
        arena="llm",
        category=category,
        variant=f"release_{release}",
        metric=f"{category}_average",
        unit="percent",
        higher_is_better=True,
    )


def _snake(category: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _CATEGORY_NAMES.get(category, category).lower()).strip("_")


_error = FormatErrors(FORMAT_NAME)
"""The ``ParseError``s of this format."""


def _iso_date(raw: RawPayload, key: str, text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError as error:
        raise _error(raw, f"hint {key}", f"expected a date YYYY-MM-DD, got {text!r}") from error


def _published_at(raw: RawPayload, version_in_name: str | None) -> date:
    if version_date := raw.hints.get("version_date"):
        return _iso_date(raw, "version_date", version_date)
    if commit_time := raw.hints.get("commit_time"):
        try:
            return datetime.fromisoformat(commit_time).astimezone(UTC).date()
        except ValueError as error:
            raise _error(raw, "hint commit_time", f"not an ISO time: {commit_time!r}") from error
    if version_in_name:
        return date.fromisoformat(version_in_name)
    if raw.published_hint is not None:
        return raw.published_hint
    raise _error(raw, "published date", "unknown: supply the table's version date as hint version_date")


def _categories(
    raw: RawPayload, release: str, columns: tuple[str, ...], published: date
) -> dict[str, list[str]]:
    text = raw.hints.get("categories_json")
    if text is None:
        raise _error(
            raw,
            "category map",
            f"a LiveBench table needs its release's categories_{release}.json, and none is beside the "
            "table, in a sibling folder or archived in the warehouse: import it with the table "
            f"(rankledger import TABLE --categories categories_{release}.json) or on its own first",
        )
    map_origin = raw.hints.get("categories_origin", f"categories_{release}.json")
    categories = decode_categories(text, map_origin)
    map_date = raw.hints.get("categories_version_date")  # empty: unknown
    map_is_later = bool(map_date) and _iso_date(raw, "categories_version_date", map_date or "") > published
    for category, tasks in categories.items():
        for index, task in enumerate(tasks):
            if task not in columns and not map_is_later:
                raise _error(
                    raw,
                    "line 1",
                    f"the category map {map_origin} names task {task!r} at $[{category!r}][{index}], "
                    "but the table has no such column: is the map from another release?",
                )
    return categories


def parse(raw: RawPayload) -> list[Snapshot]:
    """A table: one snapshot per category plus ``global``; a category map: checked, no snapshot."""
    if raw.content.lstrip().startswith(b"{"):
        decode_categories(raw.content.decode("utf-8", "replace"), raw.origin)
        return []
    name, match = table_name(raw)
    if match is None:
        raise _error(
            raw,
            "file name",
            f"cannot tell the release from {name!r}: name the file table_YYYY_MM_DD.csv or pass hint "
            "source_path (public/table_YYYY_MM_DD.csv)",
        )
    release = match[1]
    columns, rows = read_table(raw)
    published = _published_at(raw, match[2])
    categories = _categories(raw, release, columns, published)
    lines = [_entries(row, categories) for row in rows]
    boards = [livebench_board("global", release)]
    boards.extend(livebench_board(_snake(category), release) for category in categories)
    # lines[i] is model i's entry on every board, in the boards' order.
    return [
        Snapshot(board=board, published_at=published, entries=tuple(line[b] for line in lines))
        for b, board in enumerate(boards)
    ]


def _entries(row: TaskRow, categories: dict[str, list[str]]) -> list[Entry]:
    """The row's entry on the global board, then on each category's board."""
    scores = [category_score(row, tasks) for tasks in categories.values()]
    shown = [None if score is None else to_fixed_2(score) for score in scores]
    extra: dict[str, Any] = {"category_scores": dict(zip(map(_snake, categories), shown, strict=True))}
    missing = [task for tasks in categories.values() for task in tasks if row.tasks.get(task) is None]
    if missing:
        extra["missing_tasks"] = missing
    if row.model in HARD_CODED_GLOBAL:
        extra["global_score_hard_coded"] = True
    entries = [Entry(model_name=row.model, score=global_score(row, scores), extra=extra)]
    entries.extend(
        Entry(model_name=row.model, score=score, extra={"task_scores": {t: row.tasks.get(t) for t in tasks}})
        for score, tasks in zip(shown, categories.values(), strict=True)
    )
    return entries


def sniff(origin: str, head: bytes) -> bool:
    """A table whose header is ``model`` and LiveBench task names, or a category map of them."""
    start = head.lstrip()
    if start.startswith(b"{"):
        try:
            categories = _SNIFF_DECODER.decode(start)
        except msgspec.DecodeError:
            return False
        return len(KNOWN_TASKS.intersection(t for tasks in categories.values() for t in tasks)) >= 3
    first_line = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    columns = [cell.strip() for cell in first_line.split(",")]
    return columns[0] == "model" and len(KNOWN_TASKS.intersection(columns)) >= 3


FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat(
        name=FORMAT_NAME,
        source=LIVEBENCH,
        description="LiveBench release tables (per-task CSV + category map), averaged as livebench.ai does",
        precedence=10,
        sniff=sniff,
        parse=parse,
        fetch=fetch,
        archive_hints=archive_hints,
        stored_hints=stored_hints,
    ),
)
"""LiveBench's one format: a release's table, read with its category map (also accepted alone)."""
