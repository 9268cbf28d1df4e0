"""Wire schemas: msgspec Structs whose snake_case keys equal the CSV/Parquet export columns.

Sources, boards, snapshots, leaderboards, disagreements and exports are defined here; the bases
(``service._wire``), the schemas of health (``service.schemas_health``) and of models
(``service.schemas_models``) are re-exported, so ``from service.schemas import ...`` reaches
every one of them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from service._wire import Paged, WireStruct
from service.schemas_health import Health, ReplicaHealth
from service.schemas_models import (
    Alias,
    AliasList,
    ClosestModel,
    HistoryPoint,
    Model,
    ModelClaim,
    ModelDetail,
    ModelHistory,
    ModelList,
    Standing,
    UnresolvedName,
    UnresolvedNameList,
)

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
    "ReplicaHealth",
    "SnapshotInfo",
    "SnapshotList",
    "Source",
    "SourceList",
    "Standing",
    "UnresolvedName",
    "UnresolvedNameList",
    "WireStruct",
)


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
