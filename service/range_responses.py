"""Byte ranges of every ``GET`` response, as a pure ASGI wrapper around the router.

Clients that read files by URL ask for ranges of whatever they read, not only of Parquet: polars'
``read_csv(url)`` gets a CSV endpoint (``/v1/models/{id}/history?format=csv``) in ranges and fails
on a ``200``. A response is a pure function of the generation and the request, so the same request
gives the same bytes and a range of them is well defined.

- Every ``200`` to a ``GET`` says ``Accept-Ranges: bytes`` (so does its ``HEAD``).
- A ``GET`` with ``Range`` is served without content coding (its ``Accept-Encoding`` is dropped:
  byte positions are positions in the representation itself), and its ``200`` body is cut to the
  one range asked for: ``206`` with ``Content-Range``, or ``416`` (see ``service/byte_ranges.py``).
- A response whose handler answered the range itself (it sets ``Accept-Ranges``: the export files,
  streamed from disk) or that is not a ``200`` passes unchanged; so does a ``200`` to a request with
  ``If-Range``, whose validator the response's weak ``ETag`` could never match (RFC 9110 §13.1.5).

The body is held in memory to be cut, which costs nothing extra for the JSON and CSV answers
(Litestar renders them whole) and is bounded for filtered exports by their size.
"""

from __future__ import annotations

import msgspec
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.byte_ranges import RangeNotSatisfiableError, requested_range
from service.errors import problem_document

__all__ = ("answer_ranges",)


def _header(scope: Scope, name: bytes) -> str | None:
    return next((value.decode("latin-1") for key, value in scope["headers"] if key == name), None)


def _advertise(send: Send) -> Send:
    async def send_advertised(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 200:
            MutableScopeHeaders.from_message(message).setdefault("Accept-Ranges", "bytes")
        await send(message)

    return send_advertised


async def _send_part(start: Message, body: bytes, range_header: str, send: Send) -> None:
    headers = MutableScopeHeaders.from_message(start)
    headers["Accept-Ranges"] = "bytes"
    try:
        part = requested_range(range_header, len(body))
    except RangeNotSatisfiableError as error:
        problem = problem_document(
            status_code=416,
            kind="range-not-satisfiable",
            title="Range not satisfiable",
            detail=f"{error}; ask for bytes 0-{len(body) - 1} at most (Content-Range gives the size).",
        )
        content = msgspec.json.encode(problem)
        response_headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(content)).encode()),
            (b"content-range", f"bytes */{len(body)}".encode()),
            (b"accept-ranges", b"bytes"),
        ]
        await send({"type": "http.response.start", "status": 416, "headers": response_headers})
        await send({"type": "http.response.body", "body": content, "more_body": False})
        return
    if part is not None:
        start["status"] = 206  # type: ignore[typeddict-unknown-key]
        headers["Content-Range"] = part.content_range(len(body))
        headers["Content-Length"] = str(part.length)
        body = body[part.start : part.end + 1]
    else:
        headers["Content-Length"] = str(len(body))
    await send(start)
    await send({"type": "http.response.body", "body": body, "more_body": False})


def answer_ranges(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: ``Accept-Ranges: bytes`` on ``GET`` answers, and one ``Range`` served."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] != "GET":
            await app(scope, receive, send)
            return
        range_header = _header(scope, b"range")
        if range_header is None:
            await app(scope, receive, _advertise(send))
            return
        if_range = _header(scope, b"if-range")
        scope.setdefault("state", {})  # shared with the copy, as in service.head
        headers = [(key, value) for key, value in scope["headers"] if key != b"accept-encoding"]
        start: Message | None = None
        passing = False
        chunks: list[bytes] = []

        async def send_part(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                handled = any(key.lower() == b"accept-ranges" for key, _ in message.get("headers", []))
                passing = message["status"] != 200 or handled or if_range is not None
                if passing:
                    await _advertise(send)(message)
                else:
                    start = message
            elif passing or start is None or message["type"] != "http.response.body":
                await send(message)
            else:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await _send_part(start, b"".join(chunks), range_header, send)

        await app({**scope, "headers": headers}, receive, send_part)

    return middleware
