"""Upstream shapes of the community scrape of arena.ai (``arena-ai-leaderboards`` on GitHub).

One dated folder ``data/<YYYY-MM-DD>/`` holds one file per board plus ``_index.json`` (the boards
scraped that day and the ones carried over from an older snapshot); ``data/latest.json`` points at
the newest folder. Shapes here are tolerant of extra fields: the scraper adds fields over time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated, TypeVar

import msgspec

from ingest.errors import ParseError
from ingest.sources._payload import decode_json

__all__ = (
    "BOARD_DECODER",
    "FORMAT_NAME",
    "INDEX_DECODER",
    "POINTER_DECODER",
    "BoardFile",
    "IndexFile",
    "LatestPointer",
    "Model",
    "carried_over_boards",
    "decode",
    "published_date",
)

FORMAT_NAME = "lmarena-arena-ai-json"
"""Name of the format, used in every error message."""

_HalfWidth = Annotated[float, msgspec.Meta(ge=0)]
_Count = Annotated[int, msgspec.Meta(ge=0)]
_T = TypeVar("_T")


class _Shape(msgspec.Struct, frozen=True, kw_only=True):
    """Base of the upstream shapes (unknown fields are ignored)."""


class Meta(_Shape, frozen=True, kw_only=True):
    """``$.meta`` of a board file."""

    leaderboard: str
    """Board slug as the scraper names it (``text``, ``code-webdev``...)."""
    fetched_at: datetime
    """When the scraper read the page (kept from the older run when the board was carried over)."""
    last_updated: str | None
    """The board's own date as arena.ai prints it (``Mar 18, 2026``), or null when the page had none."""
    source_url: str | None = None
    """The arena.ai page scraped."""
    model_count: _Count | None = None
    """Number of models in ``$.models``."""


class Signal(_Shape, frozen=True, kw_only=True):
    """One metric of the agent board (``signals`` in format v2)."""

    value: float | None = None
    """The metric (percent)."""
    ci: float | None = None
    """Its ± half-width."""


class Model(_Shape, frozen=True, kw_only=True):
    """One row of a board. ``score``, ``rank`` and ``votes`` must be present (they may be null)."""

    model: str
    """The model's name as arena.ai shows it."""
    rank: int | None
    """Published rank (sequential)."""
    score: float | None
    """Arena score, rounded to an integer by the website; null on the agent board."""
    votes: _Count | None
    """Votes (battles) behind the score."""
    vendor: str | None = None
    """Organisation."""
    license: str | None = None
    """``proprietary`` or ``open``."""
    ci: _HalfWidth | msgspec.UnsetType | None = msgspec.UNSET
    """Format v1 only: the ± half-width of the 95% interval."""
    ci_low: _HalfWidth | msgspec.UnsetType | None = msgspec.UNSET
    """Format v2: despite the name, the half-width below the score (a delta, not a bound)."""
    ci_high: _HalfWidth | msgspec.UnsetType | None = msgspec.UNSET
    """Format v2: the half-width above the score (a delta, not a bound)."""
    rank_spread: tuple[int, int] | msgspec.UnsetType | None = msgspec.UNSET
    """Format v2: best and worst rank the interval allows."""
    preliminary: bool = False
    """Format v2: the website marks the score as preliminary."""
    model_url: str | None = None
    """Format v2: the model's announcement page."""
    price_prompt: float | None = None
    """Format v2: $ per million input tokens."""
    price_completion: float | None = None
    """Format v2: $ per million output tokens."""
    context_length: int | None = None
    """Format v2: context window in tokens."""
    signals: dict[str, Signal] | None = None
    """Format v2, agent board: metric name -> value and half-width."""


class BoardFile(_Shape, frozen=True, kw_only=True):
    """``data/<date>/<board>.json``."""

    meta: Meta
    """Where and when the board was scraped."""
    models: list[Model]
    """The rows, in the website's order."""


class CarryOverNote(_Shape, frozen=True, kw_only=True):
    """An entry of ``_index.json``'s ``errors``: the board was not refreshed that day."""

    leaderboard: str
    """Board slug."""
    error: str
    """Why the older snapshot was kept (Chinese free text)."""


