"""Finding the one pipe table of a Cherry Studio page and splitting it into cells, with line numbers."""

from __future__ import annotations

import re

import msgspec

from ingest.records import RawPayload
from ingest.sources._payload import FormatErrors, decode_text
from ingest.sources.lmarena.cherry_md._layouts import LAYOUTS, Layout, find_layout, normalize_header

__all__ = (
    "Table",
    "read_table",
)

_SEPARATOR_CELL = re.compile(r":?-+:?")


class Table(msgspec.Struct, frozen=True):
    """The page text and its table: header cells, layout and data rows with their 1-based lines."""

    text: str
    header_line: int
    headers: list[str]
    layout: Layout
    rows: list[tuple[int, list[str]]]


def _cells(line: str) -> list[str] | None:
    """The cells of a table line, or ``None`` when the line is cut off (no closing pipe)."""
    stripped = line.strip()
    if len(stripped) < 2 or not stripped.endswith("|"):
        return None
    return [cell.strip() for cell in stripped[1:-1].split("|")]


def _unknown_header(headers: list[str]) -> tuple[str, str]:
    """(first header that no known layout has at that place, closest layout's era)."""

    def shared(layout: Layout) -> int:
        count = 0
        for ours, theirs in zip((normalize_header(h) for h in headers), layout.key, strict=False):
            if ours != theirs:
                break
            count += 1
        return count

    closest = max(LAYOUTS, key=shared)
    at = shared(closest)
    column = headers[at] if at < len(headers) else f"(none after {headers[-1]})"
    return column, closest.era


def read_table(raw: RawPayload, *, source: str) -> Table:
    """The first pipe table of the page.

    Raises:
        ParseError: empty or non-UTF-8 file, no table, unknown header, a row with the wrong
            number of cells, or a file that ends inside the table (cut off).
    """

    fail = FormatErrors(source).of(raw)
    text = decode_text(raw, source=source, expected="a Cherry Studio leaderboard page", saved_as=".md")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("|")), None)
    if start is None:
        raise fail("line 1", "no markdown pipe table found; is this a Cherry Studio leaderboard page?")
    header_line = start + 1
    headers = _cells(lines[start])
    if headers is None:
        raise fail(f"line {header_line}", "the table header is cut off")
    layout = find_layout(headers)
    if layout is None:
        column, era = _unknown_header(headers)
        raise fail(
            f"line {header_line}, column {column}",
            f"unknown table header {' | '.join(headers)!r} (nearest known layout: {era})",
        )
    separator = _cells(lines[start + 1]) if start + 1 < len(lines) else None
    if separator is None or not all(_SEPARATOR_CELL.fullmatch(cell) for cell in separator):
        raise fail(f"line {header_line + 1}", "expected the |---|---| line under the table header")
    rows: list[tuple[int, list[str]]] = []
    index = start + 2
    while index < len(lines) and lines[index].startswith("|"):
        number = index + 1
        cells = _cells(lines[index])
        if cells is None:
            # Name the column the line breaks off in.
            reached = lines[index].strip().count("|") - 1
            column = headers[min(max(reached, 0), len(headers) - 1)]
            raise fail(f"line {number}, column {column}", "the row is cut off (no closing |)")
        if len(cells) != len(headers):
            column = headers[min(len(cells), len(headers) - 1)]
            raise fail(
                f"line {number}, column {column}",
                f"the row has {len(cells)} cells, the header has {len(headers)}",
            )
        rows.append((number, cells))
        index += 1
    if index == len(lines):
        # Every real page has notes after the table; a file ending inside it was cut off.
        raise fail(f"line {len(lines)}", "the file ends inside the table; it looks truncated")
    if not rows:
        raise fail(f"line {header_line}", "the table has no rows")
    return Table(text=text, header_line=header_line, headers=headers, layout=layout, rows=rows)
