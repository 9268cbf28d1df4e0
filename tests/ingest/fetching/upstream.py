"""A recorded GitHub upstream for Aider's and SWE-bench's live fetches, with faults to inject.

The leaderboard bytes are the real recorded files; the commits API answers are minimal stand-ins
(only the fields the fetcher reads, with the real commit ids and times of the fixtures' manifests).
Faults are queued per file: each request for it takes the next fault until none is left, then the
real answer (with an ``ETag``, and ``304`` when the request sends that ``ETag`` back).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from tests.conftest import fixture_payload

Fault = Callable[[httpx.Request], httpx.Response]

AIDER_POLYGLOT = "aider/website/_data/polyglot_leaderboard.yml"
AIDER_EDIT = "aider/website/_data/edit_leaderboard.yml"
SWEBENCH_LEADERBOARDS = "data/leaderboards.json"

# path in its repository -> (repository, commit, commit time, recorded file)
FILES = {
    AIDER_POLYGLOT: (
        "Aider-AI/aider",
        "cb6a152e5ee27fbc77ac499d5e628ccd74a5fa2a",
        "2025-10-04T11:14:08+02:00",
        "aider_leaderboards_yaml/polyglot_leaderboard/polyglot_leaderboard_2025-10-04.yml",
    ),
    AIDER_EDIT: (
        "Aider-AI/aider",
        "c895e99306b80b6372c98f7c8f37125f3ad1e7eb",
        "2024-12-22T08:43:59-05:00",
        "aider_leaderboards_yaml/edit_leaderboard/edit_leaderboard_2024-12-22.yml",
    ),
    SWEBENCH_LEADERBOARDS: (
        "SWE-bench/swe-bench.github.io",
        "64ecce3a25c7647d72f8835dbaf38c71de1aade2",
        "2025-07-04T10:22:09-07:00",
        "swebench_leaderboards_json/leaderboards/leaderboards_2025-07-04_64ecce3.json",
    ),
}


def raw_url(path: str) -> str:
    """Where the fetcher downloads ``path`` at its commit."""
    repo, sha, _, _ = FILES[path]
    return f"https://raw.githubusercontent.com/{repo}/{sha}/{path}"


@dataclass
class GitHubUpstream:
    """The MockTransport handler: records every request, serves faults, then the real files."""

    faults: dict[str, list[Fault]] = field(default_factory=dict)
    """File path -> faults answered, in order, to the requests for its raw bytes."""
    requests: list[httpx.Request] = field(default_factory=list)
    """Every request received, in order."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = request.url
        if url.host == "api.github.com" and url.path.endswith("/commits"):
            repo, sha, when, _ = FILES[url.params["path"]]
            return httpx.Response(
                200, json=[{"sha": sha, "commit": {"message": "update", "committer": {"date": when}}}]
            )
        for path, (repo, sha, _, fixture) in FILES.items():
            if url.host == "raw.githubusercontent.com" and url.path == f"/{repo}/{sha}/{path}":
                queued = self.faults.get(path)
                if queued:
                    return queued.pop(0)(request)
                content = fixture_payload(fixture).content
                etag = f'"{hashlib.sha1(content, usedforsecurity=False).hexdigest()}"'
                if request.headers.get("if-none-match") == etag:
                    return httpx.Response(304, headers={"etag": etag})
                return httpx.Response(200, content=content, headers={"etag": etag})
        return httpx.Response(404)

    def raw_requests(self, path: str) -> list[httpx.Request]:
        """The requests for one file's bytes."""
        return [r for r in self.requests if str(r.url) == raw_url(path)]


def status(code: int, **headers: str) -> Fault:
    """A bare answer with this status."""
    return lambda request: httpx.Response(code, headers=headers, text=f"HTTP {code}")


def timeout(request: httpx.Request) -> httpx.Response:
    """The upstream does not answer in time."""
    raise httpx.ReadTimeout("timed out", request=request)


def truncated(request: httpx.Request) -> httpx.Response:
    """Half the body, under a ``Content-Length`` announcing the whole."""
    return httpx.Response(200, content=b"- model: gpt-5\n  pass_rate", headers={"content-length": "4096"})


def captcha(request: httpx.Request) -> httpx.Response:
    """A challenge page with status 200."""
    page = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>captcha</body></html>"
    return httpx.Response(200, content=page, headers={"content-type": "text/html; charset=UTF-8"})
