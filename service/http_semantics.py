"""HTTP semantics every endpoint shares: validators, caching headers, strict query parameters.

A published generation never changes, so a response is fully determined by the generation it
was read from and the request (path, query, ``Accept``). That pair is the ETag: a client that
sends it back in ``If-None-Match`` gets ``304 Not Modified`` without a query being run, until
a new generation is published. ``Last-Modified`` is the generation's publication time.

Validators are weak (``W/"..."``: the same data as JSON may be gzipped or not), except for the
files of a route marked ``opt={IMMUTABLE_FILE_OPT: True}`` asked for without a query: an export
file is the same bytes for the whole generation, so its ETag is strong and byte ranges can be
checked against it (``If-Range``). A content-coded (gzipped) copy of such a file gets the weak
form of the tag, as its bytes differ. ``Vary`` names the request headers the representation
depends on: ``Accept`` and ``Accept-Encoding`` unless the route says otherwise (``opt={VARY_OPT: ...}``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from litestar import Litestar, Request, Response
from litestar.datastructures import MutableScopeHeaders
from litestar.openapi.spec import Parameter
from litestar.types import Message, Scope

from ingest.warehouse import GenerationPool
from service.errors import problem_response
from service.query_choices import check_choices

__all__ = (
    "DEFAULT_VARY",
    "GENERATION_STATE_KEY",
    "IMMUTABLE_FILE_OPT",
    "RESPONSE_STATE_KEYS",
    "VARY_OPT",
    "add_caching_headers",
    "allowed_query_parameters",
    "check_request",
    "file_etag",
    "last_modified",
    "response_etag",
)

GENERATION_STATE_KEY = "rankledger_generation"
"""Key in the ASGI scope state where the dependency records the generation a request read."""
IMMUTABLE_FILE_OPT = "immutable_file"
"""Route ``opt`` key: without a query, the route answers with a file fixed for the generation."""
VARY_OPT = "vary"
"""Route ``opt`` key: the ``Vary`` header of its responses (default ``DEFAULT_VARY``)."""
DEFAULT_VARY = "Accept, Accept-Encoding"
"""JSON or CSV by ``Accept``; gzip by ``Accept-Encoding``."""
_POLICY_STATE_KEY = "rankledger_response_policy"
_ALLOWED_STATE_KEY = "allowed_query_parameters"
RESPONSE_STATE_KEYS = (GENERATION_STATE_KEY, _POLICY_STATE_KEY)
"""What a request leaves in the scope state that shapes its response's headers on the way out
(``add_caching_headers``): a response replayed by the cache (``service/response_cache.py``)
carries them again, so its headers are those of a fresh response."""
_MAX_AGE = 60


@dataclass(frozen=True)
class _ResponsePolicy:
    """What the matched route says about its responses, recorded before the handler runs."""

    vary: str
    immutable_file: bool
    path: str
    """The path as routed (a ``HEAD`` request's outer scope keeps the path as sent)."""


def response_etag(generation: str, scope: Scope, *, path: str | None = None) -> str:
    """Weak validator for one response: the generation plus what was asked for (``path`` as routed)."""
    headers = dict(scope.get("headers", []))
    accept = headers.get(b"accept", b"").decode("latin-1")
    query = "&".join(sorted(scope.get("query_string", b"").decode("latin-1").split("&")))
    key = f"{generation}|{scope.get('path', '') if path is None else path}?{query}|{accept}"
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def file_etag(generation: str, path: str) -> str:
    """Strong validator of an immutable file: the generation plus the file's path."""
    return f'"{hashlib.sha256(f"{generation}|{path}".encode()).hexdigest()[:32]}"'


def _opaque(tag: str) -> str:
    """The opaque part of an entity tag, for the weak comparison ``If-None-Match`` uses."""
    return tag.strip().removeprefix("W/")


def last_modified(generation: str) -> str | None:
    """``Last-Modified``: the generation's publication time as an HTTP date."""
    stamp = generation.removeprefix("gen-").removesuffix(".duckdb")
    try:
        moment = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return format_datetime(moment, usegmt=True)


def allowed_query_parameters(app: Litestar) -> dict[str, set[str]]:
    """Operation id -> the query parameters it documents (read from the OpenAPI objects, not their
    JSON form, which costs 80 ms to produce); kept in ``app.state`` for ``check_request``."""
    cached: dict[str, set[str]] | None = app.state.get(_ALLOWED_STATE_KEY)
    if cached is None:
        cached = {}
        for item in (app.openapi_schema.paths or {}).values():
            operation = item.get
            if operation is not None and operation.operation_id:
                cached[operation.operation_id] = {
                    p.name
                    for p in operation.parameters or []
                    if isinstance(p, Parameter) and p.param_in == "query"
                }
        app.state[_ALLOWED_STATE_KEY] = cached
    return cached


def _allowed_query_parameters(request: Request[Any, Any, Any]) -> set[str] | None:
    """Query parameters the matched operation documents (``None``: undocumented, not checked)."""
    operation_id = request.route_handler.operation_id
    allowed = allowed_query_parameters(request.app)
    return allowed.get(operation_id) if isinstance(operation_id, str) else None


def check_request(request: Request[Any, Any, Any]) -> Response[Any] | None:
    """Before a handler runs: reject unknown query parameters and values outside a parameter's
    choices; answer 304 when nothing changed."""
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
    wrong_value = check_choices(request)
    if wrong_value is not None:
        return wrong_value
    opt = request.route_handler.opt
    policy = _ResponsePolicy(
        vary=str(opt.get(VARY_OPT, DEFAULT_VARY)),
        immutable_file=bool(opt.get(IMMUTABLE_FILE_OPT)) and not request.scope.get("query_string"),
        path=request.scope["path"],
    )
    request.scope.setdefault("state", {})[_POLICY_STATE_KEY] = policy
    validators = request.headers.get("if-none-match")
    if validators and request.method == "GET":
        pool: GenerationPool = request.app.state.generations
        generation = pool.current_name
        if generation is not None:
            return _not_modified(request, policy, generation, validators)
    return None


def _not_modified(
    request: Request[Any, Any, Any], policy: _ResponsePolicy, generation: str, validators: str
) -> Response[Any] | None:
    """304 when an ``If-None-Match`` validator matches the response's ETag (weak comparison)."""
    etag = _etag(generation, request.scope, policy)
    sent = [v.strip() for v in validators.split(",")]
    matching = next((v for v in sent if _opaque(v) == _opaque(etag)), None)
    if matching is None and validators.strip() != "*":
        return None
    if matching is not None and matching.startswith("W/") and not etag.startswith("W/"):
        etag = matching  # the client holds the content-coded copy: confirm its (weak) tag
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={_MAX_AGE}"}
    modified = last_modified(generation)
    if modified:
        headers["Last-Modified"] = modified
    return Response(content=b"", status_code=304, headers=headers)


def _etag(generation: str, scope: Scope, policy: _ResponsePolicy) -> str:
    if policy.immutable_file:
        return file_etag(generation, policy.path)
    return response_etag(generation, scope, path=policy.path)


def _merged_vary(existing: str | None, wanted: str) -> str:
    tokens: dict[str, str] = {}
    for token in f"{wanted},{existing or ''}".split(","):
        if token.strip():
            tokens.setdefault(token.strip().lower(), token.strip())
    return ", ".join(tokens.values())


async def add_caching_headers(message: Message, scope: Scope) -> None:
    """On a successful GET (or HEAD) that read the warehouse: ETag, Last-Modified, Cache-Control, Vary."""
    if message["type"] != "http.response.start" or scope.get("method") not in {"GET", "HEAD"}:
        return
    headers = MutableScopeHeaders.from_message(message)
    state = scope.get("state", {})
    policy: _ResponsePolicy | None = state.get(_POLICY_STATE_KEY)
    if policy is not None and message["status"] in {200, 206, 304}:
        headers["Vary"] = _merged_vary(headers.get("Vary"), policy.vary)
    generation = state.get(GENERATION_STATE_KEY)
    if message["status"] == 304:
        return
    if generation is None or message["status"] not in {200, 206}:
        headers.setdefault("Cache-Control", "no-cache")
        return
    if policy is None:
        headers["ETag"] = response_etag(generation, scope)
    else:
        etag = _etag(generation, scope, policy)
        # gzipped bytes are not the file's bytes: no byte range may be taken against a strong tag
        headers["ETag"] = f"W/{etag}" if "content-encoding" in headers and not etag.startswith("W/") else etag
    headers["Cache-Control"] = f"public, max-age={_MAX_AGE}"
    modified = last_modified(generation)
    if modified:
        headers["Last-Modified"] = modified
