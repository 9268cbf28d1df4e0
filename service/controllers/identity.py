"""``/v1/identity``: how source names map to canonical models, and what is not mapped yet."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from service.controllers._parameters import deprecated_alias, resolve_alias
from service.controllers._responses import CsvAlternative, problem_responses
from service.queries.identity import unresolved_names
from service.rendering import FormatParameter, Page, render
from service.schemas import UnresolvedNameList

__all__ = ("IdentityController",)


class IdentityController(Controller):
    """The model identity registry as applied to the warehouse."""

    path = "/v1/identity"
    tags = ("models",)

    @get(
        "/unresolved",
        operation_id="ListUnresolvedNames",
        responses=problem_responses(400, 503),
        operation_class=CsvAlternative,
        summary="Source names kept as source-scoped models, with boards and dates",
        sync_to_thread=True,
    )
    def unresolved(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        source: Annotated[str | None, QueryParameter(description="Only this source id.")] = None,
        date_from: Annotated[
            date | None, QueryParameter(name="from", description="Only names seen on or after this day.")
        ] = None,
        since: Annotated[
            date | None,
            deprecated_alias("from"),
        ] = None,
        max_rank: Annotated[
            int | None, QueryParameter(description="Only names that reached this rank_best or better.", ge=1)
        ] = None,
        output: FormatParameter = None,
    ) -> Response[UnresolvedNameList]:
        """Names no declared alias or rule maps to the registry, best-ranked first."""
        seen_from = resolve_alias(date_from, "from", since, "since")
        items = unresolved_names(db, source=source, since=seen_from, max_rank=max_rank)
        return render(request, UnresolvedNameList(items=items), output, page=page)
