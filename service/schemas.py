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
    "ClosestModel",
    "Disagreement",
    "DisagreementList",
    "ExportColumn",
    "ExportDataset",
    "ExportList",
    "Health",
    "HistoryPoint",
    "Leaderboard",
    "LeaderboardEntry",
    "Model",
    "ModelClaim",
    "ModelDetail",
    "ModelHistory",
    "ModelList",
    "Paged",
    "SnapshotInfo",
    "SnapshotList",
    "Source",
    "SourceList",
    "Standing",
    "UnresolvedName",
    "UnresolvedNameList",
    "WireStruct",
)


class WireStruct(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every response body."""


class Paged(WireStruct, frozen=True, kw_only=True):
    """Base of list bodies: the page of ``items`` returned and how many there are in all."""

    items: list[Any]
    """This page of the list: at most ``limit`` items, after skipping ``offset``."""
    total: int | None = None
    """Items before paging (see ``limit``/``offset`` and the ``Link`` header)."""
    limit: int | None = None
    """Items per page asked for (``null``: the list is not paged)."""
    offset: int = 0
    """Items skipped before this page."""


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
    """The source's name, e.g. ``LMArena``."""
    homepage: str
    """Where the source publishes its leaderboards."""
    licence: str
    """Licence of the source's data; it applies to what rankledger serves from it."""
    citation: str
    """How to cite the source."""
    description: str
    """What the source measures, and how."""
    retired: bool
    """The source no longer publishes; its archived versions are kept."""
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
    """Arena or benchmark within the source, e.g. ``text``, ``vision``, ``webdev``, ``text-to-image``."""
    category: str
    """Category within the arena, e.g. ``overall``, ``coding``, ``hard_prompts``."""
    variant: str
    """``raw`` or ``style_control`` on LMArena."""
    metric: str
    """What the score measures, e.g. ``rating`` (LMArena) or ``resolved`` (SWE-bench)."""
    unit: str
    higher_is_better: bool
    """True when a higher score ranks better."""
    first_published_at: date
    """Date of the board's earliest snapshot."""
    last_published_at: date
    """Date of the board's newest snapshot."""
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
    """Entries (model lines) in the snapshot."""
    truncated: bool
    carried_over: bool
    """Copied by the arena.ai scrape from an older scrape (``_index.json`` errors); never served as new
    data."""
    has_preliminary: bool
    """Some of its lines are marked preliminary."""
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
    """sha256 of the upstream payload the snapshot was parsed from (archived byte for byte)."""


class SnapshotList(Paged, frozen=True, kw_only=True):
    """``GET /v1/boards/{board_id}/snapshots``."""

    board_id: str
    items: list[SnapshotInfo]


class LeaderboardEntry(WireStruct, frozen=True, kw_only=True):
    """A model's line on a board as of a day."""

    position: int
    """1-based position of the line in the snapshot, in the source's order."""
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
    """The model's licence as the source states it, e.g. ``proprietary`` (``null``: not given)."""
    preliminary: bool
    extra: dict[str, Any] | None
    """Source-specific fields kept as published, e.g. LMArena's ``rank_spread`` or prices (``null``: none)."""
    votes_snapshot_id: int | None
    """The snapshot the votes come from: the line's own, or a corroborating snapshot of the same
    board and day when the served one lacks them (field-level completion, docs/movement.md)."""
    rank_snapshot_id: int | None
    """The snapshot the published rank comes from: the line's own, or a corroborating one."""


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


class Disagreement(WireStruct, frozen=True, kw_only=True):
    """A model on which two formats covering the same board and date disagree beyond rounding."""

    board_id: str
    published_at: date
    model_id: str
    model_name: str
    served_snapshot_id: int
    """The snapshot served for this board and date."""
    served_parser: str
    """Format of the served snapshot, e.g. ``lmarena-dataset-json``."""
    served_score: float | None
    """The model's score in the served snapshot."""
    served_votes: int | None
    """The model's votes in the served snapshot."""
    other_snapshot_id: int
    """The other format's snapshot of the same board and date."""
    other_parser: str
    """Format of the other snapshot."""
    other_score: float | None
    """The model's score in the other snapshot."""
    other_votes: int | None
    """The model's votes in the other snapshot."""
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
    """Boards it appears on under this name."""
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
    """Column name (the same as the JSON key of that field in the API)."""
    type: str
    """DuckDB type name (``VARCHAR``, ``DATE``, ``DOUBLE``...)."""


class ExportDataset(WireStruct, frozen=True, kw_only=True):
    """One downloadable dataset of the current generation."""

    dataset: str
    description: str
    """What one row is, and where it comes from."""
    rows: int
    columns: list[ExportColumn]
    """Its columns with their DuckDB types."""
    filters: list[str]
    """Query parameters the dataset honours (``board``, ``source``, ``from``, ``to``)."""
    parquet_url: str
    """Where to download it as Parquet."""
    csv_url: str
    """Where to download it as CSV."""


class ExportList(Paged, frozen=True, kw_only=True):
    """``GET /v1/exports``."""

    generation: str
    """The warehouse generation the files come from (immutable)."""
    manifest_url: str
    """Where the manifest is (sha256, bytes and rows of every file)."""
    citations: list[str]
    """Licence and citation of every source; they apply to the exported data."""
    items: list[ExportDataset]
