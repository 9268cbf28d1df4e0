"""HTTP semantics every endpoint shares: validators, caching headers, strict query parameters.

A published generation never changes, so a response is fully determined by the generation it
was read from and the request (path, query, ``Accept``). That pair is the ETag: a client that
sends it back in ``If-None-Match`` gets ``304 Not Modified`` without a query being run, until
a new generation is published. ``Last-Modified`` is the generation's publication time.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from litestar import Request, Response
from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

from ingest.warehouse import GenerationPool
from service.errors import problem_response

__all__ = ("GENERATION_STATE_KEY", "add_caching_headers", "check_request", "response_etag")

GENERATION_STATE_KEY = "rankledger_generation"
"""Key in the ASGI scope state where the dependency records the generation a request read."""
_MAX_AGE = 60


def response_etag(generation: str, scope: Scope) -> str:
    """Weak validator for one response: the generation plus what was asked for."""
    headers = dict(scope.get("headers", []))
    accept = headers.get(b"accept", b"").decode("latin-1")
    query = "&".join(sorted(scope.get("query_string", b"").decode("latin-1").split("&")))
    key = f"{generation}|{scope.get('path', '')}?{query}|{accept}"
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def _last_modified(generation: str) -> str | None:
    stamp = generation.removeprefix("gen-").removesuffix(".duckdb")
    try:
        moment = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return format_datetime(moment, usegmt=True)


def _allowed_query_parameters(request: Request[Any, Any, Any]) -> set[str] | None:
    """Query parameters the matched operation documents (``None``: undocumented, not checked)."""
    cache: dict[str, set[str]] | None = request.app.state.get("allowed_query_parameters")
    if cache is None:
        cache = {}
        schema = request.app.openapi_schema.to_schema()
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                if isinstance(operation, dict) and "operationId" in operation:
                    cache[operation["operationId"]] = {
                        p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                    }
        request.app.state["allowed_query_parameters"] = cache
    operation_id = request.route_handler.operation_id
    return cache.get(operation_id) if isinstance(operation_id, str) else None


def check_request(request: Request[Any, Any, Any]) -> Response[Any] | None:
    """Before a handler runs: reject unknown query parameters; answer 304 when nothing changed."""
    allowed = _allowed_query_parameters(request)
    if allowed is not None:
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed)) or "no query parameters"
            return problem_response(
                status_code=400,
                kind="invalid-parameter",
                title="Unknown query parameter",
                detail=f"unknown query parameter(s) {', '.join(unknown)}; this endpoint takes: {known}",
                extra={
                    "errors": [{"key": k, "message": "unknown parameter", "source": "query"} for k in unknown]
                },
            )
    validators = request.headers.get("if-none-match")
    if validators and request.method == "GET":
        pool: GenerationPool = request.app.state.generations
        generation = pool.current_name
        if generation is not None:
            etag = response_etag(generation, request.scope)
            if etag in {v.strip() for v in validators.split(",")} or validators.strip() == "*":
                headers = {"ETag": etag, "Cache-Control": f"public, max-age={_MAX_AGE}"}
                last_modified = _last_modified(generation)
                if last_modified:
                    headers["Last-Modified"] = last_modified
                return Response(content=b"", status_code=304, headers=headers)
    return None


async def add_caching_headers(message: Message, scope: Scope) -> None:
    """On a successful GET that read the warehouse: ETag, Last-Modified and Cache-Control."""
    if message["type"] != "http.response.start" or scope.get("method") != "GET":
        return
    headers = MutableScopeHeaders.from_message(message)
    generation = scope.get("state", {}).get(GENERATION_STATE_KEY)
    if generation is None or message["status"] != 200:
        headers.setdefault("Cache-Control", "no-cache")
        return
    headers["ETag"] = response_etag(generation, scope)
    headers["Cache-Control"] = f"public, max-age={_MAX_AGE}"
    last_modified = _last_modified(generation)
    if last_modified:
        headers["Last-Modified"] = last_modified
