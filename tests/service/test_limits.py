"""Limits: requests too large are refused before routing; expensive endpoints are rate-limited per client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.app import create_app
from service.limits import RateLimit, TokenBuckets
from service.settings import Settings


@pytest.fixture(scope="module")
def limited(seeded_data_dir: Path) -> Iterator[TestClient]:  # type: ignore[type-arg]
    settings = Settings(data_dir=seeded_data_dir, rate_limit="3/minute")
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


def test_a_url_headers_or_a_body_too_large_get_problem_details(client: TestClient) -> None:  # type: ignore[type-arg]
    long_url = client.get("/v1/boards", params={"source": "x" * 9000})
    big_headers = client.get("/v1/boards", headers={f"x-filler-{i}": "y" * 1000 for i in range(40)})
    with_body = client.request("GET", "/v1/boards", content=b"z" * 70_000)

    assert [long_url.status_code, big_headers.status_code, with_body.status_code] == [414, 431, 413]
    assert long_url.headers["content-type"] == "application/problem+json"
    assert long_url.json()["type"].endswith("/uri-too-long")
    assert "at most 8192" in long_url.json()["detail"]
    assert big_headers.json()["title"] == "Request headers too large"


def test_a_client_over_its_allowance_gets_429_with_retry_after(limited: TestClient) -> None:  # type: ignore[type-arg]
    pairs = [
        "gemini-3-pro,gpt-5.1",
        "gemini-3-pro,claude-opus-4-5",
        "gpt-5.1,claude-opus-4-5",
        "gpt-4o,gpt-5",
    ]
    answers = [limited.get("/v1/compare", params={"models": models}) for models in pairs]
    repeated = limited.get("/v1/compare", params={"models": pairs[0]})  # answered from the cache
    elsewhere = limited.get("/v1/boards", params={"source": "aider"})
    whole_file = limited.get("/v1/exports/boards.csv")
    filtered = limited.get("/v1/exports/boards.csv", params={"source": "aider"})

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[3]
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 20
    assert refused.json()["status"] == 429
    assert "retry in" in refused.json()["detail"]
    assert (repeated.status_code, elsewhere.status_code, whole_file.status_code) == (200, 200, 200)
    assert filtered.status_code == 429


def test_a_bucket_refills_at_the_limits_rate() -> None:
    buckets = TokenBuckets(RateLimit(requests_per_minute=60, burst=2))

    taken = [buckets.take("10.0.0.1", now=100.0) for _ in range(3)]
    other_client = buckets.take("10.0.0.2", now=100.0)
    after_half_a_second = buckets.take("10.0.0.1", now=100.5)
    after_a_second = buckets.take("10.0.0.1", now=101.0)

    assert taken[:2] == [0.0, 0.0]
    assert taken[2] == pytest.approx(1.0)
    assert other_client == 0.0
    assert after_half_a_second == pytest.approx(0.5)
    assert after_a_second == 0.0


def test_rate_limits_are_written_as_requests_per_unit_with_an_optional_burst() -> None:
    assert RateLimit.parse("120/minute,burst=30") == RateLimit(requests_per_minute=120, burst=30)
    assert RateLimit.parse("2/second") == RateLimit(requests_per_minute=120, burst=120)
    assert RateLimit.parse("off") is None
