"""``/v1/disagreements``: formats that disagree about the same board and date."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from service.controllers._responses import CsvAlternative, problem_responses
from service.queries.disagreements import list_disagreements
from service.rendering import FormatParameter, Page, render
from service.schemas import DisagreementList

__all__ = ("DisagreementController",)


class DisagreementController(Controller):
    """Corroboration between formats."""

    path = "/v1/disagreements"
    tags = ("boards",)

    @get(
        "/",
        operation_id="ListDisagreements",
        responses=problem_responses(400, 503),
        operation_class=CsvAlternative,
        summary="Models on which two formats for the same board and date disagree beyond rounding",
        sync_to_thread=True,
    )
    def list_disagreements(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        board: Annotated[str | None, QueryParameter(description="Board id.")] = None,
        source: Annotated[str | None, QueryParameter(description="Source id, e.g. `lmarena`.")] = None,
        date_from: Annotated[date | None, QueryParameter(name="from", description="First day.")] = None,
        date_to: Annotated[date | None, QueryParameter(name="to", description="Last day.")] = None,
        output: FormatParameter = None,
    ) -> Response[DisagreementList]:
        """The served snapshot's value beside the other format's, per model (scores > 1 point apart
        or different vote counts)."""
        items = list_disagreements(db, board=board, source=source, date_from=date_from, date_to=date_to)
        return render(request, DisagreementList(items=items), output, page=page)
