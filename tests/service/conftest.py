"""An app over the warehouse built from the whole of seeds/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.settings import Settings


@pytest.fixture(scope="session")
def client(seeded_data_dir: Path) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=create_app(Settings(data_dir=seeded_data_dir))) as test_client:
        yield test_client
