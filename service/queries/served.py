"""One generation's served lines and model names, held in memory by each worker.

A model's rank history and a board as of a day are the questions asked most, and their first
answer (before the response cache has it) should not wait for DuckDB: a query there costs a few
milliseconds of planning and row conversion, the lookup here about one. A generation never
changes, so its served lines are read once, when a worker first serves it, into columns (polars,
strings dictionary-encoded) with row positions per snapshot and per model. They are read from the
generation's ``entries.parquet`` export (every line of every served snapshot, in wire names,
written before the generation was published): reading them through DuckDB instead left about
100 MB of its buffers resident in every worker. Model names resolve from dictionaries of the same
generation's ``model`` and ``model_alias`` tables.

The rules that decide what a history or a leaderboard contains are written here once.
"""

from __future__ import annotations

import bisect
import threading
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import msgspec
import polars as pl

from ingest.errors import NotFoundError
from service.memory import release_freed_memory
from service.queries.identity import ModelNames
from service.schemas import HistoryPoint, Leaderboard, LeaderboardEntry, SnapshotInfo

__all__ = ("ENTRIES_FILE", "ModelNames", "ServedIndex", "ServedIndexes", "ServedLines", "history_points")

ENTRIES_FILE = "entries.parquet"
"""The export holding every served line (``ingest/exports.py``), in a generation's export folder."""
_SERVED_SNAPSHOTS = """
SELECT
    s.snapshot_id, s.board_id, s.published_at, s.retrieved_at, s.parser, s.row_count, s.truncated,
    s.carried_over, s.has_preliminary, s.payload_sha256, true AS served, s.last_seen_on,
    'served' AS role, NULL AS same_data_as
FROM served_snapshot AS s
ORDER BY s.board_id, s.published_at
"""

_BOARDS = "SELECT board_id FROM board"

_HISTORY_FIELDS = list(HistoryPoint.__struct_fields__)
_LINE_ENTRY_FIELDS = [name for name in LeaderboardEntry.__struct_fields__ if name != "extra"]
_CATEGORIES = ("board_id", "model_id", "model_name", "variant", "organization", "license")
"""Columns with few distinct values, held dictionary-encoded."""


