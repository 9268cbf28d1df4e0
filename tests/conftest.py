"""Shared test fixtures: paths to the real recorded upstream files."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from ingest.archived_files import read_archived_file
from ingest.records import RawPayload

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"


def fixture_payload(relative: str) -> RawPayload:
    """A real recorded file from ``tests/fixtures`` (or ``seeds/snapshots``), read like the importer."""
    path = FIXTURES / relative
    if not path.exists():
        path = SEEDS / "snapshots" / relative
    return read_archived_file(path)


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
