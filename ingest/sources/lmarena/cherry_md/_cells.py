"""Cell grammar of the Cherry Studio LMArena pages: numbers, scores, intervals and rank spreads.

Every function takes one cell's text and raises ``ValueError`` with a short reason when the text
does not fit; the page parser turns that into a ``ParseError`` naming the line and column.
"""

from __future__ import annotations

import re

import msgspec

__all__ = (
    "AgentMetric",
    "Score",
    "is_missing",
    "parse_agent_metric",
    "parse_ci",
    "parse_count",
    "parse_price",
    "parse_rank",
    "parse_rank_spread",
    "parse_score",
)

# How the pages say "nothing here": the Chinese "no data", pandas' NaN printed as text, N/A.
_MISSING = frozenset({"", "暂无数据", "nan", "N/A"})

_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
# Scores by era: `1374`, `1483Preliminary`, `1507±9`, `1451±7Preliminary`, `1507 (±5)`,
# `1490 (±8) Preliminary` and, on the code/webdev page, `1691 (++9/-9)` (a "+" printed twice).
_SCORE = re.compile(
    r"(?P<score>\d+(?:\.\d+)?)\s*"
    r"(?:±(?P<pm>\d+(?:\.\d+)?)|\(±(?P<pm_paren>\d+(?:\.\d+)?)\)|\(\+?\+(?P<plus>\d+)/-(?P<minus>\d+)\))?"
    r"\s*(?P<preliminary>Preliminary)?"
)
_CI_PLUS_MINUS = re.compile(r"\+(?P<plus>\d+(?:\.\d+)?)/-(?P<minus>\d+(?:\.\d+)?)")
_CI_SYMMETRIC = re.compile(r"±(?P<pm>\d+(?:\.\d+)?)")
_SPREAD_ARROW = re.compile(r"(?P<best>\d+)\s*(?:◄─►|-)\s*(?P<worst>\d+)")
_SPREAD_GLUED = re.compile(r"\d{2,}")
_AGENT_METRIC = re.compile(r"(?P<value>-?\d+(?:\.\d+)?)%±(?P<ci>\d+(?:\.\d+)?)%")
_PRICE = re.compile(r"\$(?P<input>\d+(?:\.\d+)?)/\$(?P<output>\d+(?:\.\d+)?)")


class Score(msgspec.Struct, frozen=True):
    """A score cell: the value, its interval as deltas (if printed) and the preliminary mark."""

    value: float
    plus: float | None
    minus: float | None
    preliminary: bool


class AgentMetric(msgspec.Struct, frozen=True):
    """An agent-board metric cell such as ``11.99%±1.37%`` (percentage points)."""

    value: float
    ci: float


def is_missing(text: str) -> bool:
    """True for the cells that stand for "no data"."""
    return text.strip() in _MISSING


def parse_count(text: str) -> int:
    """Votes or sessions: ``20,227`` (thousands separators) or ``4500``."""
    text = text.strip()
    if not _COUNT.fullmatch(text):
        raise ValueError(f"expected a whole number like 20,227 or 4500, got {text!r}")
    return int(text.replace(",", ""))


def parse_rank(text: str) -> int:
    """A rank: a positive whole number."""
    text = text.strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"expected a rank (a positive whole number), got {text!r}")
    return int(text)


def parse_score(text: str) -> Score:
    """Any of the score spellings, with or without an interval and a ``Preliminary`` mark."""
    match = _SCORE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected a score like 1374, 1507±9 or 1490 (±8) Preliminary, got {text!r}")
    plus: float | None = None
    minus: float | None = None
    if symmetric := match["pm"] or match["pm_paren"]:
        plus = minus = float(symmetric)
    elif match["plus"] is not None:
        plus, minus = float(match["plus"]), float(match["minus"])
    preliminary = match["preliminary"] is not None
    return Score(value=float(match["score"]), plus=plus, minus=minus, preliminary=preliminary)


def parse_ci(text: str) -> tuple[float, float]:
    """A separate interval cell as (plus, minus) deltas: ``+4/-5`` or ``±4``."""
    text = text.strip()
    if match := _CI_PLUS_MINUS.fullmatch(text):
        return float(match["plus"]), float(match["minus"])
    if match := _CI_SYMMETRIC.fullmatch(text):
        return float(match["pm"]), float(match["pm"])
    raise ValueError(f"expected an interval like +4/-5 or ±4, got {text!r}")


def parse_rank_spread(text: str, rank: int) -> tuple[int, int]:
    """A rank spread as (best, worst): ``1◄─►4``, ``1-4`` or the glued ``14`` of 2026.

    From 2026-02-10 the scraper lost the arrow between the two numbers, so ``412`` may be 4..12
    or 41..2. The rule: split the digits into two numbers without leading zeros such that the
    row's own sequential rank lies inside (best <= rank <= worst); when several splits qualify,
    take the narrowest. Checked by gluing the 11,492 unambiguous ``◄─►`` spreads of
    2025-11-15 … 2026-02-09 and splitting them again: every one came back unchanged. Its limit:
    a genuinely wide spread whose digits also read as a narrower one containing the rank
    (``1236`` at rank 24: 1..236 or 12..36) is read as the narrower one.
    """
    text = text.strip()
    if match := _SPREAD_ARROW.fullmatch(text):
        best, worst = int(match["best"]), int(match["worst"])
        if not 1 <= best <= worst:
            raise ValueError(f"rank spread {text!r} runs backwards")
        return best, worst
    if not _SPREAD_GLUED.fullmatch(text):
        raise ValueError(f"expected a rank spread like 1◄─►4, 1-4 or 14, got {text!r}")
    candidates = [
        (int(text[:cut]), int(text[cut:]))
        for cut in range(1, len(text))
        if text[0] != "0" and text[cut] != "0"
    ]
    fitting = [(best, worst) for best, worst in candidates if 1 <= best <= rank <= worst]
    if not fitting:
        raise ValueError(f"glued rank spread {text!r} cannot be split around rank {rank}")
    return min(fitting, key=lambda pair: pair[1] - pair[0])


def parse_agent_metric(text: str) -> AgentMetric:
    """An agent-board metric: ``11.99%±1.37%``."""
    match = _AGENT_METRIC.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected a percentage with interval like 11.99%±1.37%, got {text!r}")
    return AgentMetric(value=float(match["value"]), ci=float(match["ci"]))


def parse_price(text: str) -> tuple[float, float]:
    """Input/output price in USD per million tokens: ``$2.50/$15``."""
    match = _PRICE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected a price like $2.50/$15 or N/A, got {text!r}")
    return float(match["input"]), float(match["output"])
