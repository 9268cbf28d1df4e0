"""Wire schemas of ``/v1/changes``: what changed on the boards, and when claims' verdicts changed.

Keys are snake_case and equal the CSV columns of ``items``. A ``ChangeEvent`` is also the
``data`` of every webhook delivery (``ingest/webhooks``), field for field.
"""

from __future__ import annotations

from datetime import date

from service.schemas import Paged, WireStruct

__all__ = ("ChangeEvent", "ChangeList")


class ChangeEvent(WireStruct, frozen=True, kw_only=True):
    """One change on a board between two consecutive served snapshots, or a claim's new verdict."""

    event_id: str
    """Stable ``tag:`` URI (RFC 4151) from board (or claim), day, kind and models: the same after a
    rebuild, the Atom entry id and the webhook's ``webhook-id``."""
    kind: str
    """``new_leader``, ``co_leaders``, ``overtake``, ``overtake_within_noise``, ``enters_top10``,
    ``leaves_top10``, ``new_models``, ``discontinuity`` or ``claim_verdict`` (docs/changes.md)."""
    board_id: str | None
    """The board (``null`` for ``claim_verdict``)."""
    claim_id: str | None
    """The claim (``claim_verdict`` only)."""
    occurred_on: date
    """Published day of the snapshot that shows the change (a claim: the day its verdict changed)."""
    previous_on: date | None
    """Published day of the snapshot compared with (``null``: a board's first leaders)."""
    model_ids: list[str]
    """What the event is about: the leaders, the model that moved, the new models..."""
    model_names: list[str]
    """The same models as the snapshot spells them."""
    other_model_ids: list[str]
    """The counterparts: the former leaders, the models overtaken."""
    rank_from: int | None
    """Place of the first model at ``previous_on``: its order by score, one line per model."""
    rank_to: int | None
    """Its place at ``occurred_on``."""
    score_from: float | None
    score_to: float | None
    verdict_from: str | None
    """``claim_verdict``: the verdict before."""
    verdict_to: str | None
    """``claim_verdict``: the verdict from ``occurred_on`` on."""
    discontinuities: list[str]
    """``discontinuity``: ``method_change`` and/or ``intervals_changed``."""
    title: str
    """One line, as a feed reader shows it."""
    summary: str
    """The figures behind the event."""
    link: str
    """API path of the board as of ``occurred_on`` (of the claim, for ``claim_verdict``)."""
    boards: list[str]
    """Boards the event concerns: its board, or the boards that decided a claim's verdict."""


class ChangeList(Paged, frozen=True, kw_only=True):
    """Change events, newest day first."""

    items: list[ChangeEvent]
