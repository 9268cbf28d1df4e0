"""Live fetch of Artificial Analysis' LLM endpoint, cached to stay far below its daily limit.

AA's free API allows 1,000 requests a day per key and asks users to cache answers. The last
answer is kept in a cache folder (the body, its sha256, ``ETag`` / ``Last-Modified`` if AA sent
them, and when it was downloaded and last checked):

* within ``min_interval`` of the last check, the cached body is returned and AA is not called;
* later, the request is conditional when validators are known, and ``304 Not Modified`` returns
  the cached body (same bytes, so the ingest runner reports it as already imported);
* a ``200`` replaces the cache. AA's documentation does not say whether it sends validators;
  without them every call past the interval downloads the body again (still deduplicated by hash).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import msgspec

from ingest.errors import FetchError
from ingest.records import RawPayload

__all__ = (
    "API_KEY_ENV",
    "API_URL",
    "ATTRIBUTION",
    "MIN_INTERVAL",
    "cache_dir_in",
    "fetch_models",
    "read_api_key",
)

API_URL = "https://artificialanalysis.ai/api/v2/data/llms/models"
"""AA's free LLM endpoint (every model with its evaluations, prices and speeds)."""
API_KEY_ENV = "RANKLEDGER_AA_API_KEY"
"""Environment variable holding the AA API key (sent as ``x-api-key``)."""
ATTRIBUTION = "Artificial Analysis, https://artificialanalysis.ai/"
"""AA's terms: "Attribution is required for all use of our free API" (to https://artificialanalysis.ai/)."""
MIN_INTERVAL = timedelta(hours=1)
"""Shortest time between two calls to AA; earlier fetches get the cached answer."""
_BODY_FILE = "llms_models.json"
_RECORD_FILE = "llms_models.cache.json"


class _CacheRecord(msgspec.Struct, frozen=True, kw_only=True):
    """What is known about the cached body."""

    url: str
    """The URL the body came from."""
    sha256: str
    """Hash of the body file, to notice a body and record that do not belong together."""
    downloaded_at: datetime
    """When AA sent this body (a ``200``): the payload's retrieval time and date."""
    checked_at: datetime
    """When AA last answered (``200`` or ``304``): the start of the minimum interval."""
    etag: str | None = None
    """``ETag`` of the answer, sent back as ``If-None-Match``."""
    last_modified: str | None = None
    """``Last-Modified`` of the answer, sent back as ``If-Modified-Since``."""


_record_decoder = msgspec.json.Decoder(_CacheRecord)


def read_api_key(credentials: Mapping[str, str] | None = None) -> str:
    """The key ``RANKLEDGER_AA_API_KEY`` of ``credentials`` (default: the environment);
    ``FetchError`` saying how to get one when unset."""
    key = (os.environ if credentials is None else credentials).get(API_KEY_ENV, "").strip()
    if not key:
        raise FetchError(
            f"{API_KEY_ENV} is not set: Artificial Analysis' API needs a key (free: create one in "
            "AA's Insights Platform, https://artificialanalysis.ai/). Export it, or import a saved "
            "answer with `rankledger import`."
        )
    return key


def cache_dir_in(data_dir: Path) -> Path:
    """Where the last answer is kept: ``cache/artificial_analysis`` in the data dir."""
    return data_dir / "cache" / "artificial_analysis"


def _read_cache(cache_dir: Path) -> tuple[_CacheRecord, bytes] | None:
    """The cached record and body, or ``None`` when absent, unreadable or inconsistent (refetch)."""
    try:
        record = _record_decoder.decode((cache_dir / _RECORD_FILE).read_bytes())
        body = (cache_dir / _BODY_FILE).read_bytes()
    except (OSError, msgspec.DecodeError):
        return None
    if record.url != API_URL or hashlib.sha256(body).hexdigest() != record.sha256:
        return None
    return record, body


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)


def _write_cache(cache_dir: Path, record: _CacheRecord, body: bytes | None) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    if body is not None:
        _write_atomically(cache_dir / _BODY_FILE, body)
    _write_atomically(cache_dir / _RECORD_FILE, msgspec.json.encode(record))


def _payload(record: _CacheRecord, body: bytes, cache_status: str) -> RawPayload:
    hints = {"attribution": ATTRIBUTION, "source_url": API_URL, "cache": cache_status}
    if record.etag:
        hints["etag"] = record.etag
    if record.last_modified:
        hints["last_modified"] = record.last_modified
    return RawPayload(
        origin=API_URL,
        content=body,
        retrieved_at=record.downloaded_at,
        # AA's answer carries no date: the data is as of the download.
        published_hint=record.downloaded_at.astimezone(UTC).date(),
        hints=hints,
    )


def _status_error(response: httpx.Response) -> FetchError:
    status = response.status_code
    message = f"GET {API_URL} answered HTTP {status}"
    if status in (httpx.codes.UNAUTHORIZED, httpx.codes.FORBIDDEN):
        message += f": the API key was refused; check {API_KEY_ENV}"
    elif status == httpx.codes.TOO_MANY_REQUESTS:
        message += ": rate limit exceeded (free tier: 1,000 requests a day)"
        if retry_after := response.headers.get("retry-after"):
            message += f"; retry after {retry_after} s"
    else:
        message += "; try again later or import a saved answer"
    return FetchError(message)


def fetch_models(
    client: httpx.Client,
    api_key: str,
    cache_dir: Path | None,
    *,
    min_interval: timedelta = MIN_INTERVAL,
) -> RawPayload:
    """AA's current answer, from the cache when fresh or unchanged; no cache when ``cache_dir`` is None.

    Hints carry the attribution AA requires, the validators, and ``cache``: ``downloaded``,
    ``not_modified`` (AA answered 304) or ``fresh`` (AA not called, last check within the interval).
    """
    cached = _read_cache(cache_dir) if cache_dir is not None else None
    now = datetime.now(UTC)
    if cached is not None and now - cached[0].checked_at < min_interval:
        return _payload(cached[0], cached[1], "fresh")
    headers = {"x-api-key": api_key, "accept": "application/json"}
    if cached is not None and cached[0].etag:
        headers["if-none-match"] = cached[0].etag
    if cached is not None and cached[0].last_modified:
        headers["if-modified-since"] = cached[0].last_modified
    try:
        response = client.get(API_URL, headers=headers)
    except httpx.HTTPError as error:
        raise FetchError(f"GET {API_URL} failed: {error}") from error
    if response.status_code == httpx.codes.NOT_MODIFIED and cached is not None:
        record = msgspec.structs.replace(cached[0], checked_at=now)
        if cache_dir is not None:
            _write_cache(cache_dir, record, None)
        return _payload(record, cached[1], "not_modified")
    if response.status_code != httpx.codes.OK:
        raise _status_error(response)
    body = response.content
    record = _CacheRecord(
        url=API_URL,
        sha256=hashlib.sha256(body).hexdigest(),
        downloaded_at=now,
        checked_at=now,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
    if cache_dir is not None:
        _write_cache(cache_dir, record, body)
    return _payload(record, body, "downloaded")
