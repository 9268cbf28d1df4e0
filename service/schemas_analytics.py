"""Wire schemas of the analytics endpoints: leaders, compare, consensus (movement and movers:
``service.schemas_movement``).

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
    "Leaders",
    "PairSummary",
    "PairVerdict",
    "Reign",
)


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
