"""Live fetch of LiveBench's release files from livebench.ai, dated by the commit that made them.

The site has no machine-readable list of releases: its JavaScript hard-codes them (the slider in
``src/App.js``; ``RELEASES`` in the 2026 redesign's ``src/lib/constants.js``). Every release it can
show is a pair of files in the repository's ``public/`` folder, so the GitHub contents API listing
of that folder is the list: each ``table_<release>.csv`` with its ``categories_<release>.json``
(a table without its map, as ``table_2026_06_25.csv`` was for a while, is not shown yet).

The bytes come from livebench.ai as users see them. The listing gives each file's git blob id: when
the served bytes hash to it, they are the repository's latest version and are dated by the latest
commit touching the file; otherwise (the site not yet redeployed) they are dated by the fetch.
GitHub API calls per run: one listing plus one commit lookup per file (23 for 11 releases).
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime

import httpx
import msgspec

from ingest.errors import FetchError
from ingest.records import RawPayload
from ingest.sources._format import FetchSettings
from ingest.sources._github_commits import get_bytes, latest_commit

__all__ = (
    "LISTING_URL",
    "SITE_URL",
    "fetch",
    "git_blob_sha1",
)

SITE_URL = "https://livebench.ai"
"""The site root, which serves the repository's ``public/`` folder."""
_REPO = "LiveBench/livebench.github.io"
LISTING_URL = f"https://api.github.com/repos/{_REPO}/contents/public"
"""GitHub contents API listing of ``public/``: the release files and their git blob ids."""
_TABLE = re.compile(r"table_(\d{4}_\d{2}_\d{2})\.csv")


class _ListedFile(msgspec.Struct):
    name: str
    sha: str


_listing_decoder = msgspec.json.Decoder(list[_ListedFile])


def git_blob_sha1(content: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\x00" % len(content) + content, usedforsecurity=False).hexdigest()


def _download(client: httpx.Client, name: str, blob: str) -> tuple[RawPayload, date]:
    url = f"{SITE_URL}/{name}"
    content = get_bytes(client, url)
    path = f"public/{name}"
    hints = {"source_repo": _REPO, "source_path": path}
    if git_blob_sha1(content) == blob:
        commit = latest_commit(client, _REPO, path)
        version = commit.committed_at.astimezone(UTC).date()
        hints["commit"] = commit.sha
    else:
        version = datetime.now(UTC).date()
    hints["version_date"] = version.isoformat()
    raw = RawPayload(
        origin=url, content=content, retrieved_at=datetime.now(UTC), published_hint=version, hints=hints
    )
    return raw, version


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """Every release's category map and table; the table carries the map in its hints."""
    try:
        listing = _listing_decoder.decode(get_bytes(client, LISTING_URL))
    except msgspec.DecodeError as error:
        raise FetchError(
            f"GET {LISTING_URL}: unexpected answer from the GitHub contents API ({error})"
        ) from error
    blobs = {item.name: item.sha for item in listing}
    releases = sorted(
        match[1]
        for name in blobs
        if (match := _TABLE.fullmatch(name)) is not None and f"categories_{match[1]}.json" in blobs
    )
    if not releases:
        raise FetchError(f"GET {LISTING_URL}: no table_<release>.csv with its categories_<release>.json")
    payloads: list[RawPayload] = []
    for release in releases:
        categories_name = f"categories_{release}.json"
        categories, categories_version = _download(client, categories_name, blobs[categories_name])
        table_name = f"table_{release}.csv"
        table, _ = _download(client, table_name, blobs[table_name])
        pairing = {
            "categories_json": categories.content.decode("utf-8", "replace"),
            "categories_origin": categories.origin,
            "categories_version_date": categories_version.isoformat(),
        }
        payloads.extend((categories, msgspec.structs.replace(table, hints={**table.hints, **pairing})))
    return payloads
