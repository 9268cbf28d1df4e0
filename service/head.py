"""``HEAD`` on every ``GET`` route, as a pure ASGI wrapper around the router.

RFC 9110 §9.3.2: a ``HEAD`` response carries the headers a ``GET`` of the same URL would, without
the body. Rather than a second handler per route, the request travels inside as a ``GET`` (so
routing, the 304 check, handlers, caching and compression all see the request they know) and the
body is dropped on the way out; ``Content-Length`` stays what the ``GET`` would send.

Litestar's ``middleware=[...]`` list runs *after* routing, where a ``HEAD`` on a ``GET``-only route
is already a 405, so this wraps the application's ASGI handler instead (see ``create_app``): it
sits outside everything else, including any response cache in the middleware list.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ("answer_head_with_get",)

_RANGE_HEADERS = frozenset({b"range", b"if-range"})


def answer_head_with_get(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: a ``HEAD`` request is served as the ``GET`` of the same URL, minus the body."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] != "HEAD":
            await app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        # A copy, so the server still sees HEAD (and sends no body); ``state`` is shared, so what the
        # request records there (the generation it read) is seen by hooks holding the outer scope.
        scope.setdefault("state", {})
        # Range is defined for GET only (RFC 9110 §14.2): a HEAD describes the whole representation.
        headers = [(name, value) for name, value in scope["headers"] if name not in _RANGE_HEADERS]
        inner = {**scope, "method": "GET", "headers": headers}
        await app(inner, receive, send_headers_only)  # type: ignore[arg-type]

    return middleware
