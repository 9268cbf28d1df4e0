"""Beyond one machine: generations published to S3-compatible object storage, and replicas that follow.

The writer uploads each generation with its sha256, then its exports and manifest, then moves the
``CURRENT.json`` pointer with a conditional write (``_publish.py``, ``_pointer.py``). Stateless
replicas (``rankledger serve --from s3://BUCKET/PREFIX``) poll the pointer, download and verify
what it names into a local data dir laid out like a writer's, and switch ``CURRENT`` there
(``_replica.py``, ``_download.py``), recording how their sync goes in ``replica.json``
(``ingest/replica_status.py``, outside this package so that the API's workers read it without
importing the S3 client) for their worker processes to serve.
"""

from __future__ import annotations

from ingest.replication._client import s3_client
from ingest.replication._follow import follow_bucket
from ingest.replication._location import POINTER_OBJECT, BucketLocation
from ingest.replication._pointer import Pointer, PointerRead, read_pointer, write_pointer
from ingest.replication._publish import (
    KEEP_PUBLISHED,
    BucketPublish,
    file_sha256,
    prune_bucket,
    publish_to_bucket,
)
from ingest.replication._replica import KEEP_LOCAL, ReplicaSync

__all__ = (
    "KEEP_LOCAL",
    "KEEP_PUBLISHED",
    "POINTER_OBJECT",
    "BucketLocation",
    "BucketPublish",
    "Pointer",
    "PointerRead",
    "ReplicaSync",
    "file_sha256",
    "follow_bucket",
    "prune_bucket",
    "publish_to_bucket",
    "read_pointer",
    "s3_client",
    "write_pointer",
)
