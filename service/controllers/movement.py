"""``/v1/boards/{board_id}/movement`` and ``/v1/movers``: how ranks moved between two days."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import PathParameter, QueryParameter

from service.controllers._parameters import deprecated_alias, require, resolve_alias
from service.controllers._responses import CsvAlternative, problem_responses
from service.queries.movement import board_movement, movers
from service.rendering import FormatParameter, Page, render
from service.schemas_movement import Movement, MoverList

__all__ = ("BoardMovementController", "MoverController")

BoardId = Annotated[
    str,
    PathParameter(
        description="Board id `source.arena.category.variant`, e.g. `lmarena.text.overall.style_control`.",
    ),
]
Until = Annotated[
    date | None,
    QueryParameter(
        name="to", description="Last day (YYYY-MM-DD): the board as of that day; latest when omitted."
    ),
]


def _check_order(first: date, first_name: str, last: date | None, last_name: str) -> None:
    if last is not None and last < first:
        raise ValidationException(
            detail=f"{first_name} is after {last_name}",
            extra=[{"key": last_name, "message": f"{last} is before {first_name}={first}"}],
        )


class BoardMovementController(Controller):
    """Rank movement on one board."""

    path = "/v1/boards"
    tags = ("movement",)

    @get(
        "/{board_id:str}/movement",
        operation_id="GetBoardMovement",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="Per model: ranks, deltas, significance, new/dropped, overtakes between two days",
        sync_to_thread=True,
    )
    def movement(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        board_id: BoardId,
        date_from: Annotated[
            date,
            QueryParameter(
                name="from", description="First day (YYYY-MM-DD): the board as of that day (as-of)."
            ),
        ],
        date_to: Until = None,
        output: FormatParameter = None,
    ) -> Response[Movement]:
        """Compare the snapshots current on ``from`` and ``to``; discontinuities between them are
        listed (``comparable`` false) instead of being read as movement."""
        _check_order(date_from, "from", date_to, "to")
        body = board_movement(db, board_id, date_from, date_to)
        context = {
            "board_id": board_id,
            "from_published_at": body.from_snapshot.published_at,
            "to_published_at": body.to_snapshot.published_at,
        }
        return render(request, body, output, page=page, csv_context=context)


class MoverController(Controller):
    """The biggest moves across boards."""

    path = "/v1/movers"
    tags = ("movement",)

    @get(
        "/",
        operation_id="ListMovers",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="The largest significant rank moves, up and down, between two days",
        sync_to_thread=True,
    )
    def list_movers(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        date_from: Annotated[
            date | None,
            QueryParameter(
                name="from",
                description="First day (YYYY-MM-DD), as-of. Required (or its deprecated alias `since`).",
            ),
        ] = None,
        date_to: Annotated[
            date | None,
            QueryParameter(name="to", description="Last day (YYYY-MM-DD), as-of; latest when omitted."),
        ] = None,
        since: Annotated[
            date | None,
            deprecated_alias("from"),
        ] = None,
        until: Annotated[
            date | None,
            deprecated_alias("to"),
        ] = None,
        board: Annotated[
            str | None, QueryParameter(description="Board id; every board when omitted.")
        ] = None,
        include_noise: Annotated[
            bool, QueryParameter(description="Also list moves within noise (largest rank change first).")
        ] = False,
        include_discontinuous: Annotated[
            bool,
            QueryParameter(
                description="Also list moves on boards with a discontinuity between the days "
                "(method change, truncated list, field-size change); they carry `comparable` false."
            ),
        ] = False,
        limit: Annotated[int, QueryParameter(description="Lines per significance class.", ge=1, le=500)] = 20,
        output: FormatParameter = None,
    ) -> Response[MoverList]:
        """Moves up first, then down, each by margin beyond the noise (rank places)."""
        first = require(resolve_alias(date_from, "from", since, "since"), "from", "since")
        last = resolve_alias(date_to, "to", until, "until")
        _check_order(first, "from", last, "to")
        body = movers(
            db,
            board=board,
            date_from=first,
            date_to=last,
            include_noise=include_noise,
            include_discontinuous=include_discontinuous,
            limit=limit,
        )
        return render(request, body, output)
