"""``/v1/boards``: boards, their snapshots, and a board as of a day."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from service.controllers._responses import CsvAlternative, problem_responses
from service.queries import boards as queries
from service.queries.served import ServedIndex
from service.rendering import FormatParameter, Page, render
from service.schemas import BoardList, Leaderboard, SnapshotList

__all__ = ("BoardController",)

BoardId = Annotated[
    str,
    PathParameter(
        description="Board id `source.arena.category.variant`, e.g. `lmarena.text.overall.raw`.",
    ),
]
Filter = Annotated[str | None, QueryParameter(description="Keep only boards with this value.")]


class BoardController(Controller):
    """Ranked lists and their history."""

    path = "/v1/boards"
    tags = ("boards",)

    @get(
        "/",
        operation_id="ListBoards",
        responses=problem_responses(400, 503),
        operation_class=CsvAlternative,
        summary="Boards with source, arena, category, variant and dates",
        sync_to_thread=True,
    )
    def list_boards(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        source: Filter = None,
        arena: Filter = None,
        category: Filter = None,
        variant: Filter = None,
        output: FormatParameter = None,
    ) -> Response[BoardList]:
        """Every board with a served snapshot, optionally filtered."""
        boards = queries.list_boards(db, source=source, arena=arena, category=category, variant=variant)
        return render(request, BoardList(items=boards), output, page=page)

    @get(
        "/{board_id:str}/leaderboard",
        operation_id="GetBoardLeaderboard",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="The board as of a day, with CIs and rank intervals",
        sync_to_thread=True,
    )
    def leaderboard(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[ServedIndex],
        page: NamedDependency[Page],
        board_id: BoardId,
        as_of: Annotated[
            date | None,
            QueryParameter(description="Day (YYYY-MM-DD): the latest snapshot published on or before it."),
        ] = None,
        output: FormatParameter = None,
    ) -> Response[Leaderboard]:
        """Ranked entries of the snapshot current on ``as_of`` (latest when omitted)."""
        board = served.leaderboard(board_id, as_of)
        context = {"board_id": board.board_id, "published_at": board.snapshot.published_at}
        return render(request, board, output, page=page, csv_context=context)

    @get(
        "/{board_id:str}/snapshots",
        operation_id="ListBoardSnapshots",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="The board's snapshots: dates, flags, row counts",
        sync_to_thread=True,
    )
    def snapshots(
        self,
        request: Request[Any, Any, Any],
        db: NamedDependency[duckdb.DuckDBPyConnection],
        page: NamedDependency[Page],
        board_id: BoardId,
        output: FormatParameter = None,
    ) -> Response[SnapshotList]:
        """Every snapshot, including those kept only as corroboration (``served`` false)."""
        items = queries.board_snapshots(db, board_id)
        return render(request, SnapshotList(board_id=board_id, items=items), output, page=page)
