"""Retries for live fetches: an httpx transport that tries again what a later attempt may fix.

Retried, with exponential backoff and jitter: connection errors, timeouts, a body cut short (fewer
bytes than ``Content-Length``, or the peer closing mid-body) and the statuses 408, 429, 500, 502,
503 and 504. A ``Retry-After`` header (seconds or an HTTP date) sets the wait instead; one longer
than ``RetryPolicy.max_retry_after`` ends the retries at once (a scheduled run should fail and be
retried by the next run rather than sleep for an hour). When the attempts run out, the last answer
goes back to the fetcher, which reports its status, or the last error is raised.

Not retried: an HTML page answering ``200`` where data was asked for (a captcha, a login wall, a
single-page site's fallback page) raises ``UnexpectedHtmlError``, so none of it is archived or
loaded. The body is read inside the retries: a fetcher gets complete bytes or an error, never part
of a body. Fetchers stay as they are: they see one ``httpx.Client`` whose transport does all this.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
import tenacity

from ingest.logs import get_logger

__all__ = ("RETRY_STATUSES", "RetryPolicy", "RetryingTransport", "TruncatedBodyError", "UnexpectedHtmlError")

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses that say "try again later": timeouts, rate limits, overloaded or restarting servers."""
_RETRIED_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_log = get_logger("fetch")


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """How often and how long to retry one request."""

    attempts: int = 5
    """Tries in all, the first one included."""
    wait_initial: float = 2.0
    """Seconds before the second try; doubled for each further one."""
    wait_max: float = 60.0
    """Longest backoff between two tries, in seconds (``Retry-After`` aside)."""
    jitter: float = 2.0
    """Up to this many random seconds added to each backoff, so clients do not retry in step."""
    max_retry_after: float = 300.0
    """A ``Retry-After`` longer than this (seconds) is not waited for: the request fails now."""


class TruncatedBodyError(httpx.RemoteProtocolError):
    """The body ended before ``Content-Length`` bytes arrived (retried)."""


class UnexpectedHtmlError(httpx.TransportError):
    """An HTML page answered where data was asked for (not retried: a captcha does not clear soon)."""


class _RetryableStatus(Exception):
    """A complete answer whose status says "try again later"."""

    def __init__(self, response: httpx.Response, retry_after: float | None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta seconds or an HTTP date), ``None`` if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def _looks_like_html(response: httpx.Response, body: bytes) -> bool:
    content_type = response.headers.get("content-type", "").lower()
    if "text/html" in content_type or "application/xhtml" in content_type:
        return True
    if "content-encoding" in response.headers:
        return False  # compressed bytes: the content type is all there is to go by
    head = body[:256].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


class RetryingTransport(httpx.BaseTransport):
    """Wraps a transport: GET and HEAD are retried as the module docstring says; others pass."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[float, float], float] = random.uniform,
    ) -> None:
        self._inner = inner
        self._policy = policy or RetryPolicy()
        self._sleep = sleep
        self._jitter = jitter

    def _attempt(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        response = self._inner.handle_request(request)
        try:
            body = b"".join(response.stream) if request.method == "GET" else b""  # type: ignore[arg-type]
        finally:
            response.close()
        expected = response.headers.get("content-length", "")
        has_body = request.method == "GET" and response.status_code not in (204, 304)
        if has_body and expected.isdigit() and int(expected) != len(body):
            raise TruncatedBodyError(f"the body ended after {len(body)} of {expected} bytes", request=request)
        _log.debug(
            "http response",
            extra={
                "method": request.method,
                "url": str(request.url),
                "status": response.status_code,
                "bytes": len(body),
                "elapsed_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        complete = httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(body),
            extensions=response.extensions,
        )
        if response.status_code in RETRY_STATUSES:
            raise _RetryableStatus(complete, retry_after_seconds(response.headers.get("retry-after")))
        if response.status_code == httpx.codes.OK and _looks_like_html(response, body):
            raise UnexpectedHtmlError(
                f"{request.url.host} answered an HTML page (a captcha, login or error page?) "
                "instead of data; nothing of it was kept",
                request=request,
            )
        return complete

    def _wait(self, state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _RetryableStatus) and error.retry_after is not None:
            return error.retry_after
        policy = self._policy
        backoff = min(policy.wait_max, policy.wait_initial * 2.0 ** (state.attempt_number - 1))
        return backoff + self._jitter(0.0, policy.jitter)

    def _stop(self, state: tenacity.RetryCallState) -> bool:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _RetryableStatus) and (error.retry_after or 0) > self._policy.max_retry_after:
            return True
        return state.attempt_number >= self._policy.attempts

    def _log_retry(self, state: tenacity.RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        request: httpx.Request = state.args[0]
        _log.warning(
            "retrying request",
            extra={
                "method": request.method,
                "url": str(request.url),
                "attempt": state.attempt_number,
                "reason": str(error) or type(error).__name__,
                "wait_s": round(state.upcoming_sleep, 2),
            },
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method not in ("GET", "HEAD"):
            return self._inner.handle_request(request)
        retrying = tenacity.Retrying(
            stop=self._stop,
            wait=self._wait,
            retry=tenacity.retry_if_exception_type((_RetryableStatus, *_RETRIED_ERRORS)),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            return retrying(self._attempt, request)
        except _RetryableStatus as last:
            return last.response

    def close(self) -> None:
        self._inner.close()
