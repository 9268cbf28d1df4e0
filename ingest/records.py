"""Canonical records every source parser produces and the warehouse loads.

Upstream-specific shapes stay private to their source module; what crosses the boundary
between a parser and the warehouse is one of these frozen Structs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import msgspec

__all__ = (
    "Board",
    "Entry",
    "RawPayload",
    "Record",
    "Snapshot",
    "StoredPayload",
)


class Record(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every canonical record."""


class Board(Record, frozen=True, kw_only=True):
    """One ranked list a source publishes: an arena, a category, a variant.

    Scores are only comparable within one board.
    """

    source: str
    """Source id, e.g. ``lmarena``."""
    arena: str
    """What is being compared, e.g. ``text``, ``vision``, ``webdev``."""
    category: str
    """Slice of the arena, e.g. ``overall``, ``coding``."""
    variant: str
    """Method variant, e.g. ``raw`` or ``style_control`` on LMArena."""
    metric: str = "rating"
    """Name of the score column upstream, e.g. ``rating``, ``pass_rate_2``."""
    unit: str = "elo"
    """Unit of the score: ``elo`` (Bradley-Terry, Elo scale), ``percent``, ``index``."""
    higher_is_better: bool = True
    """Direction of the score."""

    @property
    def board_id(self) -> str:
        """Readable, stable id: ``source.arena.category.variant``."""
        return f"{self.source}.{self.arena}.{self.category}.{self.variant}"


class Entry(Record, frozen=True, kw_only=True):
    """One model's line on one snapshot of a board."""

    model_name: str
    """The model's name exactly as the source writes it."""
    rank: int | None = None
    """The rank the source published (its own semantics, e.g. LMArena's upper-bound rank)."""
    score: float | None = None
    """Headline score; ``None`` where the source publishes none (e.g. the agent board)."""
    ci_lower: float | None = None
    """Lower end of the score's 95% interval, absolute (not a delta)."""
    ci_upper: float | None = None
    """Upper end of the score's 95% interval, absolute (not a delta)."""
    votes: Annotated[int, msgspec.Meta(ge=0)] | None = None
    """Votes, battles or observations behind the score."""
    organization: str | None = None
    """Who makes the model, as the source writes it."""
    license: str | None = None
    """Licence as the source writes it (``Proprietary``, ``Apache 2.0``...)."""
    preliminary: bool = False
    """The source marks the score as preliminary (few votes)."""
    extra: dict[str, Any] = msgspec.field(default_factory=dict)
    """Source-specific fields kept as they are (knowledge cutoff, url, price...)."""

    def __post_init__(self) -> None:
        if self.ci_lower is not None and self.ci_upper is not None and self.ci_lower > self.ci_upper:
            raise ValueError(f"{self.model_name}: ci_lower {self.ci_lower} is above ci_upper {self.ci_upper}")


class Snapshot(Record, frozen=True, kw_only=True):
    """A board as the source published it on one date."""

    board: Board
    """The board this list belongs to."""
    published_at: date
    """The leaderboard's own date, as the source states it."""
    entries: tuple[Entry, ...]
    """The ranked lines, in the source's order."""
    truncated: bool = False
    """Only the top N of the board was published (or scraped)."""
    carried_over: bool = False
    """The source says this board was copied from an older snapshot, not freshly fetched."""


class RawPayload(Record, frozen=True, kw_only=True):
    """Bytes exactly as fetched or archived, plus where and when they came from."""

    origin: str
    """URL or file path the bytes came from (named in every error message)."""
    content: bytes
    """The payload, untouched."""
    retrieved_at: datetime
    """When the bytes were fetched, or when the archive stored them."""
    published_hint: date | None = None
    """Publication date known from outside the content (file name, manifest, commit subject)."""
    hints: dict[str, str] = msgspec.field(default_factory=dict)
    """Other facts known from outside the content, e.g. ``{"board": "text-style-control"}``."""


class StoredPayload(Record, frozen=True, kw_only=True):
    """A payload an earlier import archived and accepted, read back from the raw archive."""

    origin: str
    """URL or file path it was imported from."""
    content: bytes
    """Its bytes, from ``raw/<aa>/<sha256>``."""
    retrieved_at: datetime
    """When it was fetched, or when the archive it came from stored it."""
