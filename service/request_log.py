"""Request ids, the optional access log and the log of uncaught exceptions.

Every response carries ``X-Request-ID``: the caller's own (if it is a short token of letters,
digits, ``.``, ``_`` or ``-``) or a fresh one. Every log line written while the request is handled
carries it as ``request_id``. With ``RANKLEDGER_ACCESS_LOG=1`` each request also gets one JSON line
(method, path, route template, status, duration): never the query string's values, headers or
bodies, and never for the probes and scrapes (``/healthz``, ``/metrics``). An exception that
becomes a ``500`` is logged with its traceback (``uncaught exception``); the errors that are
answers (404, 409, 400, 503 before the first publish) are not.
"""

from __future__ import annotations

import os
import re
import sys
import time
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.logging.config import LoggingConfig
from litestar.types import ASGIApp, Message, Middleware, Receive, Scope, Send

from ingest.errors import AmbiguousError, NotFoundError
from ingest.logs import JsonFormatter, bind_log_context, get_logger
from service.errors import NoGenerationError
from service.warm_up import WARM_UP_STATE_KEY

__all__ = ("REQUEST_ID_HEADER", "logging_config", "request_context")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")
_QUIET_PATHS = frozenset({"/healthz", "/metrics"})
_log = get_logger("access")
_api_log = get_logger("api")
_ANSWERS = (NotFoundError, AmbiguousError, NoGenerationError)
"""Domain errors mapped to 4xx/503 problem details: answers, not failures."""


def _log_uncaught(_logger: Any, scope: Scope, _traceback: list[str]) -> None:
    error = sys.exc_info()[1]
    if isinstance(error, _ANSWERS) or (isinstance(error, HTTPException) and error.status_code < 500):
        return
    _api_log.error(
        "uncaught exception",
        exc_info=True,
        extra={"method": scope.get("method"), "path": scope["path"], "route": scope.get("path_template")},
    )


def logging_config() -> LoggingConfig:
    """Litestar's logging: JSON lines, the root logger left alone, 500s logged with their traceback."""
    return LoggingConfig(
        configure_root_logger=False,
        log_exceptions="always",
        exception_logging_handler=_log_uncaught,
        formatters={"json": {"()": JsonFormatter}},
        handlers={"json": {"class": "logging.StreamHandler", "formatter": "json"}},
        loggers={"litestar": {"level": "WARNING", "handlers": ["json"], "propagate": False}},
    )


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
                    quiet = scope["path"] in _QUIET_PATHS or scope["state"].get(WARM_UP_STATE_KEY)
                    if access_log and not quiet:
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
