"""The DuckDB warehouse: schema migrations, the one writer, raw archive and published generations."""

from __future__ import annotations

from ingest.warehouse._archive import archive_payload, payload_sha256
from ingest.warehouse._batch import LoadBatch, LoadResult, PayloadRecord, content_sha256
from ingest.warehouse._debris import remove_crash_debris
from ingest.warehouse._generations import (
    CURRENT_POINTER,
    KEEP_GENERATIONS,
    MANIFEST_FILE,
    Generation,
    GenerationPool,
    complete_generations,
    current_generation_path,
    exports_dir,
    fsync_path,
    generations_dir,
    prune_generations,
    publish_generation,
    switch_current,
)
from ingest.warehouse._identity import stored_registry
from ingest.warehouse._lock import LOCK_FILE, LockHolder, WriterBusyError, read_holder, writer_lock
from ingest.warehouse._migrate import migrate
from ingest.warehouse._stored_payloads import ArchivedPayloads
from ingest.warehouse._writer import WAREHOUSE_FILE, Warehouse

__all__ = (
    "CURRENT_POINTER",
    "KEEP_GENERATIONS",
    "LOCK_FILE",
    "MANIFEST_FILE",
    "WAREHOUSE_FILE",
    "ArchivedPayloads",
    "Generation",
    "GenerationPool",
    "LoadBatch",
    "LoadResult",
    "LockHolder",
    "PayloadRecord",
    "Warehouse",
    "WriterBusyError",
    "archive_payload",
    "complete_generations",
    "content_sha256",
    "current_generation_path",
    "exports_dir",
    "fsync_path",
    "generations_dir",
    "migrate",
    "payload_sha256",
    "prune_generations",
    "publish_generation",
    "read_holder",
    "remove_crash_debris",
    "stored_registry",
    "switch_current",
    "writer_lock",
)
