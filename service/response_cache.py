"""Whole responses kept in memory, keyed by warehouse generation and request.

A published generation never changes, so a response read from it is a pure function of the
generation and the request: its path, its query (parameters in a canonical order), ``Accept`` and
``Accept-Encoding``. The cache keeps the final bytes of such responses (after JSON/CSV rendering
and gzip) and replays them without routing the request to a handler or running a query.

What is kept: successful (``200``) ``GET`` responses of handlers that read the warehouse (the
request's generation is recorded in the scope state by ``service.dependencies.provide_view``),
sent as one body message (not streamed files), at most ``max_bytes / 8`` each. Everything else
passes through: health, errors, ``Range`` requests, revalidations (``If-None-Match``: the
application answers ``304`` without a query), export files larger than one body message.

Nothing stale: every lookup first asks the generation pool which generation is current (a
``stat`` of the ``CURRENT`` pointer); a new generation empties the cache, and a response computed
on an older generation is never stored under the new one. The total size is bounded in bytes,
least recently used first out. Validators and caching headers (``ETag``, ``Last-Modified``) are
added on the way out by ``service.http_semantics.add_caching_headers`` for hits and misses alike
(a hit restores what the request had left in the scope state for it), so a hit is byte-identical
to the response it replays.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from ingest.warehouse import GenerationPool
from service.http_semantics import GENERATION_STATE_KEY, RESPONSE_STATE_KEYS
from service.warm_up import WARM_UP_STATE_KEY

__all__ = ("CACHE_STATE_KEY", "CachedResponse", "ResponseCache", "ResponseCacheMiddleware", "request_key")

CACHE_STATE_KEY = "rankledger_cache"
"""Key in the ASGI scope state where the middleware records ``hit`` or ``miss`` for the request."""

_KEYED_HEADERS = (b"accept", b"accept-encoding")
"""Request headers a representation depends on (JSON or CSV; gzip or not)."""
_BYPASS_HEADERS = frozenset({b"range", b"if-range", b"if-none-match"})
"""Requests the application answers itself: byte ranges, and revalidations (a ``304`` costs no
query there, and its headers come from the same code as every other ``304``)."""


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """The bytes of one response as the application sent them."""

    status: int
    """HTTP status (always 200 for now)."""
    headers: tuple[tuple[bytes, bytes], ...]
    """Response headers before the caching headers are added."""
    body: bytes
    """The whole body, compressed when the client accepted gzip."""
    state: tuple[tuple[str, Any], ...] = ()
    """What the request left in the scope state for the headers added on the way out
    (``service.http_semantics.RESPONSE_STATE_KEYS``): the generation, the route's header policy."""

    @property
    def size(self) -> int:
        """Bytes held, counting headers."""
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers) + 64


def _parameter_name(parameter: bytes) -> bytes:
    return parameter.partition(b"=")[0]


def request_key(scope: Scope) -> bytes | None:
    """The canonical request: path, query parameters ordered by name, ``Accept``, ``Accept-Encoding``.

    Parameters are ordered by name only (a stable sort), so repeated parameters keep their order.
    ``None`` for requests the cache must not answer (``Range``, ``If-None-Match``).
    """
    keyed = dict.fromkeys(_KEYED_HEADERS, b"")
    for name, value in scope["headers"]:
        if name in keyed:
            keyed[name] = value
        elif name in _BYPASS_HEADERS:
            return None
    query = bytes(scope.get("query_string", b""))
    if b"&" in query:
        parameters = sorted(query.split(b"&"), key=_parameter_name)
        query = b"&".join(parameters)
    return b"\n".join((scope["path"].encode("utf-8", "surrogateescape"), query, *keyed.values()))


