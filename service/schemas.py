"""Wire schemas: msgspec Structs whose snake_case keys equal the CSV/Parquet export columns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

__all__ = (
    "Alias",
    "AliasList",
    "Board",
    "BoardList",
    "ExportColumn",
    "ExportDataset",
    "ExportList",
    "UnresolvedName",
    "UnresolvedNameList",
    "Disagreement",
    "DisagreementList",
    "Health",
    "HistoryPoint",
    "Leaderboard",
    "Paged",
    "LeaderboardEntry",
    "Model",
    "ModelClaim",
    "ModelDetail",
    "ModelHistory",
    "ModelList",
    "SnapshotInfo",
    "SnapshotList",
    "Source",
    "SourceList",
    "Standing",
    "WireStruct",
)


class WireStruct(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every response body."""


class Paged(WireStruct, frozen=True, kw_only=True):
    """Base of list bodies: the page of ``items`` returned and how many there are in all."""

    items: list[Any]
    total: int | None = None
    """Items before paging (see ``limit``/``offset`` and the ``Link`` header)."""
    limit: int | None = None
    offset: int = 0


class Health(WireStruct, frozen=True, kw_only=True):
    """Liveness, the generation being served and how fresh the data is."""

    status: str
    """``ok`` while the process serves (stale data does not make it fail: see ``stale_sources``)."""
    generation: str | None
    """File name of the published warehouse generation answering queries."""
    generation_published_at: datetime | None = None
    """When that generation was published."""
    last_ingest_at: datetime | None = None
    """The newest successful live fetch of any source (``null``: no live ingest yet)."""
    stale_sources: list[str] = msgspec.field(default_factory=list)
    """Live sources without a successful fetch within ``RANKLEDGER_STALE_AFTER_HOURS`` (see ``/v1/runs``)."""


class Source(WireStruct, frozen=True, kw_only=True):
    """An upstream leaderboard source with its licence and citation."""

    source_id: str
    name: str
    homepage: str
    licence: str
    citation: str
    description: str
    retired: bool
    board_count: int
    """Boards of this source in the warehouse."""
    latest_published_at: date | None
    """Newest snapshot date over all its boards."""


class SourceList(Paged, frozen=True, kw_only=True):
    """``GET /v1/sources``."""

    items: list[Source]


class Board(WireStruct, frozen=True, kw_only=True):
    """One ranked list: source, arena, category, variant."""

    board_id: str
    """Readable, stable id: ``source.arena.category.variant``, e.g. ``lmarena.text.overall.raw``."""
    source_id: str
    arena: str
    category: str
    variant: str
    """``raw`` or ``style_control`` on LMArena."""
    metric: str
    unit: str
    higher_is_better: bool
    first_published_at: date
    last_published_at: date
    snapshot_count: int
    """Distinct published dates with a snapshot."""


class BoardList(Paged, frozen=True, kw_only=True):
    """``GET /v1/boards``."""

    items: list[Board]


class SnapshotInfo(WireStruct, frozen=True, kw_only=True):
    """One snapshot of a board; ``served`` marks the one answering for its date."""

    snapshot_id: int
    board_id: str
    published_at: date
    """The leaderboard's own date."""
    retrieved_at: datetime
    """When the payload was fetched or archived."""
    parser: str
    """Format that produced it."""
    row_count: int
    truncated: bool
    carried_over: bool
    has_preliminary: bool
    served: bool
    """This snapshot answers for its dates (see README, "Dates and snapshots")."""
    last_seen_on: date | None
    """For a served snapshot: the last day the same data was seen (its validity ends there)."""
    role: str
    """``served``, ``repeat`` (same data as ``same_data_as``, seen later), ``corroboration``
    (another format is served for this date) or ``carried_over`` (copied from an older scrape)."""
    same_data_as: int | None
    """For a repeat: the served snapshot carrying the same data."""
    payload_sha256: str


class SnapshotList(Paged, frozen=True, kw_only=True):
    """``GET /v1/boards/{board_id}/snapshots``."""

    board_id: str
    items: list[SnapshotInfo]


class LeaderboardEntry(WireStruct, frozen=True, kw_only=True):
    """A model's line on a board as of a day."""

    position: int
    model_id: str
    model_name: str
    """Name exactly as the source writes it."""
    rank: int | None
    """Rank the source published."""
    rank_best: int | None
    rank_worst: int | None
    score: float | None
    ci_lower: float | None
    ci_upper: float | None
    votes: int | None
    organization: str | None
    license: str | None
    preliminary: bool
    extra: dict[str, Any] | None


class Leaderboard(Paged, frozen=True, kw_only=True):
    """``GET /v1/boards/{board_id}/leaderboard``."""

    board_id: str
    as_of: date | None
    """The day asked for (``None``: latest)."""
    snapshot: SnapshotInfo
    """The snapshot current on that day: the latest with ``published_at <= as_of``."""
    items: list[LeaderboardEntry]


