"""``/boards/{board_id}``: a leaderboard as of a day with its intervals and movement, and
``/boards/{board_id}/leaders``: who held rank 1 and when."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Annotated

import duckdb
import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter
from litestar.response import Template

from ingest.errors import NotFoundError
from service.queries.boards import board_snapshots, list_boards
from service.queries.leaders import board_leaders
from service.queries.movement import board_movement
from service.queries.served import ServedIndex
from service.schemas import Board, Leaderboard, LeaderboardEntry
from service.schemas_movement import Movement, MovementLine

__all__ = ("DEFAULT_MOVEMENT_DAYS", "SCORE_SCALE_ROWS", "BoardPage", "BoardRow", "board_rows")

DEFAULT_MOVEMENT_DAYS = 30
"""Movement is shown since this many days before the snapshot unless ``since`` says otherwise."""

BoardId = Annotated[str, PathParameter(description="Board id, e.g. `lmarena.text.overall.raw`.")]


SCORE_SCALE_ROWS = 50
"""The score bars' scale spans the bounds of the board's first rows (the rest sit clipped at its
edge): over a whole LMArena board (some 400 points) a 20-point interval would be a sliver."""


class BoardRow(msgspec.Struct, frozen=True, kw_only=True):
    """A leaderboard line with where its bars sit (percent of the column's width)."""

    entry: LeaderboardEntry
    rank_left: float
    rank_width: float
    """The rank interval ``rank_best..rank_worst`` on a log scale from 1 to the last rank."""
    score_at: float | None
    ci_left: float | None
    ci_width: float | None
    """The score and its CI on the scale of the first ``SCORE_SCALE_ROWS`` rows' bounds."""
    clipped: bool
    """The score or its interval lies partly outside that scale."""
    move: MovementLine | None
    """The model's movement since the earlier day (``None``: not asked, or no earlier snapshot)."""


class _LinearScale:
    """Values to percent of a bar's width, clamped to 0..100."""

    def __init__(self, values: list[float]) -> None:
        self.low = min(values, default=0.0)
        self.spread = max(values, default=0.0) - self.low

    def __call__(self, value: float) -> float:
        share = (value - self.low) / self.spread if self.spread > 0 else 0.5
        return round(100 * min(max(share, 0.0), 1.0), 2)

    def clips(self, value: float) -> bool:
        return not self.low <= value <= self.low + self.spread


def _rank_position(rank: int, last_rank: int) -> float:
    """Rank ``r`` takes the slot from log(r) to log(r + 1) of the scale log(1)..log(last_rank + 1)."""
    return round(100 * math.log(rank) / math.log(last_rank + 1), 2)


def _rank_order(entry: LeaderboardEntry) -> tuple[bool, int, int]:
    rank = entry.rank if entry.rank is not None else entry.rank_best
    return (rank is None, rank or 0, entry.position)


def _bounds(entry: LeaderboardEntry) -> list[float]:
    return [b for b in (entry.ci_lower, entry.ci_upper, entry.score) if b is not None]


def board_rows(board: Leaderboard, movement: Movement | None) -> list[BoardRow]:
    """The leaderboard's entries in rank order (sources list them in their own order, e.g. by
    name), with bar positions and movement."""
    entries = sorted(board.items, key=_rank_order)
    ranks = [r for e in entries for r in (e.rank_best, e.rank_worst, e.rank) if r is not None]
    last_rank = max(ranks, default=1)
    scale = _LinearScale([b for e in entries[:SCORE_SCALE_ROWS] for b in _bounds(e)])
    moves = {(m.model_id, m.model_name): m for m in movement.items} if movement else {}
    rows = []
    for e in entries:
        best = e.rank_best if e.rank_best is not None else e.rank
        worst = max(e.rank_worst or 0, best or 0)
        left = _rank_position(best, last_rank) if best else 0.0
        ci = (e.ci_lower, e.ci_upper) if e.ci_lower is not None and e.ci_upper is not None else None
        rows.append(
            BoardRow(
                entry=e,
                rank_left=left,
                rank_width=_rank_position(worst + 1, last_rank) - left if best else 0.0,
                score_at=scale(e.score) if e.score is not None else None,
                ci_left=scale(ci[0]) if ci else None,
                ci_width=scale(ci[1]) - scale(ci[0]) if ci else None,
                clipped=any(scale.clips(b) for b in _bounds(e)),
                move=moves.get((e.model_id, e.model_name)),
            )
        )
    return rows


def _board(db: duckdb.DuckDBPyConnection, board_id: str) -> Board:
    source = board_id.split(".", 1)[0]  # board ids are `source.arena.category.variant`
    for board in list_boards(db, source=source):
        if board.board_id == board_id:
            return board
    raise NotFoundError("board", board_id)


def _neighbours(db: duckdb.DuckDBPyConnection, board_id: str, day: date) -> tuple[date | None, date | None]:
    """The served snapshot dates just before and after ``day``."""
    days = [s.published_at for s in board_snapshots(db, board_id) if s.served]
    earlier = [d for d in days if d < day]
    later = [d for d in days if d > day]
    return (earlier[-1] if earlier else None), (later[0] if later else None)


class BoardPage(Controller):
    """A board as of a day, and its leaders."""

    path = "/boards"

    @get("/{board_id:str}", name="page:board", sync_to_thread=True)
    def board(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        board_id: BoardId,
        as_of: Annotated[
            date | None, QueryParameter(description="Day: the latest snapshot on or before it.")
        ] = None,
        since: Annotated[
            date | None,
            QueryParameter(
                description=f"Movement since this day (default {DEFAULT_MOVEMENT_DAYS} days before)."
            ),
        ] = None,
    ) -> Template:
        """The leaderboard, rank intervals and CIs as bars, movement since an earlier day."""
        leaderboard = served.leaderboard(board_id, as_of)
        board = _board(db, board_id)
        day = leaderboard.snapshot.published_at
        since = since or day - timedelta(days=DEFAULT_MOVEMENT_DAYS)
        movement = None
        if board.first_published_at <= since < day:
            movement = board_movement(db, board_id, since, as_of)
        previous, following = _neighbours(db, board_id, day)
        return Template(
            "board.html",
            context={
                "board": board,
                "leaderboard": leaderboard,
                "rows": board_rows(leaderboard, movement),
                "movement": movement,
                "as_of": as_of,
                "since": since,
                "previous_day": previous,
                "next_day": following,
                "has_intervals": any(e.ci_lower is not None for e in leaderboard.items),
                "scale_rows": SCORE_SCALE_ROWS,
                "has_votes": any(e.votes is not None for e in leaderboard.items),
                "has_organizations": any(e.organization for e in leaderboard.items),
            },
        )

    @get("/{board_id:str}/leaders", name="page:leaders", sync_to_thread=True)
    def leaders(self, db: NamedDependency[duckdb.DuckDBPyConnection], board_id: BoardId) -> Template:
        """Every reign at rank 1, newest first."""
        leaders = board_leaders(db, board_id)
        board = _board(db, board_id)
        return Template(
            "leaders.html",
            context={"board": board, "reigns": list(reversed(leaders.items))},
        )
