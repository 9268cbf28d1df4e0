"""Conditional requests: an unchanged upstream costs one ``304 Not Modified`` and no download.

A ``200`` to a GET that carries ``ETag`` or ``Last-Modified`` is kept in the cache folder (the
data dir's ``cache/http/``): the body as received and a small record (URL, validators, content
type and encoding, sha256). The next GET of the same URL sends ``If-None-Match`` /
``If-Modified-Since``; a ``304`` is answered to the fetcher as the ``200`` it would have had, from
the cache, so fetchers need not know (the ingest then finds the payload already imported).
Requests that set their own validators (Artificial Analysis' fetch keeps its own cache) and
answers without validators pass through untouched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import msgspec

__all__ = ("CACHE_STATUS_HEADER", "ConditionalTransport")

CACHE_STATUS_HEADER = "x-rankledger-cache"
"""Set on answers replayed from the cache after a ``304``: ``not-modified``."""
_VALIDATOR_HEADERS = ("if-none-match", "if-modified-since")
_KEPT_HEADERS = ("content-type", "content-encoding", "etag", "last-modified")


class _Record(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    sha256: str
    headers: dict[str, str]
    """The answer's content type and encoding and its validators."""


_decoder = msgspec.json.Decoder(_Record)


def _write_atomically(path: Path, content: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)


class ConditionalTransport(httpx.BaseTransport):
    """Wraps a transport that returns complete bodies (``RetryingTransport``)."""

    def __init__(self, inner: httpx.BaseTransport, cache_dir: Path) -> None:
        self._inner = inner
        self._cache_dir = cache_dir

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:40]
        return self._cache_dir / f"{key}.json", self._cache_dir / f"{key}.body"

    def _lookup(self, url: str) -> tuple[_Record, bytes] | None:
        record_path, body_path = self._paths(url)
        try:
            record = _decoder.decode(record_path.read_bytes())
            body = body_path.read_bytes()
        except (OSError, msgspec.DecodeError):
            return None
        if record.url != url or hashlib.sha256(body).hexdigest() != record.sha256:
            return None  # unreadable or half-written: download again
        return record, body

    def _store(self, url: str, response: httpx.Response, body: bytes) -> None:
        headers = {name: response.headers[name] for name in _KEPT_HEADERS if name in response.headers}
        record = _Record(url=url, sha256=hashlib.sha256(body).hexdigest(), headers=headers)
        record_path, body_path = self._paths(url)
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(body_path, body)
        _write_atomically(record_path, msgspec.json.encode(record))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET" or any(name in request.headers for name in _VALIDATOR_HEADERS):
            return self._inner.handle_request(request)
        url = str(request.url)
        cached = self._lookup(url)
        if cached is not None:
            validators = cached[0].headers
            if "etag" in validators:
                request.headers["If-None-Match"] = validators["etag"]
            if "last-modified" in validators:
                request.headers["If-Modified-Since"] = validators["last-modified"]
        response = self._inner.handle_request(request)
        if response.status_code == httpx.codes.NOT_MODIFIED and cached is not None:
            response.close()
            record, body = cached
            headers = {
                **record.headers,
                "content-length": str(len(body)),
                CACHE_STATUS_HEADER: "not-modified",
            }
            return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))
        if response.status_code == httpx.codes.OK and (
            "etag" in response.headers or "last-modified" in response.headers
        ):
            body = b"".join(response.stream)  # type: ignore[arg-type]
            response.close()
            self._store(url, response, body)
            return httpx.Response(
                200, headers=response.headers, stream=httpx.ByteStream(body), extensions=response.extensions
            )
        return response

    def close(self) -> None:
        self._inner.close()