@dataclass(frozen=True)
class ServedLines:
    """Every line of every served snapshot, with where each snapshot's and each model's lines are."""

    frame: pl.DataFrame
    """The lines by board, date and position (the export's order: each snapshot's lines together)."""
    snapshot_rows: dict[int, tuple[int, int]]
    """Snapshot id -> (first row, row count) of its lines in ``frame``."""
    extras: dict[int, bytes]
    """Snapshot id -> its lines' ``extra`` objects, one JSON array in position order, compressed: the
    source-specific fields are most of the data (18 MB over the seeds) and only a whole leaderboard
    shows them."""
    history: pl.DataFrame
    """The columns of a history point, by model, board (by id), date and position: each model's lines
    together, each board's lines of a model together."""
    model_rows: dict[str, dict[str, tuple[int, int]]]
    """Model id -> board id -> (first, count) of its rows in ``history``; board ``""``: all of them."""
    snapshots: dict[str, list[SnapshotInfo]]
    """Board id -> its served snapshots, oldest first."""
    boards: frozenset[str]
    """Every board id (including boards with no served snapshot)."""

    @classmethod
    def load(cls, cursor: duckdb.DuckDBPyConnection, exports: Path) -> ServedLines:
        # Scanned lazily so the strings become categories batch by batch, never all at once.
        frame = (
            pl.scan_parquet(exports / ENTRIES_FILE)
            .with_columns(pl.col(_CATEGORIES).cast(pl.Categorical))
            .collect()
        )
        # The export lists each snapshot's lines together, in position order (board, date, position).
        by_snapshot = (
            frame.with_row_index("row")
            .group_by("snapshot_id", maintain_order=True)
            .agg(pl.col("row").min(), pl.len(), pl.col("extra"))
        )
        snapshot_rows: dict[int, tuple[int, int]] = {}
        extras: dict[int, bytes] = {}
        for snapshot_id, first, count, extra in by_snapshot.iter_rows():
            snapshot_rows[snapshot_id] = (first, count)
            objects = "[" + ",".join(text or "null" for text in extra) + "]"
            extras[snapshot_id] = zlib.compress(objects.encode(), 1)
        del by_snapshot
        frame = frame.drop("extra")
        ordered = frame.sort(
            pl.col("model_id").cast(pl.String), pl.col("board_id").cast(pl.String), "published_at", "position"
        )
        history = ordered.select(_HISTORY_FIELDS)
        runs = (
            ordered.select("model_id", "board_id")
            .with_row_index("at")
            .group_by("model_id", "board_id")
            .agg(pl.col("at").min(), pl.len())
        )
        model_rows: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        for model_id, board_id, first, count in runs.iter_rows():
            model_rows[model_id][board_id] = (first, count)
        for per_board in model_rows.values():
            starts = [first for first, _ in per_board.values()]
            per_board[""] = (min(starts), sum(count for _, count in per_board.values()))
        del ordered
        snapshots: dict[str, list[SnapshotInfo]] = defaultdict(list)
        for snapshot in _fetch(cursor, _SERVED_SNAPSHOTS, SnapshotInfo):
            snapshots[snapshot.board_id].append(snapshot)
        boards = frozenset(str(row[0]) for row in cursor.execute(_BOARDS).fetchall())
        frame = frame.select(_LINE_ENTRY_FIELDS)  # what a leaderboard shows; history has its own copy
        return cls(frame, snapshot_rows, extras, history, dict(model_rows), dict(snapshots), boards)

    def require_board(self, board_id: str) -> None:
        """Raise ``NotFoundError`` for a board id the warehouse does not know."""
        if board_id not in self.boards:
            raise NotFoundError("board", board_id)

    def model_lines(self, model_id: str, board: str | None) -> pl.DataFrame:
        """The model's history points on one board (or every board, by board id), by date and position."""
        first, count = self.model_rows.get(model_id, {}).get(board or "", (0, 0))
        return self.history.slice(first, count)


def _fetch(cursor: duckdb.DuckDBPyConnection, sql: str, into: type[Any]) -> list[Any]:
    result = cursor.execute(sql)
    columns = [d[0] for d in result.description or ()]
    return [msgspec.convert(dict(zip(columns, row, strict=True)), into) for row in result.fetchall()]


def history_points(lines: pl.DataFrame) -> list[HistoryPoint]:
    """The points of a model's history lines (``ServedIndex.history_lines``)."""
    return msgspec.convert(lines.to_dicts(), list[HistoryPoint])


_EXTRAS = msgspec.json.Decoder(list[dict[str, Any] | None])


