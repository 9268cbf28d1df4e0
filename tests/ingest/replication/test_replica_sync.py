"""A replica's sync (in process, against a real S3-compatible server): download, verify, switch;
keep serving what it has when storage fails or bytes do not match."""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import pytest

from ingest.replica_status import read_replica_status
from ingest.replication import (
    BucketLocation,
    ReplicaSync,
    publish_to_bucket,
    read_pointer,
    write_pointer,
)
from ingest.run_status import RUNS_FILE
from ingest.warehouse import complete_generations, current_generation_path, exports_dir

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


@pytest.fixture
def writer(writers: list[Path]) -> Path:
    """A writer's data dir with one generation (the legacy LMArena CSV of 2024-06-19); read only."""
    return writers[0]


def _publish_next(s3: S3Client, writers: list[Path], number: int, location: BucketLocation) -> str:
    """What a writer publishes after ``number`` more imports."""
    return publish_to_bucket(writers[number], location, s3).generation


def _tree(data_dir: Path, generation: str) -> dict[str, str]:
    """sha256 of the generation file and of every export file, by name."""
    path = data_dir / "generations" / generation
    files = [path, *sorted(exports_dir(path).iterdir())]
    return {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in files}


def test_a_replica_downloads_verifies_and_serves_the_generation_the_pointer_names(
    bucket: str, s3: S3Client, writers: list[Path], tmp_path: Path
) -> None:
    writer = writers[0]
    location = BucketLocation.parse(f"s3://{bucket}/prod")
    name = publish_to_bucket(writer, location, s3).generation
    replica = tmp_path / "replica"
    replica.mkdir()
    sync = ReplicaSync(replica, location, s3, poll_seconds=1.0)

    assert sync.check() is True

    assert current_generation_path(replica) == replica / "generations" / name
    assert _tree(replica, name) == _tree(writer, name)  # the same bytes, manifest included
    pointer = read_pointer(s3, location).pointer
    assert pointer is not None
    assert (replica / "generations" / name).stat().st_mtime == pointer.published_at.timestamp()
    status = read_replica_status(replica)
    assert status is not None
    assert (status.source, status.generation, status.pointer_generation) == (
        f"s3://{bucket}/prod",
        name,
        name,
    )
    assert (status.switches_total, status.failures_total, status.last_error) == (1, 0, None)
    downloaded = status.downloaded_bytes
    assert downloaded == sum(p.stat().st_size for p in (replica / "generations").rglob("*") if p.is_file())

    # an unchanged pointer (a 304) downloads nothing; a new one switches
    assert sync.check() is True
    assert sync.status.downloaded_bytes == downloaded
    second = _publish_next(s3, writers, 1, location)
    assert sync.check() is True
    assert current_generation_path(replica) == replica / "generations" / second
    assert [p.name for p in complete_generations(replica)] == [name, second]
    assert sync.status.switches_total == 2


def test_a_corrupted_upload_is_refused_and_the_replica_keeps_serving(
    bucket: str, s3: S3Client, writers: list[Path], tmp_path: Path
) -> None:
    writer = writers[0]
    location = BucketLocation.parse(f"s3://{bucket}")
    served = publish_to_bucket(writer, location, s3).generation
    replica = tmp_path / "replica"
    replica.mkdir()
    sync = ReplicaSync(replica, location, s3, poll_seconds=1.0)
    sync.check()
    damaged = _publish_next(s3, writers, 1, location)
    original = s3.get_object(Bucket=bucket, Key=f"generations/{damaged}")["Body"].read()
    flipped = original[:4096] + bytes([original[4096] ^ 0xFF]) + original[4097:]  # one bit rotted
    s3.put_object(Bucket=bucket, Key=f"generations/{damaged}", Body=flipped)
    downloaded = sync.status.downloaded_bytes

    assert sync.check() is False

    assert current_generation_path(replica) == replica / "generations" / served
    assert sorted(p.name for p in (replica / "generations").iterdir()) == [served, f"{served}.exports"]
    status = read_replica_status(replica)
    assert status is not None
    assert (status.generation, status.pointer_generation, status.failures_total) == (served, damaged, 1)
    assert status.last_error is not None
    assert f"s3://{bucket}/generations/{damaged}: downloaded sha256 " in status.last_error
    assert "but the publisher recorded sha256 " in status.last_error
    # refused until the pointer moves: not downloaded (and refused) again at every poll
    assert sync.check() is False
    assert (sync.status.failures_total, sync.status.downloaded_bytes) == (1, downloaded)

    repaired = _publish_next(s3, writers, 2, location)
    assert sync.check() is True
    assert current_generation_path(replica) == replica / "generations" / repaired


