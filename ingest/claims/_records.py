"""Claim records: what an article says about rankings, as hand-edited, strictly validated data.

A claim file (``seeds/claims/*.toml``) holds one ``[source]`` (the article) and its ``[[claim]]``
entries. ``kind`` selects the claim's shape; unknown keys, missing fields and dates written as
strings are errors. ``docs/claims.md`` describes every kind and how it is verified.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

__all__ = (
    "KINDS",
    "TIMINGS",
    "AheadOfClaim",
    "Claim",
    "ClaimFile",
    "ClaimSource",
    "FirstAppearanceClaim",
    "ForecastClaim",
    "LeadsClaim",
    "ModelRef",
    "RanksClaim",
    "ScoreClaim",
    "UsageMetricClaim",
    "subjects",
)

ClaimId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9\-]*[a-z0-9]$",
        max_length=100,
        description="Stable slug, unique over all claim files, e.g. `netease-code-red-gemini-3-pro-leads`.",
    ),
]
Summary = Annotated[
    str,
    msgspec.Meta(
        min_length=10,
        max_length=240,
        description="Our own one-line paraphrase of the claim (never the article's sentence).",
    ),
]
Quote = Annotated[
    str,
    msgspec.Meta(max_length=60, description="At most a short fragment of the article, verbatim."),
]
Tolerance = Annotated[float, msgspec.Meta(ge=0, description="Allowed absolute difference.")]
WindowDays = Annotated[
    int,
    msgspec.Meta(ge=1, le=120, description="Days after (on_release) or before (as_of) `refers_to`."),
]
Timing = Literal["as_of", "on_release"]
"""``as_of``: the snapshot current on ``refers_to``; ``on_release``: the first snapshots published
on or after ``refers_to`` that list the models, within ``window_days``."""

TIMINGS: tuple[str, ...] = ("as_of", "on_release")
"""The timings a board-based claim can be checked at."""


class ModelRef(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A canonical model, optionally one variant of it (``variant`` as in ``entry.variant``)."""

    id: str
    """Model id from ``seeds/models.toml``, e.g. ``grok-4.1``."""
    variant: str | None = None
    """Variant label, e.g. ``thinking``; ``None``: the model's best-placed variant on each board."""

    def label(self) -> str:
        """``id`` or ``id (variant)``."""
        return f"{self.id} ({self.variant})" if self.variant else self.id


ModelList = list[ModelRef | str]
"""Subject models: ids, or ``{ id = "...", variant = "..." }`` tables."""


