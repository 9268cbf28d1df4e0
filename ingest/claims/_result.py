"""What verification produces: a check per board, a verdict per claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = (
    "DEFAULT_WINDOW_DAYS",
    "PARTLY_SUPPORTED",
    "PENDING",
    "UNVERIFIABLE",
    "VERDICTS",
    "BoardCheck",
    "ClaimVerdict",
    "unverifiable",
)

PARTLY_SUPPORTED = "partly_supported"
"""Supported on some boards in scope, contradicted on others."""
UNVERIFIABLE = "unverifiable"
"""No data of that kind or for that board and time."""
PENDING = "pending"
"""A forecast whose date has not come, or whose boards have no data that late yet."""

DEFAULT_WINDOW_DAYS = 14
"""``on_release``: how many days after the claimed day boards get to list the model."""

VERDICTS: tuple[str, ...] = ("supported", "contradicted", PARTLY_SUPPORTED, UNVERIFIABLE, PENDING)
"""Every claim status."""


@dataclass(frozen=True)
class BoardCheck:
    """The claim checked on one board (or board family)."""

    board_ref: str
    """The board id or family (``livebench.llm.global.*``) the claim's scope names."""
    board_id: str | None
    """The board the decisive snapshot belongs to (``None`` when no snapshot decided)."""
    in_scope: bool
    """False: a board outside the claim's scope, checked for context; it does not count."""
    verdict: str
    """``supported``, ``contradicted``, ``unverifiable`` or ``pending``."""
    reason: str
    """One line: the values that decided, or what is missing."""
    snapshot_id: int | None
    """The decisive snapshot."""
    published_at: date | None
    """Its published day."""
    evidence: dict[str, Any] = field(default_factory=dict)
    """The snapshots looked at and the values compared (with the tolerance and window used)."""


@dataclass(frozen=True)
class ClaimVerdict:
    """A claim's status and the board checks behind it."""

    claim_id: str
    status: str
    reason: str
    checks: tuple[BoardCheck, ...]


def unverifiable(
    board_ref: str, in_scope: bool, reason: str, evidence: dict[str, Any] | None = None
) -> BoardCheck:
    """A board check that found no data to decide on."""
    return BoardCheck(
        board_ref=board_ref,
        board_id=None,
        in_scope=in_scope,
        verdict=UNVERIFIABLE,
        reason=reason,
        snapshot_id=None,
        published_at=None,
        evidence=evidence or {},
    )
