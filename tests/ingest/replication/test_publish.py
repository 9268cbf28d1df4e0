"""Publishing to object storage (a real S3-compatible server, moto, over HTTP): the generation with
its sha256, its exports and manifest, then ``CURRENT.json`` by a conditional write; old generations pruned."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import pytest

from ingest.errors import PublishConflictError
from ingest.exports import Manifest
from ingest.replication import (
    BucketLocation,
    Pointer,
    publish_to_bucket,
    read_pointer,
    write_pointer,
)
from ingest.warehouse import current_generation_path, exports_dir

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


def _generation(writer: Path) -> str:
    path = current_generation_path(writer)
    assert path is not None
    return path.name


def _keys(s3: S3Client, bucket: str) -> list[str]:
    listed = s3.list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def test_publish_uploads_the_generation_its_exports_and_manifest_then_points_at_it(
    bucket: str, s3: S3Client, writers: list[Path]
) -> None:
    writer = writers[0]
    name = _generation(writer)
    location = BucketLocation.parse(f"s3://{bucket}/prod")

    result = publish_to_bucket(writer, location, s3, now=lambda: datetime(2026, 12, 1, 12, tzinfo=UTC))

    generation = current_generation_path(writer)
    assert generation is not None
    assert generation.name == name == result.generation
    manifest_bytes = (exports_dir(generation) / "manifest.json").read_bytes()
    manifest = msgspec.json.decode(manifest_bytes, type=Manifest)
    pointer = read_pointer(s3, location).pointer
    assert pointer == Pointer(
        generation=name,
        sha256=hashlib.sha256(generation.read_bytes()).hexdigest(),
        bytes=generation.stat().st_size,
        published_at=datetime(2026, 12, 1, 12, tzinfo=UTC),
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
    )
    exported = [f"prod/generations/{name}.exports/{f.file}" for f in manifest.files]
    assert len(exported) == 16  # 8 datasets as Parquet and CSV
    assert _keys(s3, bucket) == sorted(
        [
            "prod/CURRENT.json",
            f"prod/generations/{name}",
            f"prod/generations/{name}.exports/manifest.json",
            *exported,
        ]
    )
    head = s3.head_object(Bucket=bucket, Key=f"prod/generations/{name}")
    assert head["Metadata"] == {"sha256": pointer.sha256}
    assert result.uploaded_bytes == generation.stat().st_size + sum(f.bytes for f in manifest.files) + len(
        manifest_bytes
    )
    # publishing what the bucket already points at uploads nothing, and leaves the pointer alone
    before = read_pointer(s3, location).etag
    assert not publish_to_bucket(writer, location, s3).uploaded
    assert read_pointer(s3, location).etag == before


def test_the_first_pointer_is_written_once_if_none_match_star(bucket: str, s3: S3Client) -> None:
    location = BucketLocation.parse(f"s3://{bucket}")
    pointer = Pointer(
        generation="gen-20261201T120000000000Z.duckdb",
        sha256="0" * 64,
        bytes=1,
        published_at=datetime(2026, 12, 1, tzinfo=UTC),
        manifest_sha256="0" * 64,
    )
    write_pointer(s3, location, pointer, previous_etag=None)

    with pytest.raises(PublishConflictError, match="another writer published to the same place"):
        write_pointer(s3, location, msgspec.structs.replace(pointer, bytes=2), previous_etag=None)
    assert read_pointer(s3, location).pointer == pointer


def test_a_writer_that_lost_the_race_points_at_nothing_and_is_told(
    bucket: str, s3: S3Client, writers: list[Path]
) -> None:
    first, second, other = writers[0], writers[1], writers[2]
    losing, winning = _generation(second), _generation(other)
    location = BucketLocation.parse(f"s3://{bucket}/prod")
    publish_to_bucket(first, location, s3)

    def the_other_writer_publishes_meanwhile() -> datetime:
        # called after the losing writer's uploads, just before its pointer write
        publish_to_bucket(other, location, s3)
        return datetime.now(UTC)

    with pytest.raises(PublishConflictError, match=f"changed while {losing} was being uploaded"):
        publish_to_bucket(second, location, s3, now=the_other_writer_publishes_meanwhile)

    pointer = read_pointer(s3, location).pointer
    assert pointer is not None
    assert pointer.generation == winning
    assert f"prod/generations/{losing}" in _keys(s3, bucket)  # uploaded, pointed at by nobody


def test_old_generations_are_pruned_never_the_one_pointed_at(
    bucket: str, s3: S3Client, writers: list[Path]
) -> None:
    location = BucketLocation.parse(f"s3://{bucket}/prod")
    names = [_generation(writer) for writer in writers]

    pruned = [publish_to_bucket(writer, location, s3, keep=2).pruned for writer in writers]

    generations = sorted(
        {key.split("/")[2].removesuffix(".exports") for key in _keys(s3, bucket) if "/generations/" in key}
    )
    assert generations == names[1:]
    assert pruned == [[], [], [names[0]]]
    assert not [key for key in _keys(s3, bucket) if names[0] in key]
