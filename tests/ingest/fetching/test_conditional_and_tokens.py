"""Conditional requests (an unchanged upstream costs one 304) and tokens sent only to their hosts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest

from ingest.errors import FetchError
from ingest.fetching import CACHE_STATUS_HEADER, fetch_client
from ingest.logs import configure_logging
from ingest.sources.aider import FORMAT as AIDER
from tests.conftest import fixture_payload
from tests.ingest.fetching.upstream import AIDER_EDIT, AIDER_POLYGLOT, FILES, GitHubUpstream, status


def _fetch(upstream: GitHubUpstream, data_dir: Path, environ: dict[str, str] | None = None) -> list[bytes]:
    assert AIDER.fetch is not None
    transport = httpx.MockTransport(upstream)
    with fetch_client(data_dir, environ=environ or {}, transport=transport, sleep=lambda _: None) as client:
        return [payload.content for payload in AIDER.fetch(client)]


def test_an_unchanged_upstream_answers_304_and_the_fetcher_gets_the_same_bytes(tmp_path: Path) -> None:
    upstream = GitHubUpstream()
    first = _fetch(upstream, tmp_path)
    upstream.requests.clear()

    second = _fetch(upstream, tmp_path)

    assert second == first == [fixture_payload(FILES[p][3]).content for p in (AIDER_POLYGLOT, AIDER_EDIT)]
    (polyglot_request,) = upstream.raw_requests(AIDER_POLYGLOT)
    assert polyglot_request.headers["if-none-match"].startswith('"')
    assert len(list((tmp_path / "cache" / "http").glob("*.body"))) == 2


def test_last_modified_validators_round_trip(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def csv_upstream(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("if-modified-since") == "Tue, 01 Jul 2025 00:00:00 GMT":
            return httpx.Response(304)
        headers = {"last-modified": "Tue, 01 Jul 2025 00:00:00 GMT", "content-type": "text/csv"}
        return httpx.Response(200, content=b"model,score\na,1\n", headers=headers)

    for _ in range(2):
        with fetch_client(tmp_path, environ={}, transport=httpx.MockTransport(csv_upstream)) as client:
            response = client.get("https://livebench.ai/table_2025_05_30.csv")

    assert (response.status_code, response.content) == (200, b"model,score\na,1\n")
    assert response.headers["content-type"] == "text/csv"
    assert response.headers[CACHE_STATUS_HEADER] == "not-modified"
    assert [r.headers.get("if-modified-since") for r in seen] == [None, "Tue, 01 Jul 2025 00:00:00 GMT"]


def test_a_changed_upstream_replaces_the_cached_copy(tmp_path: Path) -> None:
    versions = iter([b"v1", b"v2", b"v2"])

    def changing(request: httpx.Request) -> httpx.Response:
        body = next(versions)
        if request.headers.get("if-none-match") == f'"{body.decode()}"':
            return httpx.Response(304)
        return httpx.Response(200, content=body, headers={"etag": f'"{body.decode()}"'})

    bodies = []
    for _ in range(3):
        with fetch_client(tmp_path, environ={}, transport=httpx.MockTransport(changing)) as client:
            bodies.append(client.get("https://api.github.com/repos/a/b/contents/public").content)

    assert bodies == [b"v1", b"v2", b"v2"]


def test_tokens_go_only_to_their_own_hosts_and_never_into_the_logs(tmp_path: Path) -> None:
    upstream = GitHubUpstream()
    seen: list[httpx.Request] = []

    def hub(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "huggingface.co":
            return httpx.Response(302, headers={"location": "https://cdn-lfs.hf.co/files/latest.parquet"})
        if request.url.host == "cdn-lfs.hf.co":
            return httpx.Response(200, content=b"PAR1")
        return upstream(request)

    logs = io.StringIO()
    configure_logging("DEBUG", stream=logs)
    environ = {"GITHUB_TOKEN": "ghp_secret123", "HF_TOKEN": "hf_secret456"}
    try:
        with fetch_client(tmp_path, environ=environ, transport=httpx.MockTransport(hub)) as client:
            assert AIDER.fetch is not None
            AIDER.fetch(client)
            client.get("https://huggingface.co/datasets/x/resolve/main/latest.parquet")
    finally:
        configure_logging("INFO")

    sent = {(r.url.host, r.headers.get("authorization")) for r in [*upstream.requests, *seen]}
    assert sent == {
        ("api.github.com", "Bearer ghp_secret123"),
        ("raw.githubusercontent.com", None),
        ("huggingface.co", "Bearer hf_secret456"),
        ("cdn-lfs.hf.co", None),
    }
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    assert {line["event"] for line in lines} == {"http response"}
    assert "secret" not in logs.getvalue()


def test_a_server_error_answer_is_never_cached(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [status(500)] * 5})

    with pytest.raises(FetchError, match="answered HTTP 500"):
        _fetch(upstream, tmp_path)

    assert not list((tmp_path / "cache" / "http").glob("*.body"))
