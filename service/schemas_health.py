"""Wire schemas of ``GET /health``: liveness, freshness and a read replica's sync (re-exported by
``service.schemas``)."""

from __future__ import annotations

from datetime import datetime

import msgspec

from service._wire import WireStruct

__all__ = ("Health", "ReplicaHealth")


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
    replica: ReplicaHealth | None = None
    """A read replica's sync from object storage (``rankledger serve --from``); ``null`` elsewhere."""


class ReplicaHealth(WireStruct, frozen=True, kw_only=True):
    """A read replica's sync from object storage: what the bucket points at and how fresh the check is."""

    source: str
    """The bucket location followed, ``s3://BUCKET/PREFIX``."""
    poll_seconds: float
    """Seconds between two checks of its ``CURRENT.json``."""
    pointer_generation: str | None
    """The generation ``CURRENT.json`` named at the latest successful check."""
    in_sync: bool
    """This replica serves what the pointer names (``false`` while a download is refused or failing)."""
    last_checked_at: datetime | None
    """The latest check that read the pointer."""
    last_synced_at: datetime | None
    """The latest check that found this replica serving what the pointer names."""
    last_switch_seconds: float | None
    """Download, verification and switch time of the latest new generation."""
    switches_total: int
    """New generations switched to since the replica started."""
    failures_total: int
    """Failed checks since the replica started (unreachable storage, a cut download, a checksum mismatch)."""
    last_error: str | None
    """What the latest failed check said (``null``: none since start)."""
    last_error_at: datetime | None
    """When it failed."""
