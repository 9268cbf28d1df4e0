"""``Server-Timing`` on every response: how long the server took, as the client can see it.

The figure is the time from the request reaching the application to the response head being
sent: routing, dependencies, queries, serialisation and (for a whole-body response) compression.
For a streamed export it is the time to the first byte. Browsers show it in their network panel;
``bench/api.py`` reads it to report server-side latency without the client's own overhead.

A request the response cache could answer also says whether it did:
``Server-Timing: app;dur=0.2, cache;desc=hit`` (or ``miss``; see ``service/response_cache.py``).
"""

from __future__ import annotations

import time

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.response_cache import CACHE_STATE_KEY

__all__ = ("SERVER_TIMING_METRIC", "server_duration_ms", "server_timing")

SERVER_TIMING_METRIC = "app"
"""Name of the metric in the header: ``Server-Timing: app;dur=12.3`` (milliseconds)."""


def server_timing(app: ASGIApp) -> ASGIApp:
    """Middleware adding ``Server-Timing: app;dur=<ms>`` to the response head."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed_ms = (time.perf_counter() - started) * 1000
                headers = MutableScopeHeaders.from_message(message)
                timing = f"{SERVER_TIMING_METRIC};dur={elapsed_ms:.3f}"
                outcome = scope.get("state", {}).get(CACHE_STATE_KEY)
                if outcome is not None:
                    timing += f", cache;desc={outcome}"
                headers.add("Server-Timing", timing)
            await send(message)

        await app(scope, receive, send_timed)

    return middleware


def server_duration_ms(header: str) -> float:
    """The ``app`` duration of a ``Server-Timing`` header, in milliseconds."""
    for metric in header.split(","):
        name, _, parameters = metric.strip().partition(";")
        if name == SERVER_TIMING_METRIC:
            return float(parameters.removeprefix("dur="))
    raise ValueError(f"no {SERVER_TIMING_METRIC!r} metric in Server-Timing: {header!r}")
