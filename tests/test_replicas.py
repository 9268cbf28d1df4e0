"""The scale-out scenario, with real processes: one writer publishing to object storage (moto's S3
server over HTTP), three ``rankledger serve --from`` replicas on their own loopback addresses.

Five generations are published while requests run against every replica: none fails, each
replica serves each new generation within its poll interval plus its download time, a replica
started after the third publish catches up, and a corrupted upload is refused while the replicas
keep serving. Then every replica answers the same leaderboard bytes as the writer's own server.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import boto3
import httpx
import pytest

from ingest.replication import BucketLocation, publish_to_bucket, s3_client
from ingest.runner import import_paths
from service.cli import main
from tests.conftest import legacy_csv_archive
from tests.servers import ServerProcess, start_serving

POLL_SECONDS = 0.5
SCHEDULING_SLACK = 2.5
"""Seconds allowed beyond poll + download for a loaded 2-core machine to schedule the processes."""
BOARD = "/v1/boards/lmarena.text.overall.raw/leaderboard"
DAYS = ("2024-06-19", "2024-07-07", "2024-07-10", "2024-07-18", "2024-07-24", "2024-07-26")


class Load:
    """Requests in a loop against one replica, until stopped: what failed, which days were served."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.failures: list[str] = []
        self.days: list[str] = []
        self.requests = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=10) as client:
            while not self._stop.is_set():
                self.requests += 1
                try:
                    response = client.get(BOARD)
                except httpx.TransportError as error:
                    self.failures.append(f"{type(error).__name__}: {error}")
                    continue
                if response.status_code != 200:
                    self.failures.append(f"{response.status_code}: {response.text[:200]}")
                    continue
                day = response.json()["snapshot"]["published_at"]
                if not self.days or self.days[-1] != day:
                    self.days.append(day)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def _health(url: str) -> dict[str, object]:
    answer: dict[str, object] = httpx.get(f"{url}/healthz", timeout=5).json()
    return answer


def _replica(health: dict[str, object]) -> dict[str, object]:
    replica = health["replica"]
    assert isinstance(replica, dict)
    return replica


