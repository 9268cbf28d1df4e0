"""Liveness and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.datastructures import State

from service.controllers._responses import problem_responses
from service.freshness import Freshness
from service.http_semantics import VARY_OPT
from service.schemas import Health

__all__ = ("healthz", "openapi_document")


@get(
    "/healthz",
    operation_id="GetHealth",
    responses=problem_responses(400),
    summary="Liveness, the warehouse generation served and data freshness",
    tags=["meta"],
    opt={VARY_OPT: "Accept-Encoding"},  # JSON only
    sync_to_thread=False,
)
def healthz(state: State) -> Health:
    """``ok`` while the process runs; names the generation new queries will use, when it was
    published, the newest successful live ingest and the live sources gone stale (``/v1/runs``
    has the details). Stale data never fails the check: an upstream outage must not restart the API.
    """
    freshness: Freshness = state.freshness
    return freshness.health()


@get("/openapi.json", include_in_schema=False, media_type="application/vnd.oai.openapi+json")
async def openapi_document(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The OpenAPI 3.1 document generated from the app (also committed as openapi/openapi.json)."""
    state = request.app.state
    if "openapi_document" not in state:  # built once: producing it takes about 80 ms
        state["openapi_document"] = request.app.openapi_schema.to_schema()
    document: dict[str, Any] = state["openapi_document"]
    return document
