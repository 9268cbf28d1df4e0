"""``/metrics`` of a read replica: its sync from object storage, read from ``replica.json`` at scrape time.

A process spawned beside the workers syncs; the workers answer scrapes. So these figures come from
the status file the sync replaces after every check (``ingest/replica_status.py``), the same whichever
worker answers. A writer's server (no ``replica.json``) has none of these series.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from ingest.replica_status import read_replica_status

__all__ = ("replica_families",)


def replica_families(data_dir: Path) -> Iterable[Metric]:
    """The replica's sync figures (nothing when ``data_dir`` is not a replica's)."""
    status = read_replica_status(data_dir)
    if status is None:
        return ()
    info = GaugeMetricFamily(
        "rankledger_replica_info", "The bucket location this replica follows (value 1).", labels=["source"]
    )
    info.add_metric([status.source], 1)
    in_sync = GaugeMetricFamily(
        "rankledger_replica_in_sync", "1 when the replica serves the generation CURRENT.json names."
    )
    in_sync.add_metric(
        [], int(status.pointer_generation is not None and status.pointer_generation == status.generation)
    )
    families: list[Metric] = [info, in_sync]
    for name, help_text, moment in (
        ("last_check", "The latest check that read CURRENT.json.", status.checked_at),
        (
            "last_sync",
            "The latest check that found the replica serving what CURRENT.json names.",
            status.synced_at,
        ),
        ("last_error", "The latest failed check.", status.last_error_at),
    ):
        gauge = GaugeMetricFamily(f"rankledger_replica_{name}_timestamp_seconds", help_text)
        if moment is not None:
            gauge.add_metric([], moment.timestamp())
        families.append(gauge)
    switch = GaugeMetricFamily(
        "rankledger_replica_switch_seconds",
        "Download, verification and switch time of the latest new generation.",
    )
    if status.switch_seconds is not None:
        switch.add_metric([], status.switch_seconds)
    families.append(switch)
    for name, help_text, value in (
        ("switches", "New generations downloaded, verified and switched to.", status.switches_total),
        (
            "sync_failures",
            "Failed checks: storage unreachable, a cut download, a checksum mismatch.",
            status.failures_total,
        ),
        ("downloaded_bytes", "Bytes downloaded from object storage.", status.downloaded_bytes),
    ):
        counter = CounterMetricFamily(f"rankledger_replica_{name}", help_text)
        counter.add_metric([], value)
        families.append(counter)
    return families
