"""Flaky upstreams: what is retried, how long the client waits, and what is rejected outright.

Aider's real fetcher runs unchanged through ``fetch_client``; the faults come from the recorded
upstream (``upstream.py``). Waits are recorded by an injected ``sleep``: nothing sleeps.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from ingest.errors import FetchError
from ingest.fetching import fetch_client, retry_after_seconds
from ingest.sources.aider import FORMAT as AIDER
from tests.conftest import fixture_payload
from tests.ingest.fetching.upstream import (
    AIDER_POLYGLOT,
    FILES,
    GitHubUpstream,
    captcha,
    status,
    timeout,
    truncated,
)

POLYGLOT_BYTES = fixture_payload(FILES[AIDER_POLYGLOT][3]).content


def _fetch(upstream: GitHubUpstream, data_dir: Path, waits: list[float]) -> list[bytes]:
    assert AIDER.fetch is not None
    with fetch_client(
        data_dir, environ={}, transport=httpx.MockTransport(upstream), sleep=waits.append
    ) as client:
        return [payload.content for payload in AIDER.fetch(client)]


def test_429_with_retry_after_waits_as_long_as_asked_then_gets_the_file(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [status(429, **{"Retry-After": "7"})]})
    waits: list[float] = []

    polyglot, _ = _fetch(upstream, tmp_path, waits)

    assert polyglot == POLYGLOT_BYTES
    assert waits == [7.0]
    assert len(upstream.raw_requests(AIDER_POLYGLOT)) == 2


def test_503_then_200_is_retried_after_a_jittered_backoff(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [status(503), status(503)]})
    waits: list[float] = []

    polyglot, _ = _fetch(upstream, tmp_path, waits)

    assert polyglot == POLYGLOT_BYTES
    assert len(waits) == 2
    assert 2.0 <= waits[0] <= 4.0  # 2 s, plus up to 2 s of jitter
    assert 4.0 <= waits[1] <= 6.0  # doubled


def test_timeouts_are_retried_five_times_then_the_format_fails_naming_the_url(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [timeout] * 5})
    waits: list[float] = []

    with pytest.raises(FetchError, match=r"polyglot_leaderboard\.yml failed: timed out"):
        _fetch(upstream, tmp_path, waits)

    assert len(upstream.raw_requests(AIDER_POLYGLOT)) == 5
    assert [(base, base <= w <= base + 2) for base, w in zip((2, 4, 8, 16), waits, strict=True)] == [
        (2, True),
        (4, True),
        (8, True),
        (16, True),
    ]


def test_a_truncated_body_is_retried_and_never_handed_to_the_parser(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [truncated]})

    polyglot, _ = _fetch(upstream, tmp_path, [])

    assert polyglot == POLYGLOT_BYTES


def test_a_body_truncated_every_time_fails_the_format(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [truncated] * 5})

    with pytest.raises(FetchError, match=r"the body ended after 26 of 4096 bytes"):
        _fetch(upstream, tmp_path, [])


def test_an_html_captcha_page_with_status_200_is_rejected_at_once(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [captcha]})
    waits: list[float] = []

    with pytest.raises(FetchError, match=r"raw\.githubusercontent\.com answered an HTML page"):
        _fetch(upstream, tmp_path, waits)

    assert waits == []
    assert len(upstream.raw_requests(AIDER_POLYGLOT)) == 1
    assert not (tmp_path / "cache" / "http").exists() or not any((tmp_path / "cache" / "http").iterdir())


def test_a_retry_after_beyond_five_minutes_fails_now_instead_of_sleeping(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [status(429, **{"Retry-After": "3600"})]})
    waits: list[float] = []

    with pytest.raises(FetchError, match=r"polyglot_leaderboard\.yml answered HTTP 429"):
        _fetch(upstream, tmp_path, waits)

    assert waits == []


def test_404_is_not_retried(tmp_path: Path) -> None:
    upstream = GitHubUpstream(faults={AIDER_POLYGLOT: [status(404)]})

    with pytest.raises(FetchError, match="answered HTTP 404"):
        _fetch(upstream, tmp_path, [])

    assert len(upstream.raw_requests(AIDER_POLYGLOT)) == 1


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Fri, 02 Jan 2026 03:05:35 GMT", now=now) == 90.0
    assert retry_after_seconds("Fri, 02 Jan 2026 03:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None
