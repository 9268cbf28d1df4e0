"""How values read on the pages: numbers, dates, links to the API and to other pages (Jinja filters
and globals)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

__all__ = ("DASH", "TEMPLATE_FILTERS", "TEMPLATE_GLOBALS", "board_url", "model_url", "url_with")

DASH = "\u2013"
"""En dash: what an empty cell shows, and what joins the two ends of a rank interval."""

_SOURCE_NAMES = {
    "aider": "Aider",
    "artificial-analysis": "Artificial Analysis",
    "livebench": "LiveBench",
    "lmarena": "LMArena",
    "open-llm-leaderboard": "Open LLM Leaderboard",
    "swebench": "SWE-bench",
}


def url_with(path: str, params: Mapping[str, Any] | None = None) -> str:
    """``path`` with the query parameters that have a value (``None`` and ``""`` are left out)."""
    kept = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in (params or {}).items()}
    kept = {k: v for k, v in kept.items() if v not in {"", "None"}}
    return f"{path}?{urlencode(kept)}" if kept else path


def board_url(board_id: str, as_of: date | str | None = None) -> str:
    """The board page, as of a day."""
    return url_with(f"/boards/{quote(board_id, safe='')}", {"as_of": as_of})


def model_url(model_id: str) -> str:
    """The model page."""
    return f"/models/{quote(model_id, safe='')}"


def _number(value: float | None, digits: int = 2) -> str:
    """At most ``digits`` decimals, without trailing zeros: 1501.0 -> ``1,501``, 71.25 -> ``71.25``."""
    if value is None:
        return DASH
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _count(value: int | None) -> str:
    return DASH if value is None else f"{value:,}"


def _rank_span(best: int | None, worst: int | None) -> str:
    """``3``, or ``3`` en dash ``7``."""
    if best is None:
        return DASH
    return str(best) if worst is None or worst == best else f"{best}{DASH}{worst}"


def _day(value: date | None) -> str:
    return DASH if value is None else value.isoformat()


def _url_part(value: str) -> str:
    """A path segment: ``/`` and other reserved characters escaped."""
    return quote(value, safe="")


def _breakable(value: str) -> Markup:
    """Long ids (``lmarena.text.industry_legal_and_government.raw``) may wrap after ``.`` and ``_``."""
    return Markup(str(escape(value)).replace(".", ".<wbr>").replace("_", "_<wbr>"))


def _source_name(source_id: str) -> str:
    return _SOURCE_NAMES.get(source_id, source_id)


def _label(value: str | None) -> str:
    """``partly_supported`` -> ``partly supported``."""
    return "" if value is None else value.replace("_", " ")


TEMPLATE_FILTERS = {
    "breakable": _breakable,
    "count": _count,
    "day": _day,
    "label": _label,
    "number": _number,
    "source_name": _source_name,
    "urlpart": _url_part,
}
"""Filters the templates use: ``{{ entry.score | number }}``."""

TEMPLATE_GLOBALS = {
    "board_url": board_url,
    "model_url": model_url,
    "rank_span": _rank_span,
    "url_with": url_with,
}
"""Functions the templates call: ``{{ board_url(b.board_id, as_of) }}``."""