def _wait_for(condition: Callable[[], bool], within: float = 30.0) -> float:
    """Seconds until ``condition()`` holds (polled every 20 ms); fails after ``within``."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < within, "condition not met in time"
        time.sleep(0.02)
    return time.monotonic() - started


def _switch_within_bound(replicas: list[str], generation: str, published: float) -> None:
    """Every replica serves ``generation`` within the poll interval plus its download time of the
    pointer write (``published``, monotonic)."""
    for url in replicas:
        _wait_for(lambda url=url: _health(url)["generation"] == generation)  # type: ignore[misc]
        seen = time.monotonic() - published
        switch_seconds = _replica(_health(url))["last_switch_seconds"]
        assert isinstance(switch_seconds, float)
        assert seen <= POLL_SECONDS + switch_seconds + SCHEDULING_SLACK, (url, seen, switch_seconds)


class Writer:
    """The one writer: imports a legacy LMArena CSV a day, publishes to the bucket."""

    def __init__(self, data_dir: Path, archives: Path, url: str) -> None:
        self.data_dir = data_dir
        self.archives = archives
        self.location = BucketLocation.parse(url)

    def import_day(self, day: str) -> str:
        summary = import_paths(
            self.data_dir, [legacy_csv_archive(self.archives, f"lmsys_{day}.csv")], wait=60
        )
        assert summary.generation is not None
        return summary.generation

    def publish(self, *, damage: bool = False) -> float:
        """Publish the current generation; returns when (monotonic) the pointer was written. With
        ``damage``, one bit of the uploaded file flips after its sha256 was taken (bit rot)."""
        written = 0.0

        def before_the_pointer_write() -> datetime:
            nonlocal written
            if damage:
                storage = boto3.session.Session().client("s3")
                key = self.location.generation_key(self.data_dir.joinpath("CURRENT").read_text().strip())
                body = storage.get_object(Bucket=self.location.bucket, Key=key)["Body"].read()
                rotten = body[:4096] + bytes([body[4096] ^ 1]) + body[4097:]
                storage.put_object(Bucket=self.location.bucket, Key=key, Body=rotten)
            written = time.monotonic()
            return datetime.now(UTC)

        publish_to_bucket(self.data_dir, self.location, s3_client(), now=before_the_pointer_write)
        return written


def _assert_refused(replicas: list[str], damaged: str, serving: str) -> None:
    """Each replica refused the damaged generation, says so, and serves the one before."""
    for replica in replicas:
        _wait_for(lambda replica=replica: _replica(_health(replica))["pointer_generation"] == damaged)  # type: ignore[misc]
        health = _health(replica)
        assert health["generation"] == serving
        assert _replica(health)["in_sync"] is False
        assert _replica(health)["failures_total"] == 1
        assert "but the publisher recorded sha256" in str(_replica(health)["last_error"])
        metrics = httpx.get(f"{replica}/metrics").text
        assert "rankledger_replica_sync_failures_total 1.0" in metrics
        assert "rankledger_replica_in_sync 0.0" in metrics


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    """Start ``rankledger serve`` processes; all stopped at the end."""
    with ExitStack() as stack:

        def start(data_dir: Path, host: str, name: str, *extra: str) -> ServerProcess:
            server = start_serving(data_dir, tmp_path, host=host, name=name, extra=extra)
            stack.callback(server.stop)
            return server

        yield start


def test_three_replicas_follow_five_publishes_without_a_failed_request(
    bucket: str, tmp_path: Path, started: Callable[..., ServerProcess]
) -> None:
    url = f"s3://{bucket}/prod"
    writer = Writer(tmp_path / "writer", tmp_path / "archives", url)
    replica_args = ("--from", url, "--poll", str(POLL_SECONDS))

    # 1: through the command line, as a CronJob would run it
    first_day = legacy_csv_archive(writer.archives, f"lmsys_{DAYS[0]}.csv")
    assert main(["import", str(first_day), "--data-dir", str(writer.data_dir), "--publish-to", url]) == 0
    first = [
        started(tmp_path / f"replica-{n}", f"127.0.0.{n}", f"replica-{n}", *replica_args) for n in (2, 3)
    ]
    replicas = [server.wait_ready() for server in first]
    loads = [Load(replica) for replica in replicas]

    for day in DAYS[1:3]:  # 2 and 3
        generation = writer.import_day(day)
        _switch_within_bound(replicas, generation, writer.publish())

    # a replica started after the third publish catches up (and the writer's own server starts)
    writer_server = started(writer.data_dir, "127.0.0.1", "writer")
    late = started(tmp_path / "replica-4", "127.0.0.4", "replica-4", *replica_args).wait_ready()
    writer_url = writer_server.wait_ready()
    assert _health(late)["generation"] == generation
    replicas.append(late)
    loads.append(Load(late))

    generation = writer.import_day(DAYS[3])  # 4
    _switch_within_bound(replicas, generation, writer.publish())

    damaged = writer.import_day(DAYS[4])
    writer.publish(damage=True)
    _assert_refused(replicas, damaged, serving=generation)

    generation = writer.import_day(DAYS[5])  # 5
    _switch_within_bound(replicas, generation, writer.publish())
    for load in loads:
        load.stop()

    for load in loads:
        assert load.failures == []
        assert load.requests > 20
        assert load.days == sorted(load.days)  # never back to an older generation
        assert load.days[-1] == DAYS[5]
        assert DAYS[4] not in load.days  # the damaged generation was never served
    assert loads[0].days == [DAYS[0], DAYS[1], DAYS[2], DAYS[3], DAYS[5]]
    for replica in replicas:
        assert _replica(_health(replica))["in_sync"] is True

    # the acceptance: the same leaderboard bytes as the writer's own server
    reference = httpx.get(f"{writer_url}{BOARD}", headers={"Accept-Encoding": "identity"})
    assert reference.status_code == 200
    for replica in replicas:
        answer = httpx.get(f"{replica}{BOARD}", headers={"Accept-Encoding": "identity"})
        assert answer.content == reference.content
        assert answer.headers["etag"] == reference.headers["etag"]
