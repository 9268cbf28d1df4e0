"""Rank-history series for the charts (drawn in the browser by ``static/rankchart.js`` with uPlot).

A series is one line: a board (model page) or a model (compare page). The rank drawn is
``rank_best`` (the published rank where there is none); ``rank_worst`` is drawn as the interval.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import msgspec

from service.schemas import HistoryPoint

__all__ = ("HEADLINE_CATEGORIES", "PALETTE", "ChartSeries", "chart_json", "compare_series", "model_series")

HEADLINE_CATEGORIES = frozenset({"overall", "global", "intelligence_index", "average"})
"""Board categories a model page draws first: each source's main ranking."""

PALETTE = (
    "#2563eb",
    "#dc2626",
    "#059669",
    "#d97706",
    "#7c3aed",
    "#0891b2",
    "#db2777",
    "#65a30d",
    "#475569",
    "#ea580c",
)
"""Line colours, one per series in order (repeating after ten)."""

_EPOCH = date(1970, 1, 1)


class ChartSeries(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a rank chart, its points oldest first."""

    label: str
    """What the legend names: a board id (with the variant) or a model id."""
    board_id: str
    variant: str | None
    color: str
    show: bool
    """Drawn when the page opens (the legend toggles the others)."""
    days: list[int]
    """Published dates as days since 1970-01-01."""
    best: list[int]
    """``rank_best`` at each date (the published rank where there is none)."""
    worst: list[int | None]
    score: list[float | None]
    preliminary: list[int]
    """Indexes of the points that were preliminary on the board."""


def _rank(point: HistoryPoint) -> int | None:
    return point.rank_best if point.rank_best is not None else point.rank


def _series(label: str, board_id: str, variant: str | None, points: Iterable[HistoryPoint]) -> ChartSeries:
    ranked = [(p, rank) for p in points if (rank := _rank(p)) is not None]
    return ChartSeries(
        label=label,
        board_id=board_id,
        variant=variant,
        color="",
        show=False,
        days=[(p.published_at - _EPOCH).days for p, _ in ranked],
        best=[rank for _, rank in ranked],
        worst=[p.rank_worst for p, _ in ranked],
        score=[p.score for p, _ in ranked],
        preliminary=[i for i, (p, _) in enumerate(ranked) if p.preliminary],
    )


def _colored(series: list[ChartSeries], shown: int) -> list[ChartSeries]:
    """The first ``shown`` series drawn, each series its colour."""
    return [
        msgspec.structs.replace(s, color=PALETTE[i % len(PALETTE)], show=i < shown)
        for i, s in enumerate(series)
    ]


def _category(board_id: str) -> str:
    parts = board_id.split(".")
    return parts[2] if len(parts) > 2 else ""


def model_series(points: list[HistoryPoint], *, shown: int = 8) -> list[ChartSeries]:
    """One series per board and variant, ``shown`` of them drawn: each source's main ranking with
    the longest history first, then the other main rankings, then every other board."""
    lines: dict[tuple[str, str | None], list[HistoryPoint]] = defaultdict(list)
    for point in points:
        lines[(point.board_id, point.variant)].append(point)
    series = [
        _series(f"{board} · {variant}" if variant else board, board, variant, pts)
        for (board, variant), pts in lines.items()
    ]
    series = [s for s in series if s.days]
    series.sort(key=lambda s: (_category(s.board_id) not in HEADLINE_CATEGORIES, -len(s.days), s.label))
    sources_seen: set[str] = set()
    first_of_source = []
    for s in series:
        source = s.board_id.split(".")[0]
        if _category(s.board_id) in HEADLINE_CATEGORIES and source not in sources_seen:
            sources_seen.add(source)
            first_of_source.append(s)
    rest = [s for s in series if s not in first_of_source]
    return _colored(first_of_source + rest, shown)


def compare_series(histories: dict[str, list[HistoryPoint]], board_id: str) -> list[ChartSeries]:
    """One series per model on one board: at each date the model's best variant there."""
    series = []
    for model_id, points in histories.items():
        best: dict[date, HistoryPoint] = {}
        for point in points:
            rank = _rank(point)
            current = best.get(point.published_at)
            if rank is not None and (current is None or rank < (_rank(current) or rank + 1)):
                best[point.published_at] = point
        series.append(_series(model_id, board_id, None, [best[day] for day in sorted(best)]))
    return _colored([s for s in series if s.days], len(series))


def chart_json(series: list[ChartSeries]) -> str:
    """The series as JSON safe inside ``<script type="application/json">``."""
    return msgspec.json.encode({"series": series}).decode().replace("<", "\\u003c")
