"""Writers' data dirs shared by the replication tests (built once: imports are the slow part)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.runner import import_paths
from tests.conftest import legacy_csv_archive

DAYS = ("lmsys_2024-06-19.csv", "lmsys_2024-07-07.csv", "lmsys_2024-07-10.csv")


@pytest.fixture(scope="package")
def writers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three writers' data dirs, each one more legacy LMArena CSV import (a newer generation) than the
    one before. Tests publish from them and must not write to them."""
    root = tmp_path_factory.mktemp("writers")
    built: list[Path] = []
    for number, day in enumerate(DAYS):
        data_dir = root / f"writer-{number}"
        if built:
            shutil.copytree(built[-1], data_dir)
        summary = import_paths(data_dir, [legacy_csv_archive(root / "archives", day)])
        assert summary.generation is not None
        built.append(data_dir)
    return built