class ClaimSource(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The article (or announcement) the claims come from."""

    publisher: str
    """Who published it, e.g. ``Google (The Keyword blog)``, ``NetEase Hao``."""
    language: Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    """BCP 47 tag: ``en``, ``zh-Hans``, ``zh-Hant``."""
    published_on: date
    """Publication day (a bare TOML date)."""
    published_on_approximate: bool = False
    """The day is not known exactly; ``note`` says why and how it was chosen."""
    title: str | None = None
    """Title as published, when recorded."""
    author: str | None = None
    """Author(s) as credited."""
    editor: str | None = None
    """Editor as credited, when the article names one."""
    url: Annotated[str, msgspec.Meta(pattern=r"^https?://")] | None = None
    """Where it was published, when known."""
    note: str | None = None
    """Anything a reader of the record should know (uncertain date, missing title...)."""


class _Claim(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="kind"):
    id: ClaimId
    summary: Summary
    refers_to: date
    """The day the claim is about (a launch day, the article's day, a memo's day)."""
    quote: Quote | None = None
    note: str | None = None


class _BoardClaim(_Claim, frozen=True, kw_only=True):
    boards: list[str] = msgspec.field(default_factory=list)
    """Board ids, or a family ``prefix.*`` (its newest board on the day, e.g. a LiveBench release)."""
    scope: str | None = None
    """A named list of boards (``major``, ``lmarena-text``; see ``ingest/claims/_scopes.py``)."""
    timing: Timing = "as_of"
    window_days: WindowDays | None = None

    def __post_init__(self) -> None:
        if not self.boards and self.scope is None:
            raise ValueError("a claim about boards needs `boards` or `scope`")


ExactRank = Annotated[int, msgspec.Meta(ge=1, description='The exact rank claimed, e.g. 3 for "#3".')]
TopN = Annotated[
    int, msgspec.Meta(ge=1, description='"In the top N": the rank is N or better (a tie at N counts).')
]


def _one_model() -> msgspec.Meta:
    return msgspec.Meta(min_length=1, max_length=1, description="Exactly one model.")


class RanksClaim(_BoardClaim, frozen=True, kw_only=True, tag="ranks"):
    """Model X is at rank ``rank``, or in the top ``rank_at_most``, on the board(s)."""

    models: Annotated[ModelList, _one_model()]
    rank: ExactRank | None = None
    """The exact rank claimed ("#3"); give this or ``rank_at_most``."""
    rank_at_most: TopN | None = None
    """"In the top N": the model's rank is N or better (a tie at N counts); give this or ``rank``."""
    score: float | None = None
    tolerance: Tolerance | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if (self.rank is None) == (self.rank_at_most is None):
            raise ValueError("a `ranks` claim needs exactly one of `rank` (exact) or `rank_at_most` (top N)")


class AheadOfClaim(_BoardClaim, frozen=True, kw_only=True, tag="ahead_of"):
    """The first model is placed ahead of each of the others."""

    models: Annotated[ModelList, msgspec.Meta(min_length=2)]


class ScoreClaim(_BoardClaim, frozen=True, kw_only=True, tag="score"):
    """Model X scored ``score``."""

    models: Annotated[ModelList, _one_model()]
    score: float
    tolerance: Tolerance | None = None


class LeadsClaim(_BoardClaim, frozen=True, kw_only=True, tag="leads"):
    """Model X is #1, optionally with a score and a lead over the runner-up."""

    models: Annotated[ModelList, _one_model()]
    score: float | None = None
    margin: Annotated[float, msgspec.Meta(gt=0)] | None = None
    tolerance: Tolerance | None = None


class FirstAppearanceClaim(_BoardClaim, frozen=True, kw_only=True, tag="first_appearance"):
    """Model X was released on ``refers_to`` (``on_release``) or by ``refers_to`` (``as_of``)."""

    models: Annotated[ModelList, _one_model()]


class UsageMetricClaim(_Claim, frozen=True, kw_only=True, tag="usage_metric"):
    """A usage figure (users, traffic, market share): not leaderboard data."""

    product: str
    """E.g. ``ChatGPT``, ``Gemini app``."""
    metric: str
    """E.g. ``weekly_active_users``, ``traffic_relative_to_chatgpt``."""
    value: float
    unit: str
    """E.g. ``users``, ``percent``, ``percent_change``."""
    baseline_value: float | None = None
    """The earlier value the claim compares with."""
    baseline_on: date | None = None
    """The day (or first day of the month) of ``baseline_value``."""
    data_provider: str | None = None
    """Whose measurement it is, e.g. ``Similarweb``."""
    models: ModelList = msgspec.field(default_factory=list)


class ForecastClaim(_BoardClaim, frozen=True, kw_only=True, tag="forecast"):
    """A model of ``organization`` released after ``refers_to`` and by ``deadline`` will rank ahead
    of every model in ``models`` on the board(s)."""

    models: Annotated[ModelList, msgspec.Meta(min_length=1, description="The rivals to beat.")]
    organization: str
    deadline: date
    """Last day of the period the forecast names."""
    grace_days: Annotated[int, msgspec.Meta(ge=0, le=60)] = 7
    """Days after the deadline that boards get to list the model."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.deadline < self.refers_to:
            raise ValueError("`deadline` is before `refers_to`")


Claim = (
    RanksClaim
    | AheadOfClaim
    | ScoreClaim
    | LeadsClaim
    | FirstAppearanceClaim
    | UsageMetricClaim
    | ForecastClaim
)
"""One claim; ``kind`` says which."""

KINDS: tuple[str, ...] = (
    "ranks",
    "ahead_of",
    "score",
    "leads",
    "first_appearance",
    "usage_metric",
    "forecast",
)
"""Every claim kind, in the order the docs present them."""


class ClaimFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One article and the claims taken from it."""

    source: ClaimSource
    claim: Annotated[list[Claim], msgspec.Meta(min_length=1)]


def subjects(claim: Claim) -> list[ModelRef]:
    """The claim's models as refs (plain ids become refs without a variant)."""
    return [m if isinstance(m, ModelRef) else ModelRef(id=m) for m in claim.models]