class ServedIndex:
    """What one generation serves, in memory: the model names and the served lines."""

    def __init__(self, generation: str, names: ModelNames, lines: ServedLines) -> None:
        self.generation = generation
        """The generation it was read from."""
        self.names = names
        self.lines = lines

    @classmethod
    def load(cls, generation: str, cursor: duckdb.DuckDBPyConnection, exports: Path) -> ServedIndex:
        """Read a generation's names and served lines (a few hundred milliseconds)."""
        index = cls(generation, ModelNames.load(cursor), ServedLines.load(cursor, exports))
        index.warm_up()
        return index

    def sample(self) -> tuple[str, str] | None:
        """A (model id, board id) with a history: what a warm-up asks for; ``None`` when empty."""
        for model_id, per_board in self.lines.model_rows.items():
            board = next((b for b in per_board if b and self.lines.snapshots.get(b)), None)
            if board is not None and model_id in self.names.canonical:
                return model_id, board
        return None

    def warm_up(self) -> None:
        """Answer one history and one leaderboard: polars sets up its machinery on first use (tens of
        milliseconds), which a client's first request should not wait for."""
        sample = self.sample()
        if sample is not None:
            model_id, board = sample
            self.leaderboard(board, None)
            self.history(model_id, board=None, variant=None, date_from=None, date_to=None)

    def history(
        self,
        name: str,
        *,
        board: str | None,
        variant: str | None,
        date_from: date | None,
        date_to: date | None,
    ) -> tuple[str, str | None, list[HistoryPoint]]:
        """The model's dated series on one board (or all boards), oldest first per board; see
        ``history_lines``. Returns (model id, spelling or ``None``, points)."""
        model_id, spelling, lines = self.history_lines(
            name, board=board, variant=variant, date_from=date_from, date_to=date_to
        )
        return model_id, spelling, history_points(lines)

    def history_lines(
        self,
        name: str,
        *,
        board: str | None,
        variant: str | None,
        date_from: date | None,
        date_to: date | None,
    ) -> tuple[str, str | None, pl.DataFrame]:
        """The model's dated series on one board (or all boards), oldest first per board, as
        columns named as ``HistoryPoint``'s fields (``history_points`` makes them points).

        Asked for by id (``gpt-4o``): every variant, or the one ``variant`` label (``-``: no
        label). Asked for by a source's spelling (``gpt-4o-2024-05-13``): the entries so spelt
        (in any source that uses it), i.e. that variant's series. Returns (model id, spelling or
        ``None``, lines).
        """
        model_id, spelling = self.names.resolve(name)
        if board is not None:
            self.lines.require_board(board)
        frame = self.lines.model_lines(model_id, board)
        if variant is not None:
            frame = frame.filter(
                pl.col("variant").is_null() if variant == "-" else pl.col("variant") == variant
            )
        if spelling is not None:
            spelt = sorted(self.names.spellings.get((model_id, spelling), set()))
            frame = frame.filter(pl.col("model_name").cast(pl.String).is_in(spelt))
        if date_from is not None:
            frame = frame.filter(pl.col("published_at") >= date_from)
        if date_to is not None:
            frame = frame.filter(pl.col("published_at") <= date_to)
        return model_id, spelling, frame

    def leaderboard(self, board_id: str, as_of: date | None) -> Leaderboard:
        """The board as of a day: its latest served snapshot published on or before it."""
        self.lines.require_board(board_id)
        snapshots = self.lines.snapshots.get(board_id, [])
        upto = (
            len(snapshots)
            if as_of is None
            else bisect.bisect_right(snapshots, as_of, key=lambda s: s.published_at)
        )
        if upto == 0:
            raise NotFoundError("snapshot", f"{board_id} on or before {as_of}")
        snapshot = snapshots[upto - 1]
        first, count = self.lines.snapshot_rows.get(snapshot.snapshot_id, (0, 0))
        rows = self.lines.frame.slice(first, count).to_dicts()
        extras = _EXTRAS.decode(zlib.decompress(self.lines.extras[snapshot.snapshot_id])) if rows else []
        for row, extra in zip(rows, extras, strict=True):
            row["extra"] = extra
        entries = msgspec.convert(rows, list[LeaderboardEntry])
        return Leaderboard(board_id=board_id, as_of=as_of, snapshot=snapshot, items=entries)


class ServedIndexes:
    """Each worker's indexes: read once per generation, the newest two kept.

    Two, because a request that started on the previous generation may still be running when the
    first request on a new one arrives; older ones are dropped.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[str, ServedIndex] = {}

    def get(self, generation: str, cursor: duckdb.DuckDBPyConnection, exports: Path) -> ServedIndex:
        """The index of ``generation`` (a cursor on it, its export folder), read on first use."""
        index = self._held.get(generation)
        if index is not None:
            return index
        with self._lock:  # one reader per generation; the others wait for it
            index = self._held.get(generation)
            if index is None:
                index = ServedIndex.load(generation, cursor, exports)
                release_freed_memory()  # what reading it took beyond what it keeps
                newest = sorted({*self._held, generation})[-2:]
                self._held = {name: self._held.get(name, index) for name in newest}
            return index
