"""Live fetch of files kept in a GitHub repository, dated by the commit that last changed them.

Upstreams that publish a leaderboard as a file in a git repository state the data's date in the
commit subject (``Update leaderboard data 2025-05-24 00:00:09``, ``auto: update csv outputs to
version 2025.08.04``), not in the file. The commits API gives the latest commit touching a path;
downloading the file at that commit's sha keeps the bytes and the date consistent even if the
branch moves between the two requests.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import httpx
import msgspec

from ingest.dates import date_from_groups
from ingest.errors import FetchError
from ingest.records import RawPayload

__all__ = (
    "LatestCommit",
    "fetch_at_latest_commit",
    "get_bytes",
    "latest_commit",
    "raw_file_url",
)

_API = "https://api.github.com"
_RAW = "https://raw.githubusercontent.com"


class _Signature(msgspec.Struct):
    date: datetime


class _CommitBody(msgspec.Struct):
    message: str
    committer: _Signature


class _CommitListItem(msgspec.Struct):
    sha: str
    commit: _CommitBody


_commit_list_decoder = msgspec.json.Decoder(list[_CommitListItem])


class LatestCommit(msgspec.Struct, frozen=True, kw_only=True):
    """The latest commit that changed one file."""

    sha: str
    """Full commit id, used to download exactly this version of the file."""
    subject: str
    """First line of the commit message."""
    committed_at: datetime
    """Committer date (GitHub answers in UTC)."""

    def data_date(self, subject_date: re.Pattern[str]) -> date:
        """The data date stated in the subject (groups year, month, day), else the commit's UTC date."""
        stated = date_from_groups(subject_date.search(self.subject))
        return stated or self.committed_at.astimezone(UTC).date()


def get_bytes(client: httpx.Client, url: str) -> bytes:
    """The body of a successful GET; ``FetchError`` naming the URL and the status otherwise."""
    try:
        response = client.get(url)
    except httpx.HTTPError as error:
        raise FetchError(f"GET {url} failed: {error}") from error
    if response.status_code != httpx.codes.OK:
        raise FetchError(
            f"GET {url} answered HTTP {response.status_code}; try again later or import a saved copy"
        )
    return response.content


def latest_commit(client: httpx.Client, repo: str, path: str) -> LatestCommit:
    """The latest commit of ``repo`` (``owner/name``) that changed ``path``."""
    url = f"{_API}/repos/{repo}/commits?path={path}&per_page=1"
    try:
        commits = _commit_list_decoder.decode(get_bytes(client, url))
    except msgspec.DecodeError as error:
        raise FetchError(f"GET {url}: unexpected answer from the GitHub commits API ({error})") from error
    if not commits:
        raise FetchError(f"GET {url}: no commit changes {path} in {repo}; has the file moved?")
    latest = commits[0]
    return LatestCommit(
        sha=latest.sha,
        subject=latest.commit.message.splitlines()[0] if latest.commit.message else "",
        committed_at=latest.commit.committer.date,
    )


def raw_file_url(repo: str, ref: str, path: str) -> str:
    """Download URL of ``path`` at ``ref`` (a branch or a commit sha)."""
    return f"{_RAW}/{repo}/{ref}/{path}"


def fetch_at_latest_commit(
    client: httpx.Client, repo: str, path: str, *, subject_date: re.Pattern[str] | None = None
) -> RawPayload:
    """``path`` as of the commit that last changed it, so that bytes and date belong together.

    The publication date is the data date the commit subject states (``subject_date``, groups
    year, month, day) or else the commit's UTC date.
    """
    commit = latest_commit(client, repo, path)
    url = raw_file_url(repo, commit.sha, path)
    content = get_bytes(client, url)
    published = commit.data_date(subject_date) if subject_date else commit.committed_at.astimezone(UTC).date()
    return RawPayload(
        origin=url,
        content=content,
        retrieved_at=datetime.now(UTC),
        published_hint=published,
        hints={
            "source_repo": repo,
            "source_path": path,
            "commit": commit.sha,
            "commit_subject": commit.subject,
        },
    )
