"""A recorded GitHub repository for the sources whose leaderboards are files in one.

The commits API answers carry only the fields the fetcher reads (commit id, subject, committer
date), with the real commit ids and times of the fixtures' manifests; the file at that commit is
the recorded fixture. Any other request is a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import httpx

from tests.conftest import fixture_payload

__all__ = ("RecordedFile", "github_replay")


class RecordedFile(NamedTuple):
    """One file of the repository as of the latest commit that changed it."""

    fixture: str
    """The recorded file (relative to ``tests/fixtures`` or ``seeds/snapshots``)."""
    sha: str
    """The commit id."""
    committed_at: str
    """The committer date, as GitHub answers it."""
    subject: str = "update"
    """The first line of the commit message."""


def github_replay(repo: str, files: Mapping[str, RecordedFile]) -> Callable[[httpx.Request], httpx.Response]:
    """A ``MockTransport`` handler serving ``files`` (path in ``repo`` -> recorded file)."""

    def answer(request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.host == "api.github.com" and url.path == f"/repos/{repo}/commits":
            recorded = files.get(url.params["path"])
            if recorded is None:
                return httpx.Response(404)
            commit = {"message": f"{recorded.subject}\n", "committer": {"date": recorded.committed_at}}
            return httpx.Response(200, json=[{"sha": recorded.sha, "commit": commit}])
        for path, recorded in files.items():
            if url.host == "raw.githubusercontent.com" and url.path == f"/{repo}/{recorded.sha}/{path}":
                return httpx.Response(200, content=fixture_payload(recorded.fixture).content)
        return httpx.Response(404)

    return answer
