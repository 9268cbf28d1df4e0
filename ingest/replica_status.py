"""A replica's sync status, in ``<data dir>/replica.json``, for the worker processes to serve.

The serve parent process syncs from the bucket; the workers answering ``/healthz`` and
``/metrics`` are other processes. So the parent replaces this small file (write a temporary file,
then ``os.replace``) after every check of the pointer, and workers read it, decoding it again only
when it was replaced, as they do with ``runs.json``. Its counters start at zero with each
``rankledger serve --from``, as Prometheus counters do.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import msgspec

__all__ = ("REPLICA_FILE", "ReplicaStatus", "read_replica_status", "write_replica_status")

REPLICA_FILE = "replica.json"
"""The sync status of a replica, in its data dir (absent: the data dir is not a replica's)."""


class ReplicaStatus(msgspec.Struct, frozen=True, kw_only=True):
    """Where a replica syncs from and how its latest checks went."""

    source: str
    """The bucket location it follows, ``s3://BUCKET/PREFIX``."""
    poll_seconds: float
    """Seconds between two checks of the pointer."""
    generation: str | None = None
    """The generation it switched to last (the one its workers serve)."""
    pointer_generation: str | None = None
    """The generation ``CURRENT.json`` named at the latest successful check."""
    checked_at: datetime | None = None
    """The latest check that read the pointer (a ``304`` counts)."""
    synced_at: datetime | None = None
    """The latest check that found the replica serving what the pointer names."""
    switched_at: datetime | None = None
    """When it last switched to a newly downloaded generation."""
    switch_seconds: float | None = None
    """How long that took: download and verification of the file and its exports, switch."""
    downloaded_bytes: int = 0
    """Bytes downloaded since start."""
    switches_total: int = 0
    """Generations downloaded, verified and switched to since start."""
    failures_total: int = 0
    """Checks that failed since start (storage unreachable, a download cut, a checksum mismatch)."""
    last_error: str | None = None
    """What the latest failed check said."""
    last_error_at: datetime | None = None
    """When it failed."""


_decoder = msgspec.json.Decoder(ReplicaStatus)
_cache: dict[Path, tuple[tuple[int, int], ReplicaStatus]] = {}


def read_replica_status(data_dir: Path) -> ReplicaStatus | None:
    """The replica's status, or ``None`` when ``data_dir`` is not a replica's (or the file is unreadable)."""
    path = data_dir / REPLICA_FILE
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_ino)
        cached = _cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        status = _decoder.decode(path.read_bytes())
    except (OSError, msgspec.DecodeError):
        return None
    _cache[path] = (stamp, status)
    return status


def write_replica_status(data_dir: Path, status: ReplicaStatus) -> None:
    """Replace the status file atomically (readers see the old or the new one, never a mix)."""
    partial = data_dir / f".{REPLICA_FILE}.partial"
    partial.write_bytes(msgspec.json.encode(status))
    partial.replace(data_dir / REPLICA_FILE)
