"""Limits on what one request, and one client, may ask of the service.

Two layers, both answering with RFC 9457 problem details:

- ``reject_oversized`` (outside routing): a URL over ``max_url_bytes`` gets ``414``, request
  headers over ``max_header_bytes`` ``431``, a declared body over ``max_body_bytes`` ``413`` (the
  API only reads). The HTTP server refuses larger heads on its own (``service/server.py``).
- ``RateLimitMiddleware`` (inside the response cache, so only requests that make the service
  work count): a token bucket per client on the routes marked ``opt={RATE_LIMITED_OPT: ...}`` —
  compare, consensus, filtered export downloads. Over the limit: ``429`` with ``Retry-After``.
  Each worker process keeps its own buckets, so a client may get up to one allowance per worker.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import msgspec
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

from service.errors import problem_document

__all__ = (
    "RATE_LIMITED_OPT",
    "RateLimit",
    "RateLimitMiddleware",
    "RequestLimits",
    "TokenBuckets",
    "reject_oversized",
)

RATE_LIMITED_OPT = "rate_limited"
"""Route ``opt`` key: ``"always"``, or ``"with query"`` (only requests with a query string count)."""


@dataclass(frozen=True)
class RequestLimits:
    """The largest request the service reads."""

    max_url_bytes: int = 8 * 1024
    """Path and query string together."""
    max_header_bytes: int = 32 * 1024
    """Every header name and value together."""
    max_body_bytes: int = 64 * 1024
    """A declared ``Content-Length`` (every operation is a read)."""


async def _send_problem(
    send: Send, status: int, kind: str, title: str, detail: str, headers: dict[str, str] | None = None
) -> None:
    body = msgspec.json.encode(problem_document(status_code=status, kind=kind, title=title, detail=detail))
    head = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
    head += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    head.append((b"cache-control", b"no-store"))
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def reject_oversized(app: ASGIApp, limits: RequestLimits) -> ASGIApp:
    """ASGI wrapper answering ``414``, ``431`` or ``413`` before routing when a request is too large."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        header_bytes = sum(len(name) + len(value) for name, value in scope["headers"])
        declared = next((value for name, value in scope["headers"] if name == b"content-length"), b"0")
        body_bytes = int(declared) if declared.isdigit() else 0
        if url_bytes > limits.max_url_bytes:
            detail = f"the URL is {url_bytes} bytes; this service reads at most {limits.max_url_bytes}"
            await _send_problem(send, 414, "uri-too-long", "URI too long", detail)
        elif header_bytes > limits.max_header_bytes:
            detail = f"the headers are {header_bytes} bytes; this service reads {limits.max_header_bytes}"
            await _send_problem(send, 431, "headers-too-large", "Request headers too large", detail)
        elif body_bytes > limits.max_body_bytes:
            detail = f"a body of {body_bytes} bytes; the API only reads (at most {limits.max_body_bytes})"
            await _send_problem(send, 413, "body-too-large", "Request body too large", detail)
        else:
            await app(scope, receive, send)

    return middleware


@dataclass(frozen=True)
class RateLimit:
    """``requests`` per minute per client, in bursts of at most ``burst``."""

    requests_per_minute: float
    burst: int

    @classmethod
    def parse(cls, text: str) -> RateLimit | None:
        """``"60/minute"`` (burst = the minute's allowance), ``"60/minute,burst=10"``; ``"off"``: none."""
        if text.strip().lower() in {"", "0", "off", "none"}:
            return None
        rate, _, burst = text.partition(",")
        count, _, unit = rate.partition("/")
        per_unit = {"second": 60.0, "minute": 1.0, "hour": 1 / 60}[unit.strip().lower() or "minute"]
        requests_per_minute = float(count) * per_unit
        allowance = int(burst.strip().removeprefix("burst=")) if burst else math.ceil(requests_per_minute)
        return cls(requests_per_minute=requests_per_minute, burst=max(1, allowance))


@dataclass
class TokenBuckets:
    """One token bucket per client: ``burst`` tokens, refilled at the limit's rate."""

    limit: RateLimit
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Client -> (tokens, when last refilled)."""

    def take(self, client: str, now: float) -> float:
        """Take a token for ``client``: 0 if it had one, else the seconds until it has one."""
        rate = self.limit.requests_per_minute / 60
        tokens, then = self._buckets.get(client, (float(self.limit.burst), now))
        tokens = min(float(self.limit.burst), tokens + (now - then) * rate)
        if tokens >= 1:
            self._buckets[client] = (tokens - 1, now)
            self._forget_full(now)
            return 0.0
        self._buckets[client] = (tokens, now)
        return (1 - tokens) / rate

    def _forget_full(self, now: float) -> None:
        """Keep memory bounded: buckets that have refilled completely say nothing; drop them."""
        if len(self._buckets) < 10_000:
            return
        rate = self.limit.requests_per_minute / 60
        self._buckets = {
            client: (tokens, then)
            for client, (tokens, then) in self._buckets.items()
            if tokens + (now - then) * rate < self.limit.burst
        }


class RateLimitMiddleware:
    """``429`` for a client over its allowance on a rate-limited route."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets | None, trust_forwarded: bool = False) -> None:
        self.app = app
        self.buckets = buckets
        self.trust_forwarded = trust_forwarded

    def _client(self, scope: Scope) -> str:
        if self.trust_forwarded:
            for name, value in scope["headers"]:
                if name == b"x-forwarded-for":
                    return value.decode("latin-1").split(",")[0].strip()
        client = scope.get("client")
        return str(client[0]) if client else "-"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = scope.get("route_handler")
        mode = handler.opt.get(RATE_LIMITED_OPT) if handler is not None else None
        counted = mode == "always" or (mode == "with query" and scope.get("query_string"))
        if self.buckets is None or scope["type"] != ScopeType.HTTP or not counted:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(self._client(scope), time.monotonic())
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(wait))
        limit = self.buckets.limit
        detail = (
            f"more than {limit.requests_per_minute:g} requests a minute (bursts of {limit.burst}) to "
            f"this endpoint from one client; retry in {retry_after} s. Answers already computed are "
            "not counted: repeat requests are cheap."
        )
        headers = {"Retry-After": str(retry_after)}
        await _send_problem(send, 429, "rate-limited", "Too many requests", detail, headers)
