"""``/v1/consensus``: one ranking across boards by mean percentile rank."""

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
from service.queries.consensus import consensus_ranking
from service.rendering import FormatParameter, render
from service.schemas_analytics import ConsensusRanking

__all__ = ("ConsensusController",)


class ConsensusController(Controller):
    """Cross-board ranking."""

    path = "/v1/consensus"
    tags = ("models",)

    @get(
        "/",
        operation_id="GetConsensus",
        responses=problem_responses(400, 404, 429, 503),
        opt={RATE_LIMITED_OPT: "always"},
        operation_class=CsvAlternative,
        summary="One cross-board ranking: mean percentile of the upper-bound rank, with coverage",
        sync_to_thread=True,
    )
    def consensus(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        as_of: Annotated[
            date | None,
            QueryParameter(description="Day (YYYY-MM-DD): each board's latest complete snapshot by then."),
        ] = None,
        boards: Annotated[
            str | None,
            QueryParameter(
                description="Comma-separated board ids; default: the `overall` board of every source "
                "and arena, in its `style_control`, else `default`, else `raw` variant.",
                min_length=1,
            ),
        ] = None,
        min_boards: Annotated[
            int, QueryParameter(description="Rank only models on at least this many boards.", ge=1, le=100)
        ] = 2,
        limit: Annotated[int, QueryParameter(description="Models listed.", ge=1, le=5000)] = 100,
        output: FormatParameter = None,
    ) -> Response[ConsensusRanking]:
        """Models by mean percentile (``1 - (rank_best - 1) / (n - 1)`` per board), best first;
        ``inputs`` holds each board's contribution (JSON text in CSV)."""
        board_ids = split_list_parameter(boards, "boards", at_least=1, at_most=200) if boards else None
        body = consensus_ranking(db, as_of=as_of, boards=board_ids, min_boards=min_boards, limit=limit)
        return render(request, body, output)
