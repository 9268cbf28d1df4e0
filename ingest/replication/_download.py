"""Downloading a published generation into a replica's data dir, every byte checked.

The replica's data dir is laid out like a writer's (``generations/<name>``, its ``.exports/``
folder, ``CURRENT``), so the API serves it unchanged. Each object is streamed to a hidden
``.partial`` file while its sha256 is computed, and renamed into place only when the sha256 and
size are those the publisher recorded (the pointer for the generation file, the pointer for
``manifest.json``, the manifest for each export file); the manifest is written last, so a
generation is complete (``complete_generations``) only when everything it lists is there and
right. Files already in place (verified by an earlier, interrupted attempt) are not downloaded
again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from botocore.exceptions import BotoCoreError, ClientError

from ingest.errors import ChecksumMismatchError, IngestError
from ingest.exports import Manifest
from ingest.replication._client import object_store_error
from ingest.replication._location import BucketLocation, check_export_name
from ingest.replication._pointer import Pointer
from ingest.warehouse import MANIFEST_FILE, exports_dir, fsync_path, generations_dir

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ("download_generation", "remove_partial_downloads")

_CHUNK = 1024 * 1024


def download_generation(client: S3Client, location: BucketLocation, pointer: Pointer, data_dir: Path) -> int:
    """Download and verify the generation ``pointer`` names and its exports; returns the bytes fetched.

    Raises ``ChecksumMismatchError`` when bytes differ from what the publisher recorded (nothing
    of that object is kept) and ``ObjectStoreError`` when storage fails.
    """
    folder = generations_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / pointer.generation
    fetched = 0
    if not target.is_file():
        key = location.generation_key(pointer.generation)
        fetched += _download_verified(client, location, key, target, pointer.sha256, pointer.bytes)
    exports = exports_dir(target)
    if (exports / MANIFEST_FILE).is_file():
        return fetched
    exports.mkdir(exist_ok=True)
    manifest_key = location.export_key(pointer.generation, MANIFEST_FILE)
    manifest_bytes = _get_bytes(client, location, manifest_key)
    manifest_url = f"s3://{location.bucket}/{manifest_key}"
    _check(manifest_url, hashlib.sha256(manifest_bytes).hexdigest(), pointer.manifest_sha256)
    try:
        manifest = msgspec.json.decode(manifest_bytes, type=Manifest)
    except msgspec.DecodeError as error:
        raise IngestError(f"{manifest_url}: not an export manifest ({error})") from error
    for file in manifest.files:
        name = check_export_name(file.file, manifest_url)
        if not (exports / name).is_file():
            key = location.export_key(pointer.generation, name)
            fetched += _download_verified(client, location, key, exports / name, file.sha256, file.bytes)
    partial = exports / f".{MANIFEST_FILE}.partial"
    partial.write_bytes(manifest_bytes)
    fsync_path(partial)
    partial.replace(exports / MANIFEST_FILE)
    fsync_path(exports)
    fsync_path(folder)
    # The file's time is the publication time: /healthz and /metrics read it as the generation's age.
    stamp = pointer.published_at.timestamp()
    os.utime(target, (stamp, stamp))
    return fetched + len(manifest_bytes)


def remove_partial_downloads(data_dir: Path) -> list[Path]:
    """Delete ``.partial`` files an interrupted download left behind; returns them."""
    folder = generations_dir(data_dir)
    found = [*folder.glob(".*.partial"), *folder.glob("*.exports/.*.partial")]
    for path in found:
        path.unlink(missing_ok=True)
    return found


def _check(
    key: str, actual: str, expected: str, size: int | None = None, expected_size: int | None = None
) -> None:
    if actual != expected or size != expected_size:
        got = f"sha256 {actual}" + (f", {size} bytes" if size is not None else "")
        want = f"sha256 {expected}" + (f", {expected_size} bytes" if expected_size is not None else "")
        raise ChecksumMismatchError(
            f"{key}: downloaded {got} but the publisher recorded {want}; refused (still serving the "
            "generation before it). Publish again to replace the damaged upload"
        )


def _get_bytes(client: S3Client, location: BucketLocation, key: str) -> bytes:
    try:
        return client.get_object(Bucket=location.bucket, Key=key)["Body"].read()
    except (BotoCoreError, ClientError) as error:
        raise object_store_error(error, "downloading", f"s3://{location.bucket}/{key}") from error


def _download_verified(
    client: S3Client, location: BucketLocation, key: str, target: Path, sha256: str, size: int
) -> int:
    partial = target.with_name(f".{target.name}.partial")
    digest = hashlib.sha256()
    written = 0
    try:
        body = client.get_object(Bucket=location.bucket, Key=key)["Body"]
        with partial.open("wb") as handle:
            for chunk in body.iter_chunks(_CHUNK):
                digest.update(chunk)
                handle.write(chunk)
                written += len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        _check(f"s3://{location.bucket}/{key}", digest.hexdigest(), sha256, written, size)
    except (BotoCoreError, ClientError) as error:
        partial.unlink(missing_ok=True)
        raise object_store_error(error, "downloading", f"s3://{location.bucket}/{key}") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return written
