"""Cherry Studio's daily markdown scrape of the LMArena (arena.ai) leaderboard.

The Cherry Studio docs repository (``CherryHQ/cherry-studio-docs``) committed a GitHub Actions
scrape of the leaderboard every day: ``other/model_rank/lmarena.md`` (the whole text board,
2025-01 … 2026-07-28), then per-arena top-30 pages ``other/model_rank/<arena>.md``. Each page is
Chinese markdown: a date line and one pipe table in one of eleven column layouts (see
``_layouts``). It is a third-party copy of a website, archived as files; there is no live
fetch here (``fetch=None``): live LMArena data comes from the official dataset formats.

One page gives one snapshot: the ``text_full`` pages the text board's overall category (un-styled
scores up to 2025-10-01, style-controlled from 2025-10-09), the top-30 pages their arena's board,
marked ``truncated``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any, TypeVar

from ingest.errors import ParseError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources._format import SourceFormat
from ingest.sources.lmarena._boards import lmarena_board
from ingest.sources.lmarena.cherry_md._cells import (
    is_missing,
    parse_agent_metric,
    parse_ci,
    parse_count,
    parse_price,
    parse_rank,
    parse_rank_spread,
    parse_score,
)
from ingest.sources.lmarena.cherry_md._layouts import (
    AGENT_METRICS,
    Column,
    Layout,
    arena_of_page,
    top30_variant,
)
from ingest.sources.lmarena.cherry_md._names import parse_model_cell
from ingest.sources.lmarena.cherry_md._table import Table, read_table

__all__ = (
    "FORMAT",
    "FORMATS",
    "parse_cherry_markdown",
    "sniff",
)

_NAME = "lmarena-cherry-md"
_T = TypeVar("_T")

# Early 2025 pages state the leaderboard's own date; later ones only when the scrape ran. Of that
# stamp the UTC date is used, not the Beijing (CST, UTC+8) one printed beside it: the stamp is the
# moment of the scrape, every other date in the warehouse (commit times, arena.ai fetch times,
# dataset publish dates) is UTC, and a scrape after 16:00 UTC would otherwise be dated the day
# after the data it shows was live.
_DATA_DATE = re.compile(r"^> 排名更新时间:\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)
_SCRAPED_AT = re.compile(r"^> \*\*数据更新时间\*\*:\s*(?P<date>\d{4}-\d{2}-\d{2}) [\d:]+ UTC", re.MULTILINE)


def sniff(origin: str, head: bytes) -> bool:
    """A Cherry Studio leaderboard page: its date line and a pipe table."""
    text = head.decode("utf-8", errors="ignore")
    has_table = text.startswith("|") or "\n|" in text
    return has_table and (_DATA_DATE.search(text) is not None or _SCRAPED_AT.search(text) is not None)


def _published_at(raw: RawPayload, text: str) -> date:
    if (match := _DATA_DATE.search(text) or _SCRAPED_AT.search(text)) is not None:
        line = text.count("\n", 0, match.start()) + 1
        try:
            return date.fromisoformat(match["date"])
        except ValueError:
            raise ParseError(
                source=_NAME,
                origin=raw.origin,
                location=f"line {line}",
                problem=f"{match['date']!r} is no date",
            ) from None
    if raw.published_hint is not None:
        return raw.published_hint
    raise ParseError(
        source=_NAME,
        origin=raw.origin,
        location="line 1",
        problem="the page has no '> 排名更新时间' or '> **数据更新时间**' line and no outside date is known",
    )


def _cell(raw: RawPayload, line: int, header: str, parse: Callable[[str], _T], text: str) -> _T:
    try:
        return parse(text)
    except ValueError as error:
        raise ParseError(
            source=_NAME, origin=raw.origin, location=f"line {line}, column {header}", problem=str(error)
        ) from None


# Every model name recurs on page after page: each cell is read once (a ModelCell is frozen).
_model_cell = lru_cache(maxsize=1 << 14)(parse_model_cell)


@dataclass(frozen=True)
class _Places:
    """Where a layout keeps each column (its last one of a kind), worked out once per layout."""

    index: dict[Column, int]
    """Column -> its cell's index in a row."""
    agent_metrics: tuple[tuple[int, str], ...]
    """(cell index, ``extra`` key) of each agent-board metric column."""
    carries_organization: bool
    """As ``Layout.carries_organization``."""


@cache
def _places(layout: Layout) -> _Places:
    return _Places(
        index={column: at for at, (_, column) in enumerate(layout.columns)},
        agent_metrics=tuple(
            (at, AGENT_METRICS[known])
            for at, (known, column) in enumerate(layout.columns)
            if column is Column.AGENT_METRIC
        ),
        carries_organization=layout.carries_organization,
    )


