"""Wire schemas of ``GET /v1/runs``: each live source's latest ingest run."""

from __future__ import annotations

from datetime import datetime

from service.schemas import Paged, WireStruct

__all__ = ("SourceRun", "SourceRunList")


class SourceRun(WireStruct, frozen=True, kw_only=True):
    """A live source's latest ingest run (``rankledger ingest``), whether or not it published data."""

    source_id: str
    """Source id, e.g. ``lmarena``."""
    outcome: str
    """``succeeded``, ``partial`` (some formats failed), ``failed``, ``skipped`` (a credential is
    not set) or ``never`` (no live ingest yet: the data comes from the bundled seeds)."""
    last_attempt_at: datetime | None
    """When the latest run started fetching this source."""
    last_success_at: datetime | None
    """When the latest run that fetched and loaded every live format started."""
    stale: bool
    """No success within ``RANKLEDGER_STALE_AFTER_HOURS`` (retired and skipped sources are never stale)."""
    snapshots_added: int
    """New snapshots the latest run loaded (0 when the upstream had not changed)."""
    rows_added: int
    """Leaderboard entries of those snapshots."""
    failed_formats: list[str]
    """Formats whose fetch failed or whose payload was rejected in the latest run."""
    error: str | None
    """What went wrong in the latest run, format by format."""
    run_id: int | None
    """The ingest run (``ingest_run`` / ``source_run`` in the warehouse)."""


class SourceRunList(Paged, frozen=True, kw_only=True):
    """``GET /v1/runs``."""

    items: list[SourceRun]
