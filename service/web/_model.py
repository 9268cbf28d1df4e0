"""``/models/{model_id}``: a model's rank history on every board, its standings and the claims
about it."""

from __future__ import annotations

from typing import Annotated

import duckdb
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter
from litestar.response import Template

from service.queries.models import model_detail
from service.queries.served import ServedIndex
from service.web._charts import chart_json, model_series

__all__ = ("NO_VARIANT", "ModelPage")

NO_VARIANT = "-"
"""The ``variant`` value for entries without a variant label (as in the API)."""


class ModelPage(Controller):
    """One model across boards."""

    path = "/models"

    @get("/{model_id:str}", name="page:model", sync_to_thread=True)
    def model(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        model_id: Annotated[str, PathParameter(description="Model id or any source's spelling of it.")],
        variant: Annotated[
            str | None,
            QueryParameter(description=f"Only this variant label in the chart (`{NO_VARIANT}`: none)."),
        ] = None,
    ) -> Template:
        """The rank-history chart (one line per board), standings table and claims."""
        detail = model_detail(db, served.names, model_id)
        canonical = detail.model.model_id
        _, _, points = served.history(canonical, board=None, variant=None, date_from=None, date_to=None)
        variants = sorted({p.variant or NO_VARIANT for p in points})
        if variant:
            points = [p for p in points if (p.variant or NO_VARIANT) == variant]
        series = model_series(points)
        return Template(
            "model.html",
            context={
                "detail": detail,
                "model": detail.model,
                "variant": variant,
                "variants": variants,
                "series": series,
                "chart_data": chart_json(series),
            },
        )