def _entry(raw: RawPayload, layout: Layout, table: Table, line: int, cells: list[str]) -> Entry:
    """One row, read column by column; any cell that does not fit names its line and column."""
    places = _places(layout)
    at, headers = places.index, table.headers
    extra: dict[str, Any] = {}

    def read(column: Column, parse: Callable[[str], _T]) -> _T:
        index = at[column]
        return _cell(raw, line, headers[index], parse, cells[index])

    def given(column: Column) -> str | None:
        """The cell's text, or ``None`` when the layout lacks the column or the cell says "no data"."""
        index = at.get(column)
        if index is None:
            return None
        text = cells[index]
        return None if is_missing(text) else text.strip()

    rank = read(Column.RANK, parse_rank)
    if Column.RANK_STYLE_CONTROL in at:
        extra["rank_style_control"] = read(Column.RANK_STYLE_CONTROL, parse_rank)
    if Column.RANK_SPREAD in at:
        best, worst = read(Column.RANK_SPREAD, lambda text: parse_rank_spread(text, rank))
        extra["rank_spread_best"], extra["rank_spread_worst"] = best, worst
    organization = given(Column.ORGANIZATION)
    model = read(
        Column.MODEL,
        lambda text: _model_cell(
            text, organization, carries_organization=places.carries_organization, logos=layout.logos
        ),
    )
    if model.url:
        extra["url"] = model.url
    score = read(Column.SCORE, parse_score) if Column.SCORE in at else None
    plus, minus = (score.plus, score.minus) if score is not None else (None, None)
    if Column.CI in at:
        plus, minus = read(Column.CI, parse_ci)
    votes = read(Column.VOTES, parse_count) if Column.VOTES in at else None
    if Column.SESSIONS in at:
        # The agent board counts sessions; arena.ai shows them where other boards show votes.
        votes = extra["session_count"] = read(Column.SESSIONS, parse_count)
    if (cutoff := given(Column.KNOWLEDGE_CUTOFF)) is not None:
        extra["knowledge_cutoff"] = cutoff
    if given(Column.PRICE) is not None:
        extra["price_input_usd_per_mtok"], extra["price_output_usd_per_mtok"] = read(
            Column.PRICE, parse_price
        )
    if (context := given(Column.CONTEXT)) is not None:
        extra["context_window"] = context
    for index, key in places.agent_metrics:
        if not is_missing(text := cells[index]):
            metric = _cell(raw, line, headers[index], parse_agent_metric, text)
            extra[key], extra[f"{key}_ci"] = metric.value, metric.ci
    return Entry(
        model_name=model.name,
        rank=rank,
        score=score.value if score is not None else None,
        ci_lower=score.value - minus if score is not None and minus is not None else None,
        ci_upper=score.value + plus if score is not None and plus is not None else None,
        votes=votes,
        organization=model.organization,
        license=given(Column.LICENSE) or model.license,
        preliminary=score is not None and score.preliminary,
        extra=extra,
    )


def parse_cherry_markdown(raw: RawPayload) -> list[Snapshot]:
    """The one snapshot a Cherry Studio page holds.

    Raises:
        ParseError: the page is empty, not UTF-8, has no table, an unknown header, a cut-off
            table, or a row whose cells do not fit their columns (named by line and column).
    """
    table = read_table(raw, source=_NAME)
    layout = table.layout
    published_at = _published_at(raw, table.text)
    entries = tuple(_entry(raw, layout, table, line, cells) for line, cells in table.rows)
    arena = arena_of_page(table.text, raw.hints.get("arena")) if layout.top30 else "text"
    if arena is None:
        raise ParseError(
            source=_NAME,
            origin=raw.origin,
            location="line 1",
            problem="cannot tell which arena this top-30 page shows (no arena.ai link, title or hint)",
        )
    variant = layout.variant if layout.variant is not None else top30_variant(arena)
    if arena == "agent":
        board = lmarena_board(arena, "overall", variant, metric="score", unit="index")
    else:
        board = lmarena_board(arena, "overall", variant)
    # A spread reaching below the last row shows rows are missing from a "full" page.
    worst = max((e.extra.get("rank_spread_worst", 0) for e in entries), default=0)
    truncated = layout.top30 or worst > len(entries)
    return [Snapshot(board=board, published_at=published_at, entries=entries, truncated=truncated)]


FORMAT = SourceFormat(
    name=_NAME,
    source="lmarena",
    description="Cherry Studio docs' daily markdown scrape of the LMArena leaderboard (archived pages)",
    precedence=50,
    sniff=sniff,
    parse=parse_cherry_markdown,
    fetch=None,
)
"""Archive-only: the upstream is a scraped page in a GitHub docs repository."""

FORMATS: tuple[SourceFormat, ...] = (FORMAT,)
"""Every format of this module (the one above)."""
