"""Publishing the current local generation to object storage, for replicas to serve.

``publish_to_bucket`` runs these steps in order; replicas follow only the pointer, so whatever
fails before step 4 leaves them serving what they have:

1. read ``CURRENT.json`` and its ETag (nothing to do when it already names this generation);
2. upload the generation file, its sha256 in the object's metadata;
3. upload its export files, then their ``manifest.json`` (which lists every file's sha256);
4. write ``CURRENT.json`` conditionally (``If-Match`` the ETag of step 1): a writer that lost a
   race is told, and its upload is pointed at by nobody;
5. upload ``runs.json`` (every source's latest run: ``_runs.py``), also when nothing else changed;
6. prune: keep the generation pointed at and the newest ``keep - 1`` others, delete the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import msgspec
from botocore.exceptions import BotoCoreError, ClientError

from ingest.errors import IngestError
from ingest.exports import Manifest
from ingest.replication._client import object_store_error
from ingest.replication._location import BucketLocation
from ingest.replication._pointer import Pointer, read_pointer, write_pointer
from ingest.replication._runs import upload_runs
from ingest.warehouse import MANIFEST_FILE, current_generation_path, exports_dir

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ("KEEP_PUBLISHED", "BucketPublish", "file_sha256", "prune_bucket", "publish_to_bucket")

KEEP_PUBLISHED = 3
"""Generations kept in the bucket by default: the one pointed at and the two before it."""
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BucketPublish:
    """What a publish did."""

    location: BucketLocation
    """Where it published."""
    generation: str
    """The generation the pointer names now."""
    uploaded_bytes: int = 0
    """Bytes uploaded (0: the pointer already named this generation)."""
    pruned: list[str] = field(default_factory=list)
    """Generations deleted from the bucket."""

    @property
    def uploaded(self) -> bool:
        """Whether anything was uploaded (else the bucket already pointed at this generation)."""
        return self.uploaded_bytes > 0


def file_sha256(handle: BinaryIO) -> tuple[str, int]:
    """sha256 (hex) and size of an open file's bytes from its current position."""
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def publish_to_bucket(
    data_dir: Path,
    location: BucketLocation,
    client: S3Client,
    *,
    keep: int = KEEP_PUBLISHED,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> BucketPublish:
    """Publish the generation ``data_dir``'s ``CURRENT`` names (steps in the module docstring)."""
    if keep < 1:
        raise IngestError(f"keep {keep} generations in {location.url}? At least the current one (1) is kept")
    generation = current_generation_path(data_dir)
    if generation is None:
        raise IngestError(f"{data_dir}: no published generation to upload; import or ingest first")
    read = read_pointer(client, location)
    # Open once: a local writer pruning this generation meanwhile cannot take the bytes away.
    with generation.open("rb") as handle:
        sha256, size = file_sha256(handle)
        if read.pointer is not None and (read.pointer.generation, read.pointer.sha256) == (
            generation.name,
            sha256,
        ):
            upload_runs(client, location, data_dir)
            return BucketPublish(location=location, generation=generation.name)
        handle.seek(0)
        _upload(client, location, location.generation_key(generation.name), handle, sha256)
    uploaded = size + _upload_exports(client, location, generation)
    manifest = (exports_dir(generation) / MANIFEST_FILE).read_bytes()
    pointer = Pointer(
        generation=generation.name,
        sha256=sha256,
        bytes=size,
        published_at=now(),
        manifest_sha256=hashlib.sha256(manifest).hexdigest(),
    )
    write_pointer(client, location, pointer, previous_etag=read.etag)
    upload_runs(client, location, data_dir)
    pruned = prune_bucket(client, location, keep=keep, pointed=generation.name)
    return BucketPublish(
        location=location, generation=generation.name, uploaded_bytes=uploaded, pruned=pruned
    )


def _upload(client: S3Client, location: BucketLocation, key: str, handle: BinaryIO, sha256: str) -> None:
    try:
        # multipart (in parallel parts) above 8 MB
        client.upload_fileobj(handle, location.bucket, key, ExtraArgs={"Metadata": {"sha256": sha256}})
    except (BotoCoreError, ClientError) as error:
        raise object_store_error(error, "uploading to", f"s3://{location.bucket}/{key}") from error


def _upload_exports(client: S3Client, location: BucketLocation, generation: Path) -> int:
    """Every export file the manifest lists, then the manifest itself; returns the bytes uploaded."""
    folder = exports_dir(generation)
    manifest_bytes = (folder / MANIFEST_FILE).read_bytes()
    manifest = msgspec.json.decode(manifest_bytes, type=Manifest)
    uploaded = 0
    for file in manifest.files:
        with (folder / file.file).open("rb") as handle:
            _upload(client, location, location.export_key(generation.name, file.file), handle, file.sha256)
        uploaded += file.bytes
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    key = location.export_key(generation.name, MANIFEST_FILE)
    try:
        client.put_object(
            Bucket=location.bucket,
            Key=key,
            Body=manifest_bytes,
            ContentType="application/json",
            Metadata={"sha256": manifest_sha256},
        )
    except (BotoCoreError, ClientError) as error:
        raise object_store_error(error, "uploading to", f"s3://{location.bucket}/{key}") from error
    return uploaded + len(manifest_bytes)


def prune_bucket(client: S3Client, location: BucketLocation, *, keep: int, pointed: str) -> list[str]:
    """Delete all generations but ``pointed`` and the newest ``keep - 1`` others; returns those deleted.

    Names sort by publication time, so an upload newer than ``pointed`` (a writer whose pointer
    write is still to come) counts among the newest and is kept.
    """
    keys: dict[str, list[str]] = {}
    try:
        pages = client.get_paginator("list_objects_v2").paginate(
            Bucket=location.bucket, Prefix=location.generations_prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = location.generation_of(item["Key"])
                if name is not None:
                    keys.setdefault(name, []).append(item["Key"])
        others = sorted(name for name in keys if name != pointed)
        doomed = others[: max(0, len(others) - (keep - 1))]
        batch = [key for name in doomed for key in keys[name]]
        for start in range(0, len(batch), 1000):  # DeleteObjects takes at most 1,000 keys
            client.delete_objects(
                Bucket=location.bucket,
                Delete={"Objects": [{"Key": key} for key in batch[start : start + 1000]], "Quiet": True},
            )
    except (BotoCoreError, ClientError) as error:
        raise object_store_error(error, "pruning", location.url) from error
    return doomed
