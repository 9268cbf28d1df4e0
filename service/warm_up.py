"""A worker's first requests, answered to itself before it takes any.

The first request a worker answers costs it 2-3 ms more than the ones after (Litestar's and
msgspec's first-use work for a route and its response types, the thread a handler runs in). So a
worker starting up asks itself for a model history and a leaderboard, as JSON and as CSV, before
it takes requests: not counted in the metrics, not logged, not kept by the response cache (the
middlewares see ``WARM_UP_STATE_KEY`` in the scope state).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from litestar.types import ASGIApp, HTTPRequestEvent, Message

__all__ = ("WARM_UP_STATE_KEY", "warm_up", "warm_up_paths")

WARM_UP_STATE_KEY = "rankledger_warm_up"
"""Scope state key set on the requests ``warm_up`` sends."""


def warm_up_paths(model_id: str, board_id: str) -> list[tuple[str, bytes]]:
    """(path, query) of the requests a worker answers itself: one model's history on one board and
    that board's leaderboard, JSON and CSV."""
    history = f"/v1/models/{quote(model_id, safe='')}/history"
    leaderboard = f"/v1/boards/{quote(board_id, safe='')}/leaderboard"
    board = f"board={quote(board_id, safe='')}".encode()
    return [
        (history, board),
        (history, board + b"&format=csv"),
        (leaderboard, b""),
        (leaderboard, b"format=csv"),
    ]


async def warm_up(app: ASGIApp, paths: Sequence[tuple[str, bytes]]) -> None:
    """Answer each request to nobody (gzip accepted, as clients ask)."""

    async def receive() -> HTTPRequestEvent:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        return None

    for path, query in paths:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": query,
            "headers": [(b"host", b"localhost"), (b"accept-encoding", b"gzip")],
            "client": ("127.0.0.1", 0),
            "server": ("127.0.0.1", 0),
            "state": {WARM_UP_STATE_KEY: True},
        }
        await app(scope, receive, send)  # type: ignore[arg-type]