def test_storage_failures_are_counted_and_change_nothing_here(s3: S3Client, tmp_path: Path) -> None:
    gone = BucketLocation.parse("s3://rl-no-such-bucket")
    replica = tmp_path / "replica"
    replica.mkdir()

    lost = ReplicaSync(replica, gone, s3, poll_seconds=1.0)

    assert lost.check() is False
    assert lost.status.failures_total == 1
    assert lost.status.last_error == "reading s3://rl-no-such-bucket/CURRENT.json: the bucket does not exist"
    assert sorted(p.name for p in replica.iterdir()) == ["replica.json"]


def test_a_pointer_naming_a_path_outside_the_cache_is_refused(
    bucket: str, s3: S3Client, tmp_path: Path
) -> None:
    location = BucketLocation.parse(f"s3://{bucket}")
    body = msgspec.json.encode(
        {
            "generation": "../../escape.duckdb",
            "sha256": "0" * 64,
            "bytes": 1,
            "published_at": "2026-12-01T00:00:00Z",
            "manifest_sha256": "0" * 64,
        }
    )
    s3.put_object(Bucket=bucket, Key="CURRENT.json", Body=body)
    replica = tmp_path / "replica"
    replica.mkdir()

    sync = ReplicaSync(replica, location, s3, poll_seconds=1.0)

    assert sync.check() is False
    assert sync.status.last_error == (
        f"s3://{bucket}/CURRENT.json: '../../escape.duckdb' is not a generation file name "
        "(gen-<stamp>.duckdb)"
    )
    assert not (tmp_path / "escape.duckdb").exists()


def test_the_writer_s_runs_json_follows_the_generations(
    bucket: str, s3: S3Client, writer: Path, tmp_path: Path
) -> None:
    writer = Path(shutil.copytree(writer, tmp_path / "writer"))
    runs = b'{"sources": {}}'
    (writer / RUNS_FILE).write_bytes(runs)
    location = BucketLocation.parse(f"s3://{bucket}")
    publish_to_bucket(writer, location, s3)
    replica = tmp_path / "replica"
    replica.mkdir()
    sync = ReplicaSync(replica, location, s3, poll_seconds=1.0)
    sync.check()
    assert (replica / RUNS_FILE).read_bytes() == runs

    # a run that changed nothing publishes no generation, but its runs.json still travels
    (writer / RUNS_FILE).write_bytes(b'{"sources": {} }')
    assert not publish_to_bucket(writer, location, s3).uploaded
    sync.check()
    assert (replica / RUNS_FILE).read_bytes() == b'{"sources": {} }'


def test_a_replica_restarted_over_its_cache_serves_it_and_downloads_nothing(
    bucket: str, s3: S3Client, writer: Path, tmp_path: Path
) -> None:
    location = BucketLocation.parse(f"s3://{bucket}")
    name = publish_to_bucket(writer, location, s3).generation
    replica = tmp_path / "replica"
    replica.mkdir()
    ReplicaSync(replica, location, s3, poll_seconds=1.0).check()
    (replica / "generations" / f".{name}.partial").write_bytes(b"left by a killed download")

    restarted = ReplicaSync(replica, location, s3, poll_seconds=1.0)
    assert restarted.first_sync(threading.Event()) is True
    assert restarted.status.generation == name
    assert restarted.status.downloaded_bytes == 0
    assert not (replica / "generations" / f".{name}.partial").exists()


def test_a_pointer_with_the_wrong_manifest_is_refused(
    bucket: str, s3: S3Client, writer: Path, tmp_path: Path
) -> None:
    location = BucketLocation.parse(f"s3://{bucket}")
    publish_to_bucket(writer, location, s3)
    read = read_pointer(s3, location)
    assert read.pointer is not None
    write_pointer(
        s3,
        location,
        msgspec.structs.replace(read.pointer, manifest_sha256="f" * 64),
        previous_etag=read.etag,
    )
    replica = tmp_path / "replica"
    replica.mkdir()

    sync = ReplicaSync(replica, location, s3, poll_seconds=1.0)

    assert sync.check() is False
    assert current_generation_path(replica) is None
    assert complete_generations(replica) == []
    assert sync.status.last_error is not None
    assert "manifest.json: downloaded sha256" in sync.status.last_error
