"""Read access to the served history for the verifier: boards as of a day, windows, first listings.

Only served snapshots count (``served_snapshot``: one per board and run of identical data, never a
carried-over copy), so a claim is checked against exactly what ``/v1/boards/.../leaderboard``
shows. A board ref ending in ``.*`` is a family: on each day, its newest board (the one whose
first snapshot is the latest on or before the day) stands for it.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ingest.claims._board_view import Line, View
from ingest.claims._records import ModelRef
from ingest.claims._scopes import is_family

__all__ = ("BoardHistory",)

# Votes and published ranks a served line lacks come from a corroborating snapshot of the same
# board and day, as the leaderboard shows them (served_completion, migration 012).
_LINES = """
SELECT
    e.snapshot_id, e.model_id, e.model_name, e.variant, coalesce(e.rank, c.rank) AS rank, e.rank_best,
    e.rank_worst, e.score, e.ci_lower, e.ci_upper, coalesce(e.votes, c.votes) AS votes, e.preliminary,
    coalesce(m.organization, e.organization) AS organization,  -- the registry's name wins
    m.release_date,
    coalesce(m.canonical, false) AS canonical,
    c.rank_snapshot_id AS rank_completed_from,
    c.votes_snapshot_id AS votes_completed_from
FROM entry AS e
LEFT JOIN model AS m ON m.model_id = e.model_id
LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position
WHERE list_contains($ids, e.snapshot_id)
ORDER BY e.snapshot_id, e.position
"""

_SERVED = """
SELECT s.board_id, s.snapshot_id, s.published_at, s.last_seen_on, s.truncated, b.higher_is_better
FROM served_snapshot AS s
JOIN board AS b ON b.board_id = s.board_id
ORDER BY s.board_id, s.published_at
"""

# Boards with a served snapshot listing every one of the models (any variant).
_LISTING_ALL = """
SELECT DISTINCT board_id
FROM (
    SELECT s.board_id, s.snapshot_id
    FROM entry AS e
    JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
    WHERE list_contains($ids, e.model_id) AND ($until IS NULL OR s.published_at <= $until)
    GROUP BY s.board_id, s.snapshot_id
    HAVING count(DISTINCT e.model_id) = len($ids)
)
ORDER BY board_id
"""

# Where a model is listed: per board and variant, the first served snapshot that lists it.
_FIRST_LISTINGS = """
SELECT s.board_id, e.variant, arg_min(s.snapshot_id, s.published_at) AS snapshot_id, min(s.published_at)
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
WHERE e.model_id = ?
GROUP BY s.board_id, e.variant
"""

_LISTED_BY = """
SELECT DISTINCT e.model_id
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
WHERE list_contains($boards, s.board_id) AND s.published_at <= $day
"""


@dataclass(frozen=True)
class _Served:
    board_id: str
    snapshot_id: int
    published_at: date
    last_seen_on: date
    truncated: bool
    higher_is_better: bool


class BoardHistory:
    """The served snapshots of every board, read through one connection (lines cached per snapshot)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self._served: dict[str, list[_Served]] = {}
        for row in connection.execute(_SERVED).fetchall():
            self._served.setdefault(row[0], []).append(_Served(*row))
        self._by_id = {s.snapshot_id: s for runs in self._served.values() for s in runs}
        self._lines: dict[int, tuple[Line, ...]] = {}
        self._first_listings: dict[str, list[tuple[str, str | None, int, date]]] = {}
        self.until: date | None = None
        """Only what was published by this day counts (``None``: everything; see ``known_on``)."""
        self._known: dict[date, BoardHistory] = {}
        self._queried: dict[tuple[Any, ...], Any] = {}

    def known_on(self, day: date) -> BoardHistory:
        """The history as it stood on ``day``: the snapshots published by then, each seen until
        ``day`` at the latest (a claim's verdict on that day). Caches are shared."""
        if day in self._known:
            return self._known[day]
        past = copy.copy(self)
        past.until = day
        past._served = {}
        for board_id, runs in self._served.items():
            known = [
                s if s.last_seen_on <= day else dataclasses.replace(s, last_seen_on=day)
                for s in runs
                if s.published_at <= day
            ]
            if known:
                past._served[board_id] = known
        past._by_id = {s.snapshot_id: s for runs in past._served.values() for s in runs}
        self._known[day] = past
        return past

    def members(self, board_ref: str) -> list[str]:
        """The boards a ref stands for (a family's members, or the board itself if it has data)."""
        if is_family(board_ref):
            prefix = board_ref[:-1]
            return sorted(b for b in self._served if b.startswith(prefix))
        return [board_ref] if board_ref in self._served else []

    def _load_lines(self, snapshot_ids: list[int]) -> None:
        """Read the lines of the snapshots not read yet, in one query."""
        missing = [i for i in dict.fromkeys(snapshot_ids) if i not in self._lines]
        if not missing:
            return
        grouped: dict[int, list[Line]] = {i: [] for i in missing}
        for snapshot_id, *values in self.connection.execute(_LINES, {"ids": missing}).fetchall():
            grouped[snapshot_id].append(Line(*values))
        self._lines.update((i, tuple(lines)) for i, lines in grouped.items())

    def _view(self, served: _Served) -> View:
        self._load_lines([served.snapshot_id])
        return View(
            board_id=served.board_id,
            snapshot_id=served.snapshot_id,
            published_at=served.published_at,
            last_seen_on=served.last_seen_on,
            truncated=served.truncated,
            higher_is_better=served.higher_is_better,
            lines=self._lines[served.snapshot_id],
        )

    def _board_on(self, board_ref: str, day: date) -> str | None:
        """The board standing for the ref on the day (a family's newest board started by then)."""
        started = [(self._served[b][0].published_at, b) for b in self.members(board_ref)]
        started = [item for item in started if item[0] <= day]
        return max(started)[1] if started else None

    def _served_as_of(self, board_ref: str, day: date) -> _Served | None:
        board_id = self._board_on(board_ref, day)
        if board_id is None:
            return None
        current = [s for s in self._served[board_id] if s.published_at <= day]
        return current[-1] if current else None

    def as_of(self, board_ref: str, day: date) -> View | None:
        """The latest served snapshot published on or before ``day`` (DESIGN: as-of semantics)."""
        served = self._served_as_of(board_ref, day)
        return self._view(served) if served else None

    def between(self, board_ref: str, first: date, last: date) -> list[View]:
        """The views published from ``first`` to ``last`` (inclusive), oldest first."""
        days = sorted(
            {
                s.published_at
                for board_id in self.members(board_ref)
                for s in self._served[board_id]
                if first <= s.published_at <= last
            }
        )
        chosen: dict[int, _Served] = {}
        for day in days:
            served = self._served_as_of(board_ref, day)
            if served is not None and served.published_at >= first:
                chosen.setdefault(served.snapshot_id, served)
        self._load_lines(list(chosen))
        ordered = sorted(chosen.values(), key=lambda s: (s.published_at, s.board_id))
        return [self._view(served) for served in ordered]

    def published_days(self, board_ref: str) -> set[date]:
        """The days any board the ref stands for published a served snapshot."""
        return {s.published_at for board_id in self.members(board_ref) for s in self._served[board_id]}

    def latest_published(self, board_ref: str) -> date | None:
        """The newest published day of any board the ref stands for."""
        days = [self._served[b][-1].published_at for b in self.members(board_ref)]
        return max(days, default=None)

    def _first_listed(self, board_ref: str, ref: ModelRef) -> tuple[date, str, int] | None:
        if ref.id not in self._first_listings:
            rows = self.connection.execute(_FIRST_LISTINGS, [ref.id]).fetchall()
            self._first_listings[ref.id] = [(str(b), v, int(i), d) for b, v, i, d in rows]
        members = set(self.members(board_ref))
        found = [
            (day, board_id, snapshot_id)
            for board_id, variant, snapshot_id, day in self._first_listings[ref.id]
            if board_id in members
            and (ref.variant is None or variant == ref.variant)
            and (self.until is None or day <= self.until)
        ]
        return min(found, default=None)

    def first_listed_on(self, board_ref: str, ref: ModelRef) -> date | None:
        """The day the model is first listed on any board the ref stands for."""
        found = self._first_listed(board_ref, ref)
        return found[0] if found else None

    def first_listing(self, board_ref: str, ref: ModelRef) -> View | None:
        """The first served snapshot (of any board the ref stands for) listing the model."""
        found = self._first_listed(board_ref, ref)
        return self._view(self._by_id[found[2]]) if found else None

    def listed_by(self, board_ref: str, day: date) -> set[str]:
        """Models listed in any served snapshot published on or before ``day``."""
        day = day if self.until is None else min(day, self.until)
        key = ("listed_by", board_ref, day, tuple(self.members(board_ref)))
        if key not in self._queried:
            rows = self.connection.execute(_LISTED_BY, {"boards": list(key[3]), "day": day})
            self._queried[key] = {str(r[0]) for r in rows.fetchall()}
        return set(self._queried[key])

    def boards_listing_all(self, model_ids: Sequence[str]) -> list[str]:
        """Boards with a served snapshot that lists every one of the models."""
        ids = list(dict.fromkeys(model_ids))
        key = ("listing_all", tuple(ids), self.until)
        if key not in self._queried:
            rows = self.connection.execute(_LISTING_ALL, {"ids": ids, "until": self.until}).fetchall()
            self._queried[key] = [str(r[0]) for r in rows]
        return list(self._queried[key])
