"""A read replica's sync: keep a local data dir on the generation the bucket's pointer names.

``rankledger serve --from s3://BUCKET/PREFIX`` runs one ``ReplicaSync`` in a process it spawns
(``follow_bucket``) beside the HTTP workers, which serve the local data dir exactly as they serve a
writer's. Each check reads ``CURRENT.json`` conditionally; when it names a generation the replica
does not serve, the generation and its exports are downloaded and verified (``_download.py``),
``CURRENT`` is switched as a writer switches it (fsynced, atomic rename) and the workers follow it
on their next request. Whatever fails (storage unreachable, a download cut, a checksum mismatch) is
logged and counted, and the replica keeps serving what it has. A pointer refused for its checksum
is not downloaded again until it changes (the next publish). Each check also fetches the writer's
``runs.json`` when it changed (``_runs.py``).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from ingest.errors import ChecksumMismatchError, IngestError
from ingest.logs import get_logger
from ingest.replica_status import ReplicaStatus, write_replica_status
from ingest.replication._download import download_generation, remove_partial_downloads
from ingest.replication._location import BucketLocation
from ingest.replication._pointer import read_pointer
from ingest.replication._runs import download_runs
from ingest.warehouse import (
    MANIFEST_FILE,
    current_generation_path,
    exports_dir,
    generations_dir,
    prune_generations,
    switch_current,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ("KEEP_LOCAL", "ReplicaSync")

KEEP_LOCAL = 2
"""Generations a replica keeps on disk: the one it serves and the one before (in-flight queries)."""
_log = get_logger("replica")


class ReplicaSync:
    """Follows one bucket location into one local data dir."""

    def __init__(
        self,
        data_dir: Path,
        location: BucketLocation,
        client: S3Client,
        *,
        poll_seconds: float,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.data_dir = data_dir
        """The local data dir the workers serve."""
        self.location = location
        """The bucket location followed."""
        self.poll_seconds = poll_seconds
        """Seconds between two checks."""
        self._client = client
        self._now = now
        self._etag: str | None = None  # of the pointer last acted on: served, or refused
        self._runs_etag: str | None = None
        served = current_generation_path(data_dir)
        self.status = ReplicaStatus(
            source=location.url, poll_seconds=poll_seconds, generation=served.name if served else None
        )
        """The latest status, as written to ``replica.json``."""

    def _record(self, **changes: Any) -> None:
        self.status = msgspec.structs.replace(self.status, **changes)
        try:
            write_replica_status(self.data_dir, self.status)
        except OSError as error:  # the status is information; serving goes on without it
            _log.warning("replica status not written", extra={"error": str(error)})

    def _fail(self, error: Exception, at: datetime, **changes: Any) -> None:
        _log.warning("replica sync failed", extra={"source": self.location.url, "error": str(error)})
        self._record(
            failures_total=self.status.failures_total + 1, last_error=str(error), last_error_at=at, **changes
        )

    def check(self) -> bool:
        """One check of the pointer (a switch when it moved), then of ``runs.json``; ``True`` when
        serving what the pointer names."""
        failures = self.status.failures_total
        in_sync = self._check_pointer()
        if self.status.failures_total > failures:
            return in_sync  # one failure a check: storage that failed now will fail for runs.json too
        try:
            self._runs_etag = download_runs(self._client, self.location, self.data_dir, self._runs_etag)
        except (IngestError, OSError) as error:
            self._fail(error, self._now())
        return in_sync

    def _check_pointer(self) -> bool:
        at = self._now()
        try:
            read = read_pointer(self._client, self.location, if_none_match=self._etag)
        except IngestError as error:
            self._fail(error, at)
            return False
        if read.not_modified:
            in_sync = self.status.pointer_generation == self.status.generation
            self._record(checked_at=at, synced_at=at if in_sync else self.status.synced_at)
            return in_sync
        pointer = read.pointer
        if pointer is None:
            self._record(checked_at=at, pointer_generation=None)
            return False
        if pointer.generation != self.status.generation:
            started = time.perf_counter()
            try:
                fetched = download_generation(self._client, self.location, pointer, self.data_dir)
            except ChecksumMismatchError as error:
                self._etag = read.etag  # refused until the pointer changes
                self._fail(error, at, checked_at=at, pointer_generation=pointer.generation)
                return False
            except (IngestError, OSError) as error:
                self._fail(error, at, checked_at=at, pointer_generation=pointer.generation)
                return False
            switch_current(self.data_dir, pointer.generation)
            seconds = time.perf_counter() - started
            prune_generations(self.data_dir, keep=KEEP_LOCAL)
            _remove_incomplete(self.data_dir, keep=pointer.generation)
            _log.info(
                "replica switched generation",
                extra={"generation": pointer.generation, "seconds": round(seconds, 3), "bytes": fetched},
            )
            self._record(
                generation=pointer.generation,
                switched_at=self._now(),
                switch_seconds=seconds,
                switches_total=self.status.switches_total + 1,
                downloaded_bytes=self.status.downloaded_bytes + fetched,
            )
        self._etag = read.etag
        self._record(checked_at=at, synced_at=at, pointer_generation=pointer.generation)
        return True

    def first_sync(self, stop: threading.Event) -> bool:
        """Before serving: a generation to serve, from the bucket or an earlier start's cache.

        Retries every poll interval while there is none (a replica with nothing to serve does not
        listen: its start-up probe fails, no traffic is sent to it). ``False`` if stopped first.
        """
        for path in remove_partial_downloads(self.data_dir):
            _log.info("removed an interrupted download", extra={"path": str(path)})
        while not stop.is_set():
            if self.check() or self.status.generation is not None:
                return True
            _log.warning(
                "replica has no generation to serve yet",
                extra={
                    "source": self.location.url,
                    "error": self.status.last_error,
                    "retry_seconds": self.poll_seconds,
                },
            )
            stop.wait(self.poll_seconds)
        return False

    def run(self, stop: threading.Event) -> None:
        """Check every ``poll_seconds`` until ``stop`` is set (the serve parent's sync thread)."""
        while not stop.wait(self.poll_seconds):
            try:
                self.check()
            except Exception as error:  # a bug must not end the sync: count it and go on
                _log.exception("replica sync failed unexpectedly")
                self._fail(error, self._now())


def _remove_incomplete(data_dir: Path, *, keep: str) -> None:
    """Generations whose download was refused half-way (no manifest), except ``keep``."""
    for path in generations_dir(data_dir).glob("gen-*.duckdb"):
        if path.name != keep and not (exports_dir(path) / MANIFEST_FILE).is_file():
            path.unlink(missing_ok=True)
            shutil.rmtree(exports_dir(path), ignore_errors=True)
