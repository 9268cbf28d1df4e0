"""Shared test fixtures: paths to the real recorded upstream files, a seeded data dir, object storage."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import pytest

from ingest.archived_files import read_archived_file
from ingest.records import RawPayload
from tests.servers import ObjectStorage, object_storage

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"


def fixture_payload(relative: str) -> RawPayload:
    """A real recorded file from ``tests/fixtures`` (or ``seeds/snapshots``), read like the importer."""
    path = FIXTURES / relative
    if not path.exists():
        path = SEEDS / "snapshots" / relative
    return read_archived_file(path)


def legacy_csv_archive(folder: Path, name: str) -> Path:
    """A folder importing one legacy LMArena CSV of ``seeds/`` (e.g. ``lmsys_2024-06-19.csv``): a small
    real import, one new snapshot of ``lmarena.text.overall.raw`` each."""
    legacy = SEEDS / "snapshots" / "lmarena_fboulnois_csv"
    archive = folder / name.removesuffix(".csv") / "lmarena_fboulnois_csv"
    (archive / "lmsys").mkdir(parents=True)
    shutil.copyfile(legacy / "manifest.csv", archive / "manifest.csv")
    shutil.copyfile(legacy / "lmsys" / name, archive / "lmsys" / name)
    return archive


def with_content(raw: RawPayload, content: bytes, **changes: object) -> RawPayload:
    """``raw`` carrying other bytes (a recorded file edited, truncated or replaced by a test)."""
    return msgspec.structs.replace(raw, content=content, **changes)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seeded_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir built from the whole of ``seeds/`` once per test session (as ``serve`` does)."""
    from ingest.runner import import_paths

    data_dir = tmp_path_factory.mktemp("seeded") / "data"
    summary = import_paths(data_dir, [SEEDS / "snapshots"], seeds_dir=SEEDS, command="seed")
    assert not summary.rejected, [o.message for o in summary.rejected]
    return data_dir


@pytest.fixture(scope="session")
def object_storage_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ObjectStorage]:
    """moto's S3-compatible server, one process for the session (tests use a bucket each)."""
    with object_storage(tmp_path_factory.mktemp("object-storage")) as storage:
        yield storage


@pytest.fixture(scope="session")
def s3(object_storage_server: ObjectStorage) -> S3Client:
    """An S3 client of that server, configured as rankledger configures its own (``s3_client``).

    One for the session: a boto3 client takes 0.1-0.3 s to build.
    """
    from ingest.replication import s3_client

    with pytest.MonkeyPatch.context() as patch:
        for name, value in object_storage_server.env.items():
            patch.setenv(name, value)
        return s3_client()


@pytest.fixture
def bucket(
    object_storage_server: ObjectStorage,
    s3: S3Client,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> str:
    """A new empty bucket, the AWS variables pointing at its server set (for processes the test
    starts and commands it runs); its name."""
    for name, value in object_storage_server.env.items():
        monkeypatch.setenv(name, value)
    name = "rl-" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:20]
    s3.create_bucket(Bucket=name)
    return name
