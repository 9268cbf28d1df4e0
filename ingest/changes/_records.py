"""A change event as stored in ``change_event`` (migration 013) and sent to webhooks."""

from __future__ import annotations

from datetime import date

import msgspec

__all__ = ("KINDS", "ChangeEvent")

KINDS: tuple[str, ...] = (
    "new_leader",
    "co_leaders",
    "overtake",
    "overtake_within_noise",
    "enters_top10",
    "leaves_top10",
    "new_models",
    "discontinuity",
    "claim_verdict",
)
"""Every event kind, in the order events of one day are listed (docs/changes.md)."""


class ChangeEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One thing that changed on a board (or about a claim) on a day."""

    event_id: str
    """``tag:`` URI (RFC 4151) from board or claim, day, kind and models: the same after a rebuild."""
    kind: str
    """One of ``KINDS``."""
    board_id: str | None
    """The board (``None`` for ``claim_verdict``)."""
    claim_id: str | None
    """The claim (``claim_verdict`` only)."""
    occurred_on: date
    """Published day of the snapshot that shows the change (a claim: the day its verdict changed)."""
    previous_on: date | None
    """Published day of the snapshot it is compared with (``None``: a board's first leaders)."""
    model_ids: list[str]
    """What the event is about: the leaders, the model that moved, the new models..."""
    model_names: list[str]
    """The same models as the snapshot spells them."""
    other_model_ids: list[str]
    """The counterparts: former leaders, the models overtaken."""
    rank_from: int | None
    """Place of the first model at ``previous_on`` (by score, one line per model)."""
    rank_to: int | None
    """Its place at ``occurred_on``."""
    score_from: float | None
    """Its score at ``previous_on``."""
    score_to: float | None
    """Its score at ``occurred_on``."""
    verdict_from: str | None
    """``claim_verdict``: the verdict before."""
    verdict_to: str | None
    """``claim_verdict``: the verdict from ``occurred_on`` on."""
    discontinuities: list[str]
    """``discontinuity``: ``method_change`` and/or ``intervals_changed``."""
    title: str
    """One line for a feed reader."""
    summary: str
    """The figures behind it."""
    link: str
    """API path of the board as of ``occurred_on`` (of the claim, for ``claim_verdict``)."""
    boards: list[str]
    """Boards the event concerns: its board, or the boards that decided a claim's verdict."""
