"""What a read replica says about its sync: ``replica.json`` (written by the serve parent process)
as ``/healthz``'s ``replica`` and as ``rankledger_replica_*`` metrics (served by the workers)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

from ingest.replica_status import ReplicaStatus, read_replica_status, write_replica_status
from service.freshness import _replica_health
from service.metrics_replica import replica_families
from service.schemas import ReplicaHealth

CHECKED = datetime(2026, 12, 4, 12, 0, 30, tzinfo=UTC)
REFUSED = ReplicaStatus(
    source="s3://rankledger-data/prod",
    poll_seconds=15.0,
    generation="gen-20261204T110000000000Z.duckdb",
    pointer_generation="gen-20261204T120000000000Z.duckdb",
    checked_at=CHECKED,
    synced_at=datetime(2026, 12, 4, 11, 59, 45, tzinfo=UTC),
    switched_at=datetime(2026, 12, 4, 11, 0, 10, tzinfo=UTC),
    switch_seconds=0.75,
    downloaded_bytes=78_000_000,
    switches_total=1,
    failures_total=2,
    last_error="s3://rankledger-data/prod/generations/gen-20261204T120000000000Z.duckdb: downloaded sha256 …",
    last_error_at=datetime(2026, 12, 4, 12, 0, 15, tzinfo=UTC),
)


class _Families(Collector):
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def collect(self) -> list[Metric]:
        return list(replica_families(self.data_dir))


def _exposition(data_dir: Path) -> list[str]:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Families(data_dir))
    return [line for line in generate_latest(registry).decode().splitlines() if not line.startswith("#")]


def test_the_status_file_round_trips_and_is_absent_outside_replicas(tmp_path: Path) -> None:
    assert read_replica_status(tmp_path) is None

    write_replica_status(tmp_path, REFUSED)

    assert read_replica_status(tmp_path) == REFUSED
    assert [p.name for p in tmp_path.iterdir()] == ["replica.json"]  # no partial file left


def test_healthz_says_what_the_bucket_points_at_and_that_the_replica_is_behind() -> None:
    assert _replica_health(None) is None
    assert _replica_health(REFUSED) == ReplicaHealth(
        source="s3://rankledger-data/prod",
        poll_seconds=15.0,
        pointer_generation="gen-20261204T120000000000Z.duckdb",
        in_sync=False,
        last_checked_at=CHECKED,
        last_synced_at=datetime(2026, 12, 4, 11, 59, 45, tzinfo=UTC),
        last_switch_seconds=0.75,
        switches_total=1,
        failures_total=2,
        last_error=REFUSED.last_error,
        last_error_at=datetime(2026, 12, 4, 12, 0, 15, tzinfo=UTC),
    )


def test_metrics_count_the_sync_and_say_whether_it_is_in_sync(tmp_path: Path) -> None:
    assert _exposition(tmp_path) == []  # a writer's data dir: no replica series

    write_replica_status(tmp_path, REFUSED)

    assert _exposition(tmp_path) == [
        'rankledger_replica_info{source="s3://rankledger-data/prod"} 1.0',
        "rankledger_replica_in_sync 0.0",
        "rankledger_replica_last_check_timestamp_seconds 1.79638563e+09",  # 2026-12-04T12:00:30Z
        "rankledger_replica_last_sync_timestamp_seconds 1.796385585e+09",
        "rankledger_replica_last_error_timestamp_seconds 1.796385615e+09",
        "rankledger_replica_switch_seconds 0.75",
        "rankledger_replica_switches_total 1.0",
        "rankledger_replica_sync_failures_total 2.0",
        "rankledger_replica_downloaded_bytes_total 7.8e+07",
    ]
