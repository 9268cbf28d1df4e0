"""``/v1/sources``: upstream sources with licence and citation."""

from __future__ import annotations

from typing import Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency

from service.controllers._responses import CsvAlternative, problem_responses
from service.queries.sources import list_sources
from service.rendering import FormatParameter, Page, render
from service.schemas import SourceList

__all__ = ("SourceController",)


class SourceController(Controller):
    """Sources of leaderboard data."""

    path = "/v1/sources"
    tags = ("sources",)

    @get(
        "/",
        operation_id="ListSources",
        responses=problem_responses(400, 503),
        operation_class=CsvAlternative,
        summary="Sources with licence, citation, homepage, boards",
        sync_to_thread=True,
    )
    def list_sources(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        output: FormatParameter = None,
    ) -> Response[SourceList]:
        """Every source, how many boards it has and its newest snapshot date."""
        return render(request, SourceList(items=list_sources(db)), output, page=page)
