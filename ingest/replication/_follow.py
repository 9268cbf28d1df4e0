"""The replica's sync process: what ``rankledger serve --from`` spawns beside its workers."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from ingest.logs import configure_logging
from ingest.replication._client import s3_client
from ingest.replication._location import BucketLocation
from ingest.replication._replica import ReplicaSync

__all__ = ("follow_bucket",)


def follow_bucket(data_dir: Path, url: str, poll: float, ready: Any) -> None:
    """The replica's sync process: a first generation (then ``ready`` is set), then a check every
    ``poll`` seconds until the server stops (it ends with its parent)."""
    configure_logging(os.environ.get("RANKLEDGER_LOG_LEVEL", "INFO"))
    sync = ReplicaSync(data_dir, BucketLocation.parse(url), s3_client(), poll_seconds=poll)
    stop = threading.Event()
    if sync.first_sync(stop):
        ready.set()
        sync.run(stop)
