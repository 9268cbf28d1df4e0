"""The delivery ledger: what was sent to whom, kept in ``<data dir>/webhooks/ledger.sqlite3``.

SQLite (not the warehouse) because delivery must not take the warehouse's write lock and must
survive a crash at any point: every attempt is committed (``synchronous=FULL``) before the next
one starts, so a restarted delivery knows exactly which events each subscription already got.

Tables: ``delivery_pass`` (one row per run), ``seen_event`` (the pass that first saw each event
id), ``subscription`` (the pass that first saw each subscription: events seen before it are not
news for it), ``delivery`` (per subscription and event: ``delivered``, ``retrying`` with the next
attempt's time, or ``failed`` after the last retry) and ``attempt`` (every HTTP attempt).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ("DELIVERED", "FAILED", "LEDGER_FILE", "RETRYING", "Delivery", "Ledger")

LEDGER_FILE = Path("webhooks") / "ledger.sqlite3"
"""The ledger inside the data dir."""
DELIVERED = "delivered"
RETRYING = "retrying"
FAILED = "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS delivery_pass (
    pass_id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, generation TEXT
);
CREATE TABLE IF NOT EXISTS seen_event (event_id TEXT PRIMARY KEY, first_pass INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS subscription (subscription_id TEXT PRIMARY KEY, first_pass INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS delivery (
    subscription_id TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at REAL,
    last_status     INTEGER,
    last_error      TEXT,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (subscription_id, event_id)
);
CREATE TABLE IF NOT EXISTS attempt (
    subscription_id TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    attempt         INTEGER NOT NULL,
    attempted_at    TEXT NOT NULL,
    status_code     INTEGER,
    error           TEXT,
    duration_ms     REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Delivery:
    """Where one event stands for one subscription."""

    status: str
    attempts: int
    next_attempt_at: float | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Ledger:
    """An open ledger (one per delivery run; runs are serialised by the caller's lock)."""

    def __init__(self, data_dir: Path) -> None:
        path = data_dir / LEDGER_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=60, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute("PRAGMA synchronous = FULL")
        self.connection.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the connection (everything is committed already)."""
        self.connection.close()

    def begin_pass(
        self, generation: str | None, event_ids: Iterable[str], subscription_ids: Iterable[str]
    ) -> int:
        """Record a run: the events and subscriptions it is the first to see. Returns its id."""
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            cursor = self.connection.execute(
                "INSERT INTO delivery_pass (started_at, generation) VALUES (?, ?)", [_now(), generation]
            )
            pass_id = int(cursor.lastrowid or 0)
            self.connection.executemany(
                "INSERT OR IGNORE INTO seen_event VALUES (?, ?)", [(e, pass_id) for e in event_ids]
            )
            self.connection.executemany(
                "INSERT OR IGNORE INTO subscription VALUES (?, ?)", [(s, pass_id) for s in subscription_ids]
            )
        return pass_id

    def first_seen(self) -> dict[str, int]:
        """The pass that first saw each event id."""
        return dict(self.connection.execute("SELECT event_id, first_pass FROM seen_event").fetchall())

    def registered(self, subscription_id: str) -> int:
        """The pass that first saw the subscription."""
        row = self.connection.execute(
            "SELECT first_pass FROM subscription WHERE subscription_id = ?", [subscription_id]
        ).fetchone()
        return int(row[0]) if row else 0

    def deliveries(self, subscription_id: str) -> dict[str, Delivery]:
        """Every event the subscription was sent or tried, with where it stands."""
        rows = self.connection.execute(
            "SELECT event_id, status, attempts, next_attempt_at FROM delivery WHERE subscription_id = ?",
            [subscription_id],
        )
        return {event_id: Delivery(status, attempts, due) for event_id, status, attempts, due in rows}

    def record(
        self,
        subscription_id: str,
        event_id: str,
        *,
        attempt: int,
        status: str,
        next_attempt_at: float | None,
        status_code: int | None,
        error: str | None,
        duration_ms: float,
    ) -> None:
        """Commit one attempt and where the delivery stands after it."""
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.execute(
                "INSERT INTO attempt VALUES (?, ?, ?, ?, ?, ?, ?)",
                [subscription_id, event_id, attempt, _now(), status_code, error, duration_ms],
            )
            self.connection.execute(
                "INSERT OR REPLACE INTO delivery VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [subscription_id, event_id, status, attempt, next_attempt_at, status_code, error, _now()],
            )
