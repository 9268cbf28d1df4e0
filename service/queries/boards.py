"""Boards, their snapshots, and a board as of a day."""

from __future__ import annotations

from datetime import date

import duckdb
import msgspec

from ingest.errors import NotFoundError
from service.queries._rows import fetch_all, fetch_one
from service.schemas import Board, Leaderboard, LeaderboardEntry, SnapshotInfo

__all__ = ("board_leaderboard", "board_snapshots", "list_boards")

_BOARDS = """
SELECT
    b.board_id, b.source_id, b.arena, b.category, b.variant, b.metric, b.unit, b.higher_is_better,
    min(s.published_at) AS first_published_at,
    max(s.last_seen_on) AS last_published_at,
    count(*) AS snapshot_count
FROM board AS b
JOIN served_snapshot AS s ON s.board_id = b.board_id
WHERE ($source IS NULL OR b.source_id = $source)
  AND ($arena IS NULL OR b.arena = $arena)
  AND ($category IS NULL OR b.category = $category)
  AND ($variant IS NULL OR b.variant = $variant)
GROUP BY ALL
ORDER BY b.board_id
"""

_SNAPSHOT_COLUMNS = """
    s.snapshot_id, s.board_id, s.published_at, s.retrieved_at, s.parser, s.row_count, s.truncated,
    s.carried_over, s.has_preliminary, s.payload_sha256
"""

# Every snapshot with its role: served (first of a run of identical data, valid to last_seen_on),
# repeat (same data as the served snapshot of its run), corroboration (another format was chosen
# for that date) or carried_over (the source copied it from an older scrape).
_SNAPSHOTS = f"""
WITH runs AS (
    SELECT
        snapshot_id,
        first_value(snapshot_id) OVER run AS representative_id,
        max(published_at) OVER (PARTITION BY board_id, run_number) AS run_last_day
    FROM snapshot_run
    WHERE board_id = $board_id
    WINDOW run AS (PARTITION BY board_id, run_number ORDER BY published_at)
)
SELECT {_SNAPSHOT_COLUMNS},
    coalesce(r.representative_id = s.snapshot_id, false) AS served,
    CASE WHEN r.representative_id = s.snapshot_id THEN r.run_last_day END AS last_seen_on,
    CASE
        WHEN s.carried_over THEN 'carried_over'
        WHEN r.snapshot_id IS NULL THEN 'corroboration'
        WHEN r.representative_id = s.snapshot_id THEN 'served'
        ELSE 'repeat'
    END AS role,
    CASE WHEN r.representative_id <> s.snapshot_id THEN r.representative_id END AS same_data_as
FROM snapshot AS s
LEFT JOIN runs AS r ON r.snapshot_id = s.snapshot_id
WHERE s.board_id = $board_id
ORDER BY s.published_at, s.precedence, s.snapshot_id
"""

# As-of semantics: the board as of day D is the latest served snapshot published on or before D.
_SNAPSHOT_AS_OF = f"""
SELECT {_SNAPSHOT_COLUMNS}, true AS served, s.last_seen_on, 'served' AS role, NULL AS same_data_as
FROM served_snapshot AS s
WHERE s.board_id = $board_id AND ($as_of IS NULL OR s.published_at <= $as_of)
ORDER BY s.published_at DESC
LIMIT 1
"""

# A served line lacking votes or a published rank shows them from a corroborating snapshot of the
# same board and day, with that snapshot's id (served_completion, migration 012).
_ENTRIES = """
SELECT e.position, e.model_id, e.model_name, coalesce(e.rank, c.rank) AS rank, e.rank_best, e.rank_worst,
       e.score, e.ci_lower, e.ci_upper, coalesce(e.votes, c.votes) AS votes, e.organization, e.license,
       e.preliminary, e.extra,
       CASE WHEN e.votes IS NOT NULL THEN e.snapshot_id ELSE c.votes_snapshot_id END AS votes_snapshot_id,
       CASE WHEN e.rank IS NOT NULL THEN e.snapshot_id ELSE c.rank_snapshot_id END AS rank_snapshot_id
FROM entry AS e
LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position
WHERE e.snapshot_id = $snapshot_id
ORDER BY e.position
"""


def _require_board(cursor: duckdb.DuckDBPyConnection, board_id: str) -> None:
    if cursor.execute("SELECT 1 FROM board WHERE board_id = ?", [board_id]).fetchone() is None:
        raise NotFoundError("board", board_id)


def list_boards(
    cursor: duckdb.DuckDBPyConnection,
    *,
    source: str | None = None,
    arena: str | None = None,
    category: str | None = None,
    variant: str | None = None,
) -> list[Board]:
    """Boards with their first/last date and number of served snapshots."""
    params = {"source": source, "arena": arena, "category": category, "variant": variant}
    return fetch_all(cursor, _BOARDS, params, Board)


def board_snapshots(cursor: duckdb.DuckDBPyConnection, board_id: str) -> list[SnapshotInfo]:
    """Every snapshot of a board, served or kept as corroboration."""
    _require_board(cursor, board_id)
    return fetch_all(cursor, _SNAPSHOTS, {"board_id": board_id}, SnapshotInfo)


def board_leaderboard(cursor: duckdb.DuckDBPyConnection, board_id: str, as_of: date | None) -> Leaderboard:
    """The board as of a day (latest when ``as_of`` is ``None``)."""
    _require_board(cursor, board_id)
    snapshot = fetch_one(
        cursor,
        _SNAPSHOT_AS_OF,
        {"board_id": board_id, "as_of": as_of},
        SnapshotInfo,
    )
    if snapshot is None:
        raise NotFoundError("snapshot", f"{board_id} on or before {as_of}")
    rows = cursor.execute(_ENTRIES, {"snapshot_id": snapshot.snapshot_id})
    columns = [d[0] for d in rows.description or ()]
    entries = []
    for row in rows.fetchall():
        record = dict(zip(columns, row, strict=True))
        if record["extra"] is not None:
            record["extra"] = msgspec.json.decode(record["extra"])
        entries.append(msgspec.convert(record, LeaderboardEntry))
    return Leaderboard(board_id=board_id, as_of=as_of, snapshot=snapshot, items=entries)
