"""``/``: sources and their boards (newest date, current leader) and the model search."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

import duckdb
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Template

from ingest.errors import AmbiguousError, NotFoundError
from service.queries.identity import ModelNames
from service.queries.models import search_models
from service.queries.overview import BoardTop, board_tops
from service.queries.served import ServedIndex
from service.queries.sources import list_sources
from service.schemas import Model
from service.web._charts import HEADLINE_CATEGORIES

__all__ = ("HomePage",)

SEARCH_LIMIT = 50
"""Search results shown (the API's ``/v1/models?q=`` lists them all)."""


def _search(db: duckdb.DuckDBPyConnection, names: ModelNames, q: str) -> list[Model]:
    """Models matching ``q``; the model the name resolves to (an id or any source's spelling,
    see ``ModelNames.resolve``) first."""
    found = search_models(db, q)
    try:
        exact, _ = names.resolve(q)
    except (NotFoundError, AmbiguousError):
        return found
    return sorted(found, key=lambda m: m.model_id != exact)


def _by_source(tops: list[BoardTop]) -> dict[str, tuple[list[BoardTop], list[BoardTop]]]:
    """Per source: its main rankings (newest first), then its other boards."""
    grouped: dict[str, tuple[list[BoardTop], list[BoardTop]]] = defaultdict(lambda: ([], []))
    for top in tops:
        main, other = grouped[top.source_id]
        (main if top.category in HEADLINE_CATEGORIES else other).append(top)
    for main, _ in grouped.values():
        main.sort(key=lambda t: t.published_at, reverse=True)
    return grouped


class HomePage(Controller):
    """The dashboard's front page."""

    path = "/"

    @get("/", name="page:home", sync_to_thread=True)
    def home(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        q: Annotated[
            str | None, QueryParameter(description="Model name to look for (any source's spelling).")
        ] = None,
    ) -> Template:
        """Sources with their boards, and the models matching ``q``."""
        query = (q or "").strip()
        results = _search(db, served.names, query) if query else []
        return Template(
            "home.html",
            context={
                "q": query,
                "results": results[:SEARCH_LIMIT],
                "result_count": len(results),
                "sources": list_sources(db),
                "boards": _by_source(board_tops(db)),
            },
        )
