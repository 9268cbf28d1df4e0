"""``/compare``: 2 to 5 models, their ranks on one board over time and the verdict tables."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated
from urllib.parse import quote

import duckdb
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Template

from service.controllers._parameters import split_list_parameter
from service.queries.compare import compare_models
from service.queries.served import ServedIndex
from service.schemas_analytics import BoardStanding, Comparison
from service.web._charts import HEADLINE_CATEGORIES, chart_json, compare_series
from service.web._format import url_with

__all__ = ("MAX_MODELS", "ComparePage", "default_board")

MAX_MODELS = 5
"""Most models one page compares (the chart stays readable)."""

EXAMPLES = ("gemini-3-pro,gpt-5.1", "claude-opus-4-5,gemini-3-pro,grok-4.1")
"""Comparisons the empty page offers."""


PREFERRED_BOARDS = ("lmarena.text.overall.style_control", "lmarena.text.overall.raw")
"""Charted first when most of the models are on them (the boards people mean by "the arena")."""


def default_board(comparison: Comparison) -> str | None:
    """The board most of the models are on: a preferred board, a main ranking, the first by id."""
    counts = Counter(s.board_id for s in comparison.items)

    def preference(board_id: str) -> tuple[int, int, bool, str]:
        preferred = (
            PREFERRED_BOARDS.index(board_id) if board_id in PREFERRED_BOARDS else len(PREFERRED_BOARDS)
        )
        return (-counts[board_id], preferred, board_id.split(".")[2] not in HEADLINE_CATEGORIES, board_id)

    return min(counts, key=preference, default=None)


def _standings_by_board(comparison: Comparison) -> dict[str, dict[str, BoardStanding]]:
    table: dict[str, dict[str, BoardStanding]] = {}
    for standing in comparison.items:
        table.setdefault(standing.board_id, {})[standing.model_id] = standing
    return table


class ComparePage(Controller):
    """Models side by side."""

    path = "/compare"

    @get("/", name="page:compare", sync_to_thread=True)
    def compare(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        models: Annotated[
            str | None,
            QueryParameter(description=f"2 to {MAX_MODELS} comma-separated model ids or spellings."),
        ] = None,
        board: Annotated[str | None, QueryParameter(description="Board of the chart.")] = None,
        as_of: Annotated[date | None, QueryParameter(description="Day the verdicts are taken on.")] = None,
    ) -> Template:
        """The chart of the models' ranks on ``board``, the standings per board and the verdicts."""
        context: dict[str, object] = {
            "models": models or "",
            "as_of": as_of,
            "examples": EXAMPLES,
            "board": board,
        }
        if not models:
            return Template("compare.html", context={**context, "comparison": None})
        names = split_list_parameter(models, "models", at_least=2, at_most=MAX_MODELS)
        comparison = compare_models(db, served.names, names, as_of, history=False)
        board = board or default_board(comparison)
        series, history_links = [], []
        if board is not None:
            histories = {
                model_id: served.history(model_id, board=board, variant=None, date_from=None, date_to=as_of)[
                    2
                ]
                for model_id in comparison.models
            }
            series = compare_series(histories, board)
            history_links = [
                (
                    f"{m} history JSON",
                    url_with(f"/v1/models/{quote(m, safe='')}/history", {"board": board, "to": as_of}),
                )
                for m in comparison.models
            ]
        return Template(
            "compare.html",
            context={
                **context,
                "comparison": comparison,
                "board": board,
                "boards": sorted(_standings_by_board(comparison)),
                "standings": _standings_by_board(comparison),
                "board_verdicts": [v for v in comparison.verdicts if v.board_id == board],
                "series": series,
                "chart_data": chart_json(series),
                "history_links": history_links,
            },
        )
