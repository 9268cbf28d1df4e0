"""``/v1/leaders``: who held rank 1 on a board, and when."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from service.controllers._responses import CsvAlternative, problem_responses
from service.queries.leaders import board_leaders
from service.rendering import FormatParameter, Page, render
from service.schemas_analytics import Leaders

__all__ = ("LeaderController",)


class LeaderController(Controller):
    """Reigns at the top of a board."""

    path = "/v1/leaders"
    tags = ("movement",)

    @get(
        "/",
        operation_id="ListLeaders",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="The timeline of rank 1 as reigns: leader(s), first and last day, days",
        sync_to_thread=True,
    )
    def list_leaders(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        board: Annotated[
            str, QueryParameter(description="Board id, e.g. `lmarena.text.overall.raw`.", min_length=1)
        ],
        as_of: Annotated[
            date | None,
            QueryParameter(
                description="Day (YYYY-MM-DD): the reigns as published up to that day; all when omitted."
            ),
        ] = None,
        output: FormatParameter = None,
    ) -> Response[Leaders]:
        """Reigns oldest first; co-leaders share a reign, a sole leader is alone at rank 1."""
        body = board_leaders(db, board, as_of)
        return render(request, body, output, page=page, csv_context={"board_id": body.board_id})