class Model(WireStruct, frozen=True, kw_only=True):
    """A model: canonical (from the registry) or source-scoped (``source:name``, not yet mapped)."""

    model_id: str
    display_name: str
    canonical: bool
    """False for a source-scoped model nobody has mapped to the registry yet."""
    organization: str | None
    family: str | None
    release_date: date | None
    names: list[str]
    """Names the sources use for it (all sources)."""
    board_count: int
    first_published_at: date | None
    last_published_at: date | None


class Alias(WireStruct, frozen=True, kw_only=True):
    """A name a source uses for a model, and how it resolved."""

    source_id: str
    alias: str
    model_id: str
    variant: str | None
    """Variant label, e.g. ``thinking-32k-20251101``."""
    variant_attributes: dict[str, str]
    """The explicit attributes behind the label (mode, reasoning_effort, thinking_budget...)."""
    resolved: bool
    rule: str
    """``declared alias``, a case/separator or suffix rule, or ``unresolved``."""
    provenance: str
    observed: bool
    """Seen in an entry (false: declared in the registry only)."""


class AliasList(Paged, frozen=True, kw_only=True):
    """``GET /v1/models/resolve`` and ``GET /v1/identity/unresolved``."""

    items: list[Alias]


class ModelList(Paged, frozen=True, kw_only=True):
    """``GET /v1/models``."""

    items: list[Model]


class Standing(WireStruct, frozen=True, kw_only=True):
    """A model's latest line on one board (one per variant listed there)."""

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


class ModelClaim(WireStruct, frozen=True, kw_only=True):
    """An article claim naming the model, with its verdict (details at ``/v1/claims/{claim_id}``)."""

    claim_id: str
    kind: str
    status: str
    """``supported``, ``contradicted``, ``partly_supported``, ``unverifiable`` or ``pending``."""
    summary: str
    refers_to: date
    publisher: str


class ModelDetail(WireStruct, frozen=True, kw_only=True):
    """``GET /v1/models/{model_id}``."""

    model: Model
    aliases: list[Alias]
    """Names by source, with the rule and provenance of each mapping."""
    standings: list[Standing]
    """Latest standing on every board it appears on, per variant."""
    claims: list[ModelClaim]
    """Article claims naming the model, and their verdicts."""


class HistoryPoint(WireStruct, frozen=True, kw_only=True):
    """One dated point of a model's rank history on one board."""

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
    last_seen_on: date
    """Last day the snapshot's data was seen (it stays current until the next point)."""
    snapshot_id: int


class ModelHistory(Paged, frozen=True, kw_only=True):
    """``GET /v1/models/{model_id}/history``."""

    model_id: str
    """The canonical id the path resolved to."""
    spelling: str | None
    """When the path was a source's spelling (``gpt-4o-2024-05-13``): only entries so spelt."""
    variant: str | None
    """The variant label the series is restricted to (``None``: no restriction)."""
    items: list[HistoryPoint]


class Disagreement(WireStruct, frozen=True, kw_only=True):
    """A model on which two formats covering the same board and date disagree beyond rounding."""

    board_id: str
    published_at: date
    model_id: str
    model_name: str
    served_snapshot_id: int
    served_parser: str
    served_score: float | None
    served_votes: int | None
    other_snapshot_id: int
    other_parser: str
    other_score: float | None
    other_votes: int | None
    score_difference: float | None
    """Absolute score difference; more than 1 point is beyond rounding."""


class DisagreementList(Paged, frozen=True, kw_only=True):
    """``GET /v1/disagreements``."""

    items: list[Disagreement]


class UnresolvedName(WireStruct, frozen=True, kw_only=True):
    """A source's name that no alias or rule maps to a canonical model, with where it appears."""

    source_id: str
    model_name: str
    model_id: str
    """The source-scoped id it is kept under (``source:name``)."""
    boards: list[str]
    first_published_at: date
    last_published_at: date
    best_rank: int | None
    """Best ``rank_best`` it reached on any of those boards in the window."""


class UnresolvedNameList(Paged, frozen=True, kw_only=True):
    """``GET /v1/identity/unresolved``."""

    items: list[UnresolvedName]


class ExportColumn(WireStruct, frozen=True, kw_only=True):
    """A column of an export dataset."""

    name: str
    type: str
    """DuckDB type name (``VARCHAR``, ``DATE``, ``DOUBLE``...)."""


class ExportDataset(WireStruct, frozen=True, kw_only=True):
    """One downloadable dataset of the current generation."""

    dataset: str
    description: str
    rows: int
    columns: list[ExportColumn]
    filters: list[str]
    """Query parameters the dataset honours (``board``, ``source``, ``from``, ``to``)."""
    parquet_url: str
    csv_url: str


class ExportList(Paged, frozen=True, kw_only=True):
    """``GET /v1/exports``."""

    generation: str
    """The warehouse generation the files come from (immutable)."""
    manifest_url: str
    citations: list[str]
    """Licence and citation of every source; they apply to the exported data."""
    items: list[ExportDataset]
