"""How fresh the served data is: the generation's age and every live source's latest run.

Read without the write lock and without the warehouse: the generation from the ``CURRENT``
pointer and its file's time, the runs from ``runs.json`` (``ingest/run_status.py``), so a failed
run that published nothing still shows; on a read replica, its sync from object storage from
``replica.json`` (``ingest/replica_status.py``). ``/healthz``, ``/v1/runs`` and ``/metrics`` share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ingest.replica_status import ReplicaStatus, read_replica_status
from ingest.run_status import SKIPPED, read_run_status
from ingest.sources import FORMATS
from ingest.warehouse import GenerationPool
from service.schemas import Health, ReplicaHealth
from service.schemas_runs import SourceRun

__all__ = ("Freshness", "GenerationAge")

_LIVE_SOURCES = tuple(dict.fromkeys(f.source for f in FORMATS if f.fetch is not None))


@dataclass(frozen=True)
class GenerationAge:
    """The generation new queries use and when it was published."""

    name: str
    published_at: datetime

    def age_seconds(self, now: datetime) -> float:
        """Seconds since publication."""
        return max(0.0, (now - self.published_at).total_seconds())


@dataclass(frozen=True)
class Freshness:
    """Answers for one data dir."""

    pool: GenerationPool
    """The API's generation pool (its current generation is the served one)."""
    stale_after: timedelta
    """A live source without a success for this long is stale."""
    retired: frozenset[str] = frozenset()
    """Sources that no longer change (``seeds/sources.toml``): never stale."""

    @property
    def data_dir(self) -> Path:
        """The data dir served."""
        return self.pool.data_dir

    def generation(self) -> GenerationAge | None:
        """The served generation and its publication time (the file's modification time)."""
        name = self.pool.current_name
        if name is None:
            return None
        try:
            modified = (self.data_dir / "generations" / name).stat().st_mtime
        except FileNotFoundError:  # pruned by the writer while this process still serves it
            return None
        return GenerationAge(name=name, published_at=datetime.fromtimestamp(modified, UTC))

    def source_runs(self, now: datetime | None = None) -> list[SourceRun]:
        """Every live source (and any other with a recorded run), in registry order."""
        now = now or datetime.now(UTC)
        statuses = read_run_status(self.data_dir)
        runs = []
        for source in dict.fromkeys([*_LIVE_SOURCES, *statuses]):
            status = statuses.get(source)
            outcome = status.outcome if status else "never"
            last_success = status.last_success_at if status else None
            stale = (
                source not in self.retired
                and outcome != SKIPPED
                and (last_success is None or now - last_success > self.stale_after)
            )
            runs.append(
                SourceRun(
                    source_id=source,
                    outcome=outcome,
                    last_attempt_at=status.last_attempt_at if status else None,
                    last_success_at=last_success,
                    stale=stale,
                    snapshots_added=status.snapshots_added if status else 0,
                    rows_added=status.rows_added if status else 0,
                    failed_formats=status.failed_formats if status else [],
                    error=status.error if status else None,
                    run_id=status.run_id if status else None,
                )
            )
        return runs

    def health(self) -> Health:
        """``/healthz``: always ``ok`` while serving; freshness as information, not as failure."""
        now = datetime.now(UTC)
        generation = self.generation()
        runs = self.source_runs(now)
        successes = [r.last_success_at for r in runs if r.last_success_at is not None]
        return Health(
            status="ok",
            generation=generation.name if generation else None,
            generation_published_at=generation.published_at if generation else None,
            last_ingest_at=max(successes, default=None),
            stale_sources=[r.source_id for r in runs if r.stale],
            replica=_replica_health(read_replica_status(self.data_dir)),
        )


def _replica_health(status: ReplicaStatus | None) -> ReplicaHealth | None:
    """The sync status a replica's sync process writes (``None``: not a replica)."""
    if status is None:
        return None
    return ReplicaHealth(
        source=status.source,
        poll_seconds=status.poll_seconds,
        pointer_generation=status.pointer_generation,
        in_sync=status.pointer_generation is not None and status.pointer_generation == status.generation,
        last_checked_at=status.checked_at,
        last_synced_at=status.synced_at,
        last_switch_seconds=status.switch_seconds,
        switches_total=status.switches_total,
        failures_total=status.failures_total,
        last_error=status.last_error,
        last_error_at=status.last_error_at,
    )
