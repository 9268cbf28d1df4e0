"""Request ids and the optional access log.

Every response carries ``X-Request-ID``: the caller's own (if it is a short token of letters,
digits, ``.``, ``_`` or ``-``) or a fresh one. Every log line written while the request is handled
carries it as ``request_id``. With ``RANKLEDGER_ACCESS_LOG=1`` each request also gets one JSON line
(method, path, route template, status, duration): never the query string's values, headers or
bodies, and never for the probes and scrapes (``/healthz``, ``/metrics``).
"""

from __future__ import annotations

import os
import re
import time

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Middleware, Receive, Scope, Send

from ingest.logs import bind_log_context, get_logger

__all__ = ("REQUEST_ID_HEADER", "request_context")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")
_QUIET_PATHS = frozenset({"/healthz", "/metrics"})
_log = get_logger("access")


def _request_id(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id" and _VALID_ID.fullmatch(value):
            return value.decode("ascii")
    return os.urandom(8).hex()


def request_context(*, access_log: bool) -> Middleware:
    """Middleware giving each request an id (header and logs) and, if asked, an access log line."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP:
                await app(scope, receive, send)
                return
            request_id = _request_id(scope)
            started = time.perf_counter()
            status = 500

            async def send_with_id(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    MutableScopeHeaders.from_message(message).add(REQUEST_ID_HEADER, request_id)
                await send(message)

            with bind_log_context(request_id=request_id):
                try:
                    await app(scope, receive, send_with_id)
                finally:
                    if access_log and scope["path"] not in _QUIET_PATHS:
                        _log.info(
                            "request",
                            extra={
                                "method": scope["method"],
                                "path": scope["path"],
                                "route": scope.get("path_template"),
                                "status": status,
                                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                            },
                        )

        return middleware

    return wrap
