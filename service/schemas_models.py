"""Wire schemas of models: canonical and source-scoped models, their aliases, standings, rank
histories, claims about them and the names no alias resolves (re-exported by ``service.schemas``)."""

from __future__ import annotations

from datetime import date

import msgspec

from service._wire import Paged, WireStruct

__all__ = (
    "Alias",
    "AliasList",
    "ClosestModel",
    "HistoryPoint",
    "Model",
    "ModelClaim",
    "ModelDetail",
    "ModelHistory",
    "ModelList",
    "Standing",
    "UnresolvedName",
    "UnresolvedNameList",
)


class Model(WireStruct, frozen=True, kw_only=True):
    """A model: canonical (from the registry) or source-scoped (``source:name``, not yet mapped)."""

    model_id: str
    display_name: str
    """Human-readable name, e.g. ``GPT-4o``."""
    canonical: bool
    """False for a source-scoped model nobody has mapped to the registry yet."""
    organization: str | None
    family: str | None
    """Model family in the registry, e.g. ``gpt-4o`` (``null``: not known)."""
    release_date: date | None
    """Release date from the registry (``null``: not known)."""
    names: list[str]
    """Names the sources use for it (all sources)."""
    board_count: int
    """Boards it appears on."""
    first_published_at: date | None
    last_published_at: date | None


class Alias(WireStruct, frozen=True, kw_only=True):
    """A name a source uses for a model, and how it resolved."""

    source_id: str
    alias: str
    """The name as the source writes it."""
    model_id: str
    variant: str | None
    """Variant label, e.g. ``thinking-32k-20251101``."""
    variant_attributes: dict[str, str]
    """The explicit attributes behind the label (mode, reasoning_effort, thinking_budget...)."""
    resolved: bool
    """It maps to a canonical model (false: kept as a source-scoped model)."""
    rule: str
    """``declared alias``, a case/separator or suffix rule, or ``unresolved``."""
    provenance: str
    """Where the mapping comes from, e.g. ``canonical id in seeds/models.toml`` or the declared alias's
    evidence."""
    observed: bool
    """Seen in an entry (false: declared in the registry only, or, in a resolve answer with
    ``rules_applied``, what the rules would make of a spelling no source has used)."""


class ClosestModel(WireStruct, frozen=True, kw_only=True):
    """A canonical model whose id or recorded name is close to a name no rule resolves."""

    model_id: str
    """The canonical model id."""
    display_name: str
    """Its display name in the registry."""
    similarity: float
    """1 - edit distance / length of the longer of the two (0 to 1, 1 identical), between the name
    asked (case and separators normalised, or one of its stems without variant suffixes) and
    ``matched_name``; rounded to 3 decimals."""
    matched_name: str
    """The model id or recorded name (normalised) that came closest."""


class AliasList(Paged, frozen=True, kw_only=True):
    """``GET /v1/models/resolve``: how a name resolves, or would."""

    items: list[Alias]
    rules_applied: bool = False
    """False: the items are mappings recorded in the warehouse for this spelling. True: no source
    (or not the one asked) has used it, and the items say what the registry's rules would make of
    it (``observed`` false, ``rule`` the rule that decided, or ``unresolved``)."""
    closest: list[ClosestModel] = msgspec.field(default_factory=list)
    """When no item resolves: the canonical models closest to the name, best first (at most 5,
    ties by id); a hint for adding an alias, never applied (no fuzzy merging on the write path)."""


class ModelList(Paged, frozen=True, kw_only=True):
    """``GET /v1/models``."""

    items: list[Model]


class _DatedLine(WireStruct, frozen=True, kw_only=True):
    """What a standing and a history point both say of a model's line in a snapshot (the wire
    shape of each lists these fields first, in this order)."""

    board_id: str
    published_at: date
    model_name: str
    variant: str | None
    rank: int | None
    rank_best: int | None
    rank_worst: int | None
    score: float | None
    ci_lower: float | None
    ci_upper: float | None
    votes: int | None
    preliminary: bool


class Standing(_DatedLine, frozen=True, kw_only=True):
    """A model's latest line on one board (one per variant listed there)."""

    votes_snapshot_id: int | None
    """The snapshot the votes come from: the line's own, or a corroborating snapshot of the same
    board and day when the served one lacks them (field-level completion, docs/movement.md)."""
    rank_snapshot_id: int | None
    """The snapshot the published rank comes from: the line's own, or a corroborating one."""


class ModelClaim(WireStruct, frozen=True, kw_only=True):
    """An article claim naming the model, with its verdict (details at ``/v1/claims/{claim_id}``)."""

    claim_id: str
    kind: str
    """What the claim asserts: ``ranks``, ``ahead_of``, ``score``, ``leads``, ``first_appearance``,
    ``usage_metric`` or ``forecast``."""
    status: str
    """``supported``, ``contradicted``, ``partly_supported``, ``unverifiable`` or ``pending``."""
    summary: str
    """Our own one-line paraphrase of what the article claims."""
    refers_to: date
    """The day the claim is about."""
    publisher: str


class ModelDetail(WireStruct, frozen=True, kw_only=True):
    """``GET /v1/models/{model_id}``."""

    model: Model
    """The model."""
    aliases: list[Alias]
    """Names by source, with the rule and provenance of each mapping."""
    standings: list[Standing]
    """Latest standing on every board it appears on, per variant."""
    claims: list[ModelClaim]
    """Article claims naming the model, and their verdicts."""


class HistoryPoint(_DatedLine, frozen=True, kw_only=True):
    """One dated point of a model's rank history on one board."""

    last_seen_on: date
    """Last day the snapshot's data was seen (it stays current until the next point)."""
    snapshot_id: int
    votes_snapshot_id: int | None
    """The snapshot the votes come from: the line's own, or a corroborating snapshot of the same
    board and day when the served one lacks them (field-level completion, docs/movement.md)."""
    rank_snapshot_id: int | None
    """The snapshot the published rank comes from: the line's own, or a corroborating one."""


class ModelHistory(Paged, frozen=True, kw_only=True):
    """``GET /v1/models/{model_id}/history``."""

    model_id: str
    """The canonical id the path resolved to."""
    spelling: str | None
    """When the path was a source's spelling (``gpt-4o-2024-05-13``): only entries so spelt."""
    variant: str | None
    """The variant label the series is restricted to (``None``: no restriction)."""
    items: list[HistoryPoint]


class UnresolvedName(WireStruct, frozen=True, kw_only=True):
    """A source's name that no alias or rule maps to a canonical model, with where it appears."""

    source_id: str
    model_name: str
    model_id: str
    """The source-scoped id it is kept under (``source:name``)."""
    boards: list[str]
    """Boards it appears on under this name."""
    first_published_at: date
    last_published_at: date
    best_rank: int | None
    """Best ``rank_best`` it reached on any of those boards in the window."""


class UnresolvedNameList(Paged, frozen=True, kw_only=True):
    """``GET /v1/identity/unresolved``."""

    items: list[UnresolvedName]
