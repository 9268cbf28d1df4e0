"""``/v1/models``: models, their standings and rank history."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from service.controllers._responses import CsvAlternative, problem_responses
from service.queries import models as queries
from service.queries.identity import resolve_name
from service.queries.served import ServedIndex, history_points
from service.rendering import FormatParameter, Page, render, render_lines
from service.schemas import AliasList, ModelDetail, ModelHistory, ModelList

__all__ = ("ModelController",)

ModelId = Annotated[
    str,
    PathParameter(description="Model id (e.g. `gpt-4o-2024-05-13`); a source's spelling of it also works."),
]


class ModelController(Controller):
    """Models across boards."""

    path = "/v1/models"
    tags = ("models",)

    @get(
        "/",
        operation_id="ListModels",
        responses=problem_responses(400, 503),
        operation_class=CsvAlternative,
        summary="Models, optionally matching a search string",
        sync_to_thread=True,
    )
    def list_models(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        q: Annotated[
            str | None,
            QueryParameter(
                description="Case-insensitive substring of the id or any source name.", min_length=1
            ),
        ] = None,
        output: FormatParameter = None,
    ) -> Response[ModelList]:
        """Models with the names sources use for them and their date range."""
        return render(request, ModelList(items=queries.search_models(db, q)), output, page=page)

    @get(
        "/resolve",
        operation_id="ResolveModelName",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="How a model name resolves to a canonical model, or would",
        sync_to_thread=True,
    )
    def resolve(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        name: Annotated[
            str, QueryParameter(description="The name as a source writes it, or any spelling.", min_length=1)
        ],
        source: Annotated[
            str | None, QueryParameter(description="Source id; all sources when omitted.")
        ] = None,
        output: FormatParameter = None,
    ) -> Response[AliasList]:
        """The recorded mappings of this spelling (exact matches first): model, variant, rule, provenance.

        A spelling no source has used gets what the registry's rules would make of it
        (``rules_applied``, ``observed: false``); a name nothing resolves gets the closest
        canonical models (``closest``). CSV lists the items only.
        """
        return render(request, resolve_name(db, name, source), output, page=page)

    @get(
        "/{model_id:str}",
        operation_id="GetModel",
        responses=problem_responses(400, 404, 409, 503),
        summary="A model and its latest standing on every board",
        sync_to_thread=True,
    )
    def get_model(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        model_id: ModelId,
    ) -> ModelDetail:
        """Names, organisations and the latest line on each board the model appears on."""
        return queries.model_detail(db, served.names, model_id)

    @get(
        "/{model_id:str}/history",
        operation_id="GetModelHistory",
        responses=problem_responses(400, 404, 409, 503),
        operation_class=CsvAlternative,
        summary="Rank, score and CI time series of a model",
        sync_to_thread=True,
    )
    def history(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[ServedIndex],
        page: NamedDependency[Page],
        model_id: ModelId,
        board: Annotated[str | None, QueryParameter(description="Board id; all boards when omitted.")] = None,
        variant: Annotated[
            str | None,
            QueryParameter(
                description=(
                    "Only this variant label (e.g. `thinking-32k-20251101`); `-` for entries without one. "
                    "A path spelt as a source writes the model (`gpt-4o-2024-05-13`) already keeps "
                    "only the entries so spelt."
                )
            ),
        ] = None,
        date_from: Annotated[
            date | None, QueryParameter(name="from", description="First day (inclusive).")
        ] = None,
        date_to: Annotated[
            date | None, QueryParameter(name="to", description="Last day (inclusive).")
        ] = None,
        output: FormatParameter = None,
    ) -> Response[ModelHistory]:
        """One point per served snapshot that lists the model, oldest first."""
        canonical, spelling, lines = served.history_lines(
            model_id, board=board, variant=variant, date_from=date_from, date_to=date_to
        )
        return render_lines(
            request,
            lines,
            output,
            page=page,
            body=lambda rows: ModelHistory(
                model_id=canonical, spelling=spelling, variant=variant, items=history_points(rows)
            ),
        )