class IndexBoard(_Shape, frozen=True, kw_only=True):
    """A board listed in ``_index.json``."""

    model_count: _Count | None = None
    """Rows scraped."""


class IndexFile(_Shape, frozen=True, kw_only=True):
    """``data/<date>/_index.json``."""

    date: date
    """Scrape date (UTC), also the folder name."""
    fetched_at: datetime
    """When the scrape ran."""
    leaderboards: dict[str, IndexBoard]
    """Boards freshly scraped."""
    errors: list[CarryOverNote] = msgspec.field(default_factory=list)
    """Boards whose file was copied from an older snapshot."""


class LatestPointer(_Shape, frozen=True, kw_only=True):
    """``data/latest.json``: which folder is the newest."""

    date: date
    """Scrape date of the newest folder."""
    path: str
    """Folder name under ``data/``."""
    fetched_at: datetime
    """When that scrape ran."""


BOARD_DECODER = msgspec.json.Decoder(BoardFile)
"""Decoder of a board file, built once."""
INDEX_DECODER = msgspec.json.Decoder(IndexFile)
"""Decoder of ``_index.json``, built once."""
POINTER_DECODER = msgspec.json.Decoder(LatestPointer)
"""Decoder of ``latest.json``, built once."""


def decode(decoder: msgspec.json.Decoder[_T], content: bytes, origin: str) -> _T:
    """Decode one upstream file; any mismatch becomes a ``ParseError`` with its place."""
    return decode_json(decoder, content, source=FORMAT_NAME, origin=origin, expected="the scraper's JSON")


def carried_over_boards(index_content: bytes, *, origin: str = "_index.json") -> frozenset[str]:
    """Boards whose file in the same folder was copied from an older snapshot, per ``_index.json``.

    The scraper keeps the previous complete file when a fresh scrape looks broken (e.g. far fewer
    models than last time) and records the board under ``errors``; the board's file then carries
    the older ``fetched_at`` and ``last_updated``.

    Args:
        index_content: The bytes of ``data/<date>/_index.json``.
        origin: Path or URL of the index, named in error messages.

    Returns:
        The board slugs (``meta.leaderboard`` / file stems) listed under ``errors``.

    Raises:
        ParseError: The bytes are not a valid ``_index.json``.
    """
    index = decode(INDEX_DECODER, index_content, origin)
    return frozenset(note.leaderboard for note in index.errors)


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
# "Mar 18, 2026" in every archived file; the scraper's README also shows "13 days ago".
_PRINTED_DATE = re.compile(r"^(?P<month>[A-Za-z]{3})[a-z]*\.? (?P<day>\d{1,2}), (?P<year>\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AGO = re.compile(r"^(?P<count>\d+|an?) (?P<unit>minute|hour|day|week)s? ago$")
_UNITS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}
_UNITS["week"] = 7 * _UNITS["day"]


def published_date(last_updated: str | None, fetched_at: datetime, origin: str) -> date | None:
    """The board's own date from ``meta.last_updated``; ``None`` when the page showed none.

    Relative dates (``13 days ago``) are counted back from ``fetched_at``.
    """
    if last_updated is None:
        return None
    text = last_updated.strip()
    try:
        if match := _PRINTED_DATE.match(text):
            month = _MONTHS.get(match["month"].lower())
            if month is not None:
                return date(int(match["year"]), month, int(match["day"]))
        elif _ISO_DATE.match(text):
            return date.fromisoformat(text)
        elif match := _AGO.match(text):
            count = 1 if match["count"] in {"a", "an"} else int(match["count"])
            return (fetched_at - count * _UNITS[match["unit"]]).date()
    except ValueError:
        pass  # an impossible day such as "Feb 30, 2026" falls through to the error below
    raise ParseError(
        source=FORMAT_NAME,
        origin=origin,
        location="$.meta.last_updated",
        problem=f"unrecognised date {last_updated!r} (expected e.g. 'Mar 18, 2026' or '13 days ago')",
    )
