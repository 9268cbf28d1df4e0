"""Wire schemas of rank movement: one board between two dates (``/v1/boards/{id}/movement``) and
the biggest movers across boards (``/v1/movers``), with the method changes between the ends.

Keys are snake_case and equal the CSV columns of each body's ``items``.
"""

from __future__ import annotations

from datetime import date

from service._wire import Paged, WireStruct

__all__ = (
    "Discontinuity",
    "Movement",
    "MovementEnd",
    "MovementLine",
    "Mover",
    "MoverList",
    "Overtake",
)


class Discontinuity(WireStruct, frozen=True, kw_only=True):
    """Something between the two ends of a movement that makes them not comparable."""

    board_id: str
    kind: str
    """``method_change``, ``truncated_list``, ``field_size_change`` or ``intervals_changed``."""
    occurred_on: date
    """Day of the method change, or of the end concerned."""
    description: str
    """What happened, in words."""
    reference: str | None
    """Where the source documents it (method changes)."""


class MovementEnd(WireStruct, frozen=True, kw_only=True):
    """The snapshot answering for one end of a movement (as of the day asked)."""

    snapshot_id: int
    published_at: date
    parser: str
    """Format that produced the snapshot, e.g. ``lmarena-dataset-json``."""
    truncated: bool
    ranked_count: int
    """Entries with a score: the field the ranks are taken in."""
    has_intervals: bool
    """The snapshot publishes confidence intervals."""


class MovementLine(WireStruct, frozen=True, kw_only=True):
    """One model between the two ends of a movement."""

    model_id: str
    variant: str | None
    model_name: str
    """Name as the source writes it (at ``to``, else at ``from``)."""
    status: str
    """``stayed`` (listed at both ends), ``new`` (only at ``to``) or ``dropped`` (only at ``from``)."""
    significance: str | None
    """``significant_up`` iff ``rank_worst_to < rank_best_from``, ``significant_down`` iff
    ``rank_best_to > rank_worst_from``, else ``within_noise``; ``None`` unless ``stayed``."""
    comparable: bool
    """False when a discontinuity lies between the ends (see the body's ``discontinuities``)."""
    rank_from: int | None
    """Rank the source published (its meaning differs between formats; deltas use ``rank_best``)."""
    rank_to: int | None
    """Rank the source published at the ``to`` end."""
    rank_best_from: int | None
    rank_worst_from: int | None
    rank_best_to: int | None
    rank_worst_to: int | None
    rank_delta: int | None
    """``rank_best_from - rank_best_to``: positive is a move up."""
    score_from: float | None
    score_to: float | None
    score_delta: float | None
    ci_lower_from: float | None
    ci_upper_from: float | None
    ci_lower_to: float | None
    ci_upper_to: float | None
    votes_from: int | None
    votes_to: int | None
    overtook: list[str]
    """Model ids it overtook between the ends (see ``Overtake``)."""
    overtaken_by: list[str]
    """Model ids that overtook it between the ends."""


class Overtake(WireStruct, frozen=True, kw_only=True):
    """A model not ahead of another at ``from`` and ahead of it at ``to``."""

    model_id: str
    model_name: str
    overtook_model_id: str
    """The model it moved ahead of."""
    overtook_model_name: str
    """That model's name as the source writes it."""
    evidence: str
    """``intervals``: at ``to`` its lower bound is above the other's upper bound; ``scores``: a side
    has no interval, so its score stands for both bounds."""
    bound_from: float
    """At ``from``: its lower bound (or score), not above ``other_bound_from``."""
    other_bound_from: float
    """At ``from``: the other's upper bound (or score)."""
    bound_to: float
    """At ``to``: its lower bound (or score), above ``other_bound_to``."""
    other_bound_to: float
    """At ``to``: the other's upper bound (or score)."""


class Movement(Paged, frozen=True, kw_only=True):
    """``GET /v1/boards/{board_id}/movement``."""

    board_id: str
    date_from: date
    """The ``from`` day asked for."""
    date_to: date | None
    """The days asked for (``None``: latest)."""
    from_snapshot: MovementEnd
    """The snapshot current on ``from``."""
    to_snapshot: MovementEnd
    """The snapshot current on ``to`` (the latest one when ``to`` is omitted)."""
    comparable: bool
    discontinuities: list[Discontinuity]
    """What lies between the two ends and makes them not comparable (empty: comparable)."""
    overtakes: list[Overtake]
    """Models that moved ahead of another beyond the noise between the ends."""
    items: list[MovementLine]


class Mover(WireStruct, frozen=True, kw_only=True):
    """A model's move on one board between two days."""

    board_id: str
    model_id: str
    variant: str | None
    model_name: str
    significance: str
    """``significant_up`` or ``significant_down``; with ``include_noise``, also ``within_noise``."""
    margin: int
    """Rank places beyond the noise: ``rank_best_from - rank_worst_to`` for a move up,
    ``rank_best_to - rank_worst_from`` for a move down (at least 1 when significant)."""
    comparable: bool
    from_published_at: date
    """Date of the snapshot current on ``from``."""
    to_published_at: date
    """Date of the snapshot current on ``to``."""
    rank_best_from: int
    rank_worst_from: int
    rank_best_to: int
    rank_worst_to: int
    rank_delta: int
    """``rank_best_from - rank_best_to``: positive is a move up."""
    score_from: float
    score_to: float
    score_delta: float


class MoverList(WireStruct, frozen=True, kw_only=True):
    """``GET /v1/movers``."""

    date_from: date
    """First day asked for (``from``)."""
    date_to: date | None
    """Last day asked for (``to``); ``null``: the latest snapshots."""
    since: date
    """Deprecated: the same as ``date_from`` (the old name of the parameter)."""
    until: date | None
    """Deprecated: the same as ``date_to`` (the old name of the parameter)."""
    discontinuities: list[Discontinuity]
    """Boards whose moves are left out unless ``include_discontinuous`` (and why)."""
    items: list[Mover]
    """The moves: up first, then down, each by ``margin``, largest first."""
