"""A running server picks up a new import without a restart and without failing a request."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from litestar.testing import TestClient

from ingest.runner import import_paths
from service.app import create_app
from service.settings import Settings
from tests.conftest import SEEDS

LEGACY = SEEDS / "snapshots" / "lmarena_fboulnois_csv"


def _archive(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / f"archive-{len(list(tmp_path.iterdir()))}" / "lmarena_fboulnois_csv"
    (folder / "lmsys").mkdir(parents=True)
    shutil.copyfile(LEGACY / "manifest.csv", folder / "manifest.csv")
    for name in names:
        shutil.copyfile(LEGACY / "lmsys" / name, folder / "lmsys" / name)
    return folder


def test_new_import_is_served_without_restart_and_no_request_fails(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_paths(data_dir, [_archive(tmp_path, "lmsys_2024-06-19.csv")])
    failures: list[str] = []
    stop = threading.Event()
    seen_dates: set[str] = set()

    with TestClient(app=create_app(Settings(data_dir=data_dir))) as client:

        def hammer() -> None:
            while not stop.is_set():
                response = client.get("/v1/boards/lmarena.text.overall.raw/leaderboard")
                if response.status_code != 200:
                    failures.append(f"{response.status_code}: {response.text[:200]}")
                else:
                    seen_dates.add(response.json()["snapshot"]["published_at"])

        workers = [threading.Thread(target=hammer) for _ in range(3)]
        for worker in workers:
            worker.start()
        try:
            for name in ("lmsys_2024-07-07.csv", "lmsys_2024-07-10.csv", "lmsys_2024-07-18.csv"):
                summary = import_paths(data_dir, [_archive(tmp_path, name)])
                assert summary.generation is not None
        finally:
            stop.set()
            for worker in workers:
                worker.join()

        latest = client.get("/v1/boards/lmarena.text.overall.raw/leaderboard").json()

    assert failures == []
    assert latest["snapshot"]["published_at"] == "2024-07-18"
    assert "2024-06-19" in seen_dates
