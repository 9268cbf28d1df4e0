"""``/v1/compare``: models side by side on every board they share, with verdicts."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from service.controllers._parameters import split_list_parameter
from service.controllers._responses import CsvAlternative, problem_responses
from service.limits import RATE_LIMITED_OPT
from service.queries.compare import compare_models
from service.queries.served import ServedIndex
from service.rendering import FormatParameter, render
from service.schemas_analytics import Comparison

__all__ = ("CompareController",)

MAX_MODELS = 10
"""Most models one comparison takes (the pairs grow quadratically)."""


class CompareController(Controller):
    """Head-to-head comparisons."""

    path = "/v1/compare"
    tags = ("models",)

    @get(
        "/",
        operation_id="CompareModels",
        responses=problem_responses(400, 404, 409, 429, 503),
        opt={RATE_LIMITED_OPT: "always"},
        operation_class=CsvAlternative,
        summary="Per board: each model's standing and a pairwise verdict (ahead/tied/behind)",
        sync_to_thread=True,
    )
    def compare(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        models: Annotated[
            str,
            QueryParameter(
                description=f"2 to {MAX_MODELS} comma-separated model ids (or a source's spelling), "
                "e.g. `gemini-3-pro,gpt-5.1`.",
                min_length=3,
            ),
        ],
        as_of: Annotated[
            date | None,
            QueryParameter(description="Day (YYYY-MM-DD): every board as of that day; latest when omitted."),
        ] = None,
        history: Annotated[
            bool,
            QueryParameter(description="Add the verdict on every served snapshot where both models appear."),
        ] = False,
        output: FormatParameter = None,
    ) -> Response[Comparison]:
        """Boards where at least two of the models appear as of the day; each model is its best
        variant on the board (lowest ``rank_best``, then best score)."""
        names = split_list_parameter(models, "models", at_least=2, at_most=MAX_MODELS)
        return render(request, compare_models(db, served.names, names, as_of, history=history), output)
