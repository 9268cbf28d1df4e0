"""Where ``rankledger serve`` tells its worker processes to keep their metric files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from service.metrics_files import prepare_metrics_dir


def test_one_folder_per_data_dir_and_port_reused_and_emptied_at_each_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    environ: dict[str, str] = {}

    first = prepare_metrics_dir(Path("data"), 8000, environ)
    (first / "counter_123.db").write_bytes(b"old figures")
    again = prepare_metrics_dir(Path("data"), 8000, dict(environ))
    other_port = prepare_metrics_dir(Path("data"), 8001, {})

    assert environ == {"PROMETHEUS_MULTIPROC_DIR": str(first)}
    assert first.parent == tmp_path
    assert first.name.startswith("rankledger-metrics-")
    assert again == first
    assert list(first.iterdir()) == []
    assert other_port != first


def test_an_operator_s_folder_is_used_as_it_is(tmp_path: Path) -> None:
    chosen = tmp_path / "prometheus"

    folder = prepare_metrics_dir(Path("data"), 8000, {"PROMETHEUS_MULTIPROC_DIR": str(chosen)})

    assert folder == chosen
    assert folder.is_dir()
