"""The one mapping from domain errors to RFC 9457 problem details."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from litestar import Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.plugins.problem_details import ProblemDetailsConfig, ProblemDetailsException

from ingest.errors import AmbiguousError, NotFoundError

__all__ = ("NoGenerationError", "problem_details_config", "problem_document", "problem_response")

_TYPE_BASE = "https://rankledger.dev/problems/"
_log = logging.getLogger("rankledger.service")


class NoGenerationError(LookupError):
    """No warehouse generation has been published yet."""


def _not_found(error: NotFoundError) -> ProblemDetailsException:
    if error.known:
        what_exists = f"What exists: {', '.join(error.known)}."
        extra: dict[str, Any] = {"kind": error.kind, "key": error.key, "known": list(error.known)}
    else:
        what_exists = "List what exists with the matching list endpoint."
        extra = {"kind": error.kind, "key": error.key}
    return ProblemDetailsException(
        status_code=404,
        type_=_TYPE_BASE + "not-found",
        title=f"{error.kind.capitalize()} not found",
        detail=f"No {error.kind} {error.key!r}. {what_exists}",
        extra=extra,
    )


def _ambiguous(error: AmbiguousError) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=409,
        type_=_TYPE_BASE + "ambiguous",
        title=f"Ambiguous {error.kind}",
        detail=f"{error}. Use one of the candidate ids.",
        extra={"kind": error.kind, "key": error.key, "candidates": error.candidates},
    )


def _describe(item: Any) -> str:
    if isinstance(item, Mapping):
        key = item.get("key")
        message = item.get("message", "invalid value")
        return f"parameter {key!r}: {message}" if key else str(message)
    return str(item)


def _invalid(error: ValidationException) -> ProblemDetailsException:
    problems = error.extra if isinstance(error.extra, list) else [error.extra] if error.extra else []
    detail = "; ".join(_describe(p) for p in problems) or str(error.detail)
    return ProblemDetailsException(
        status_code=400,
        type_=_TYPE_BASE + "invalid-parameter",
        title="Invalid request parameter",
        detail=detail,
        extra={"errors": problems},
    )


def _http(error: HTTPException) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=error.status_code,
        title=str(error.detail),
        detail=str(error.detail),
        headers=error.headers,
    )


def _route_not_found(error: NotFoundException) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=404,
        type_=_TYPE_BASE + "not-found",
        title="Not found",
        detail="No such path. The API lives under /v1; see /openapi.json.",
    )


def _no_generation(error: NoGenerationError) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=503,
        type_=_TYPE_BASE + "no-data",
        title="No data published yet",
        detail=f"{error} Run `rankledger serve` (first start builds it) or `rankledger import`.",
        headers={"Retry-After": "30"},
    )


def _internal(error: Exception) -> ProblemDetailsException:
    _log.error("unhandled error", exc_info=error)
    return ProblemDetailsException(
        status_code=500,
        type_=_TYPE_BASE + "internal",
        title="Internal error",
        detail="The server failed to answer this request; the error is in its log.",
    )


def problem_response(
    *,
    status_code: int,
    kind: str,
    title: str,
    detail: str,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    """A problem-details response built outside exception handling (e.g. in a request hook)."""
    body = problem_document(status_code=status_code, kind=kind, title=title, detail=detail, extra=extra)
    return Response(body, status_code=status_code, media_type="application/problem+json", headers=headers)


def problem_document(
    *, status_code: int, kind: str, title: str, detail: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The body of a problem-details response (for code answering outside Litestar's responses)."""
    return {
        "status": status_code,
        "type": _TYPE_BASE + kind,
        "title": title,
        "detail": detail,
        **(extra or {}),
    }


def problem_details_config() -> ProblemDetailsConfig:
    """Every error the API returns is ``application/problem+json``."""
    return ProblemDetailsConfig(
        enable_for_all_http_exceptions=True,
        exception_to_problem_detail_map={
            NotFoundError: _not_found,
            AmbiguousError: _ambiguous,
            ValidationException: _invalid,
            NotFoundException: _route_not_found,
            HTTPException: _http,
            NoGenerationError: _no_generation,
            Exception: _internal,
        },
    )
