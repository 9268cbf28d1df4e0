"""Wire schemas of the analytics endpoints: movement, movers, leaders, compare, consensus.

Keys are snake_case and equal the CSV columns of each body's ``items``.
"""

from __future__ import annotations

from datetime import date

from service.schemas import Paged, WireStruct

__all__ = (
    "BoardStanding",
    "Comparison",
    "ConsensusEntry",
    "ConsensusInput",
    "ConsensusRanking",
    "Discontinuity",
    "Leaders",
    "Movement",
    "MovementEnd",
    "MovementLine",
    "Mover",
    "MoverList",
    "Overtake",
    "PairSummary",
    "PairVerdict",
    "Reign",
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


class Reign(WireStruct, frozen=True, kw_only=True):
    """A stretch of time during which the same model(s) held rank 1."""

    reign: int
    """1 for the earliest reign."""
    model_ids: list[str]
    """Model ids at rank 1 (several: co-leaders)."""
    model_names: list[str]
    """Their names as the source writes them."""
    sole: bool
    """One leader: nobody else's interval reaches its rank (else co-leaders)."""
    first_day: date
    """First day of the reign: the date of its first snapshot."""
    last_day: date
    """The day before the next reign starts; for the current reign the last day its data was seen."""
    days: int
    """Days from ``first_day`` to ``last_day``, both included."""
    last_seen_on: date
    """Last day a snapshot of this reign was seen (data may be older than ``last_day``)."""
    snapshot_count: int
    """Snapshots published during the reign."""


class Leaders(Paged, frozen=True, kw_only=True):
    """``GET /v1/leaders``."""

    board_id: str
    as_of: date | None
    """The day asked for: the history as published up to it (``None``: all of it)."""
    items: list[Reign]


class BoardStanding(WireStruct, frozen=True, kw_only=True):
    """A compared model's line on one board as of the day (its best variant there)."""

    board_id: str
    published_at: date
    unit: str
    model_id: str
    variant: str | None
    model_name: str
    """The line chosen for the model: its best variant on this board."""
    rank: int | None
    rank_best: int | None
    rank_worst: int | None
    score: float
    ci_lower: float | None
    ci_upper: float | None
    votes: int | None
    preliminary: bool


class PairVerdict(WireStruct, frozen=True, kw_only=True):
    """Model A against model B on one board on one day."""

    board_id: str
    published_at: date
    model_a: str
    model_b: str
    verdict: str
    """``ahead`` (A's lower bound above B's upper bound), ``behind`` (the reverse) or
    ``statistically_tied``; a side without an interval counts as a point (its score)."""
    score_a: float
    """A's score."""
    score_b: float
    """B's score."""
    ci_lower_a: float | None
    """Lower bound of A's interval (``null``: none published)."""
    ci_upper_a: float | None
    """Upper bound of A's interval (``null``: none published)."""
    ci_lower_b: float | None
    """Lower bound of B's interval (``null``: none published)."""
    ci_upper_b: float | None
    """Upper bound of B's interval (``null``: none published)."""
    expected_win_rate_a: float | None
    """On Elo-scale boards: ``1 / (1 + 10 ** ((score_b - score_a) / 400))``."""


class PairSummary(WireStruct, frozen=True, kw_only=True):
    """Model A against model B over the boards where both appear."""

    model_a: str
    model_b: str
    ahead: int
    """Boards where A is ahead of B."""
    statistically_tied: int
    """Boards where A and B are statistically tied."""
    behind: int
    """Boards where A is behind B."""
    boards: int
    """Boards where both appear."""


class Comparison(WireStruct, frozen=True, kw_only=True):
    """``GET /v1/compare``."""

    models: list[str]
    """The model ids compared, as the ``models`` parameter resolved."""
    as_of: date | None
    verdicts: list[PairVerdict]
    """Every pair of models on every board where both appear, as of the day."""
    summary: list[PairSummary]
    """Per pair: on how many boards A is ahead of, tied with and behind B."""
    history: list[PairVerdict] | None
    """With ``history=true``: the verdict on every served snapshot where both appear."""
    items: list[BoardStanding]
    """Each model's line on each board as of the day (its best variant there)."""


class ConsensusInput(WireStruct, frozen=True, kw_only=True):
    """One board's contribution to a model's consensus score."""

    board_id: str
    published_at: date
    model_name: str
    variant: str | None
    rank_best: int
    ranked_count: int
    percentile: float
    """``1 - (rank_best - 1) / (ranked_count - 1)``: 1 at the top, 0 at the bottom."""


class ConsensusEntry(WireStruct, frozen=True, kw_only=True):
    """A model's place in the cross-board ranking."""

    consensus_rank: int
    """Place in the cross-board ranking (by ``mean_percentile``)."""
    model_id: str
    mean_percentile: float
    """Mean of its ``percentile`` over the boards it is ranked on."""
    min_percentile: float
    """Its lowest ``percentile`` on those boards."""
    max_percentile: float
    """Its highest ``percentile`` on those boards."""
    coverage: int
    """Boards it appears on."""
    inputs: list[ConsensusInput]
    """The boards it is ranked on, with its percentile on each."""


class ConsensusRanking(WireStruct, frozen=True, kw_only=True):
    """``GET /v1/consensus``."""

    as_of: date | None
    boards: list[str]
    """Boards that went into the ranking."""
    min_boards: int
    """Boards a model must appear on to be ranked."""
    items: list[ConsensusEntry]
    """The ranking, best first."""