class ResponseCache:
    """Responses of one generation, bounded in bytes, least recently used evicted first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        """Upper bound of the bytes held (``0`` turns the cache off)."""
        self.max_entry_bytes = max_bytes // 8
        """A larger response is not kept: it would push out too many others."""
        self.generation: str | None = None
        """The generation whose responses are held."""
        self.bytes_held = 0
        """Bytes held now."""
        self.hits = 0
        """Requests answered from the cache since the process started."""
        self.misses = 0
        """Requests the cache could have answered but had to pass on."""
        self._entries: OrderedDict[bytes, CachedResponse] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, generation: str, key: bytes) -> CachedResponse | None:
        """The response kept for ``key`` on ``generation``; a new generation empties the cache."""
        if generation != self.generation:
            self._entries.clear()
            self.bytes_held = 0
            self.generation = generation
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, generation: str, key: bytes, entry: CachedResponse) -> bool:
        """Keep ``entry`` if it was computed on the generation held and fits; returns whether it was kept."""
        if generation != self.generation or entry.size > self.max_entry_bytes:
            return False
        previous = self._entries.pop(key, None)
        if previous is not None:
            self.bytes_held -= previous.size
        self._entries[key] = entry
        self.bytes_held += entry.size
        while self.bytes_held > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.bytes_held -= evicted.size
        return True


class ResponseCacheMiddleware:
    """Answers repeated requests from a ``ResponseCache`` and fills it from the application's answers."""

    def __init__(self, app: ASGIApp, cache: ResponseCache, pool: GenerationPool) -> None:
        self.app = app
        self.cache = cache
        self.pool = pool
        self._computing: dict[bytes, asyncio.Event] = {}
        """Requests being computed now; the same request arriving meanwhile waits for the answer
        instead of computing it again (32 clients asking for a new generation's leaderboard at once
        cost one query, not 32)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        skip = self.cache.max_bytes <= 0 or scope.get("state", {}).get(WARM_UP_STATE_KEY)
        if scope["type"] != ScopeType.HTTP or scope["method"] != "GET" or skip:
            await self.app(scope, receive, send)
            return
        key = request_key(scope)
        generation = self.pool.current_name
        if key is None or generation is None:
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        entry = self.cache.get(generation, key)
        computing = self._computing.get(key)
        if entry is None and computing is not None:
            await computing.wait()
            generation = self.pool.current_name
            entry = self.cache.get(generation, key) if generation is not None else None
        if entry is not None:
            state[CACHE_STATE_KEY] = "hit"
            state.update(entry.state)
            head = {"type": "http.response.start", "status": entry.status, "headers": list(entry.headers)}
            await send(head)  # type: ignore[arg-type]
            await send({"type": "http.response.body", "body": entry.body, "more_body": False})
            return
        state[CACHE_STATE_KEY] = "miss"
        if key in self._computing:  # computed meanwhile, but not kept (an error, too large): ours too
            await self.app(scope, receive, send)
            return
        self._computing[key] = done = asyncio.Event()
        try:
            await self.app(scope, receive, self._recording(scope, key, send))
        finally:
            del self._computing[key]
            done.set()

    def _recording(self, scope: Scope, key: bytes, send: Send) -> Send:
        """A ``send`` that passes every message on and keeps a copy of a cacheable response."""
        cacheable = False
        headers: tuple[tuple[bytes, bytes], ...] = ()

        async def send_and_record(message: Message) -> None:
            nonlocal cacheable, headers
            if message["type"] == "http.response.start":
                cacheable = message["status"] == 200
                # copied now: the caching headers are added to this very list on the way out
                headers = tuple(message["headers"])
            elif message["type"] == "http.response.body" and cacheable:
                generation = scope["state"].get(GENERATION_STATE_KEY)
                if generation is not None and not message.get("more_body", False):
                    state = tuple((k, scope["state"][k]) for k in RESPONSE_STATE_KEYS if k in scope["state"])
                    entry = CachedResponse(200, headers, bytes(message["body"]), state)
                    self.cache.put(generation, key, entry)
                cacheable = False
            await send(message)

        return send_and_record
