"""``/v1/claims``: what articles claimed about rankings, and what the snapshots say."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from service.controllers._responses import CsvAlternative, problem_responses
from service.queries import claims as queries
from service.queries.served import ServedIndex
from service.rendering import FormatParameter, Page, render
from service.schemas_claims import ClaimDetail, ClaimList

__all__ = ("ClaimController", "ClaimKind", "ClaimStatus")


class ClaimStatus(StrEnum):
    """A claim's verdict (``ingest.claims.VERDICTS``)."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    PARTLY_SUPPORTED = "partly_supported"
    UNVERIFIABLE = "unverifiable"
    PENDING = "pending"


class ClaimKind(StrEnum):
    """What a claim asserts (``ingest.claims.KINDS``)."""

    RANKS = "ranks"
    AHEAD_OF = "ahead_of"
    SCORE = "score"
    LEADS = "leads"
    FIRST_APPEARANCE = "first_appearance"
    USAGE_METRIC = "usage_metric"
    FORECAST = "forecast"


class ClaimController(Controller):
    """Article claims, each checked against the snapshots of the day it refers to."""

    path = "/v1/claims"
    tags = ("claims",)

    @get(
        "/",
        operation_id="ListClaims",
        responses=problem_responses(400, 404, 409, 503),
        operation_class=CsvAlternative,
        summary="Article claims with their verdicts",
        sync_to_thread=True,
    )
    def list_claims(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        page: NamedDependency[Page],
        model: Annotated[
            str | None,
            QueryParameter(description="Only claims naming this model (id or a source's name for it)."),
        ] = None,
        status: Annotated[
            ClaimStatus | None, QueryParameter(description="Only claims with this verdict.")
        ] = None,
        kind: Annotated[ClaimKind | None, QueryParameter(description="Only claims of this kind.")] = None,
        output: FormatParameter = None,
    ) -> Response[ClaimList]:
        """Claims in the order of the day they refer to, with board counts behind each verdict."""
        items = queries.list_claims(
            db,
            served.names,
            model=model,
            status=status.value if status else None,
            kind=kind.value if kind else None,
        )
        return render(request, ClaimList(items=items), output, page=page)

    @get(
        "/{claim_id:str}",
        operation_id="GetClaim",
        responses=problem_responses(400, 404, 503),
        summary="A claim, its source and every board check with the evidence",
        sync_to_thread=True,
    )
    def get_claim(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        claim_id: Annotated[
            str, PathParameter(description="Claim id, e.g. `google-gemini-3-pro-tops-lmarena-text-1501`.")
        ],
    ) -> ClaimDetail:
        """The snapshots compared, the values and the tolerance or window used, per board."""
        return queries.claim_detail(db, claim_id)
