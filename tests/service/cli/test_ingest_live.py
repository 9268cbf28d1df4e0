"""``rankledger ingest``: the fetchers get the data dir and keys from the command, not the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingest.fetching import fetch_client
from service.cli import main
from tests.conftest import fixture_payload

AA_ANSWER = fixture_payload("artificial_analysis_api_json/2026-08-12/llms_models.json").content


def test_ingest_caches_the_answer_in_the_data_dir_given_and_leaves_the_environment_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[httpx.Request] = []

    def aa(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=AA_ANSWER)

    def offline_client(data_dir: Path, **options: Any) -> httpx.Client:
        return fetch_client(data_dir, transport=httpx.MockTransport(aa), sleep=lambda _: None)

    monkeypatch.setattr("service.cli.ingest_live.fetch_client", offline_client)
    monkeypatch.setenv("RANKLEDGER_AA_API_KEY", "key-123")
    monkeypatch.setenv("RANKLEDGER_DATA_DIR", str(tmp_path / "from-the-environment"))
    data_dir = tmp_path / "data"

    status = main(["ingest", "artificial-analysis", "--data-dir", str(data_dir)])

    assert status == 0
    assert [request.headers["x-api-key"] for request in seen] == ["key-123"]
    assert (data_dir / "cache" / "artificial_analysis" / "llms_models.json").read_bytes() == AA_ANSWER
    assert not (tmp_path / "from-the-environment").exists()
    assert os.environ["RANKLEDGER_DATA_DIR"] == str(tmp_path / "from-the-environment")
