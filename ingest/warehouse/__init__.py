"""The DuckDB warehouse: schema migrations, the one writer, raw archive and published generations."""

from __future__ import annotations

from ingest.warehouse._archive import archive_payload, payload_sha256
from ingest.warehouse._generations import (
    CURRENT_POINTER,
    Generation,
    GenerationPool,
    current_generation_path,
    exports_dir,
    publish_generation,
)
from ingest.warehouse._identity import stored_registry
from ingest.warehouse._migrate import migrate
from ingest.warehouse._stored_payloads import ArchivedPayloads
from ingest.warehouse._writer import WAREHOUSE_FILE, LoadResult, Warehouse, content_sha256

__all__ = (
    "CURRENT_POINTER",
    "WAREHOUSE_FILE",
    "ArchivedPayloads",
    "Generation",
    "GenerationPool",
    "LoadResult",
    "Warehouse",
    "archive_payload",
    "content_sha256",
    "current_generation_path",
    "exports_dir",
    "migrate",
    "payload_sha256",
    "publish_generation",
    "stored_registry",
)
