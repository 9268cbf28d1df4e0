"""``/v1/runs``: each live source's latest ingest run, read from ``runs.json`` (no warehouse)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency

from service.controllers._responses import CsvAlternative, problem_responses
from service.freshness import Freshness
from service.rendering import FormatParameter, Page, render
from service.schemas_runs import SourceRunList

__all__ = ("RunController",)


class RunController(Controller):
    """Ingest runs per source."""

    path = "/v1/runs"
    tags = ("meta",)

    @get(
        "/",
        operation_id="ListRuns",
        responses=problem_responses(400),
        operation_class=CsvAlternative,
        summary="Each live source's latest ingest run: attempt, success, outcome, rows, error",
        sync_to_thread=False,
    )
    def list_runs(
        self,
        request: Request[Any, Any, Any],
        state: State,
        page: NamedDependency[Page],
        output: FormatParameter = None,
    ) -> Response[SourceRunList]:
        """Every live source, including those never fetched live (``outcome: never``: seeds only).

        Failed runs show here even though they published nothing; ``stale`` marks a source without
        a successful fetch within ``RANKLEDGER_STALE_AFTER_HOURS``.
        """
        freshness: Freshness = state.freshness
        return render(request, SourceRunList(items=freshness.source_runs()), output, page=page)
