"""Delivering change events to webhook subscriptions, signed, retried, at most once per event.

A run ("pass") reads the events of the published generation, records in the ledger which event
ids and subscriptions it is the first to see, then POSTs each subscription the events it has not
had yet, oldest first, one attempt at a time, each committed to the ledger before the next. An
event is due for a subscription when it matches its filters, is not delivered (nor failed for
good), and is news for it: first seen by a later run than the subscription (or, with ``since``,
about a day on or after it), and not older than ``max_age_days``.

A failed attempt (an error, a timeout or a status other than 2xx) is retried after
``RETRY_SCHEDULE`` (5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 24 h), then given up (``failed``); until
the retry, the subscription gets no other attempt (its events queue behind it, in order).
``wait`` keeps a run going for retries due within that many seconds. Receivers deduplicate by
``webhook-id`` (the event id): the one case where an event arrives twice is a crash after the
receiver answered and before the ledger committed the answer.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import httpx
import msgspec

from ingest.warehouse import current_generation_path
from ingest.webhooks._config import Subscription
from ingest.webhooks._ledger import DELIVERED, FAILED, RETRYING, Ledger
from ingest.webhooks._signing import signed_headers

__all__ = ("RETRY_SCHEDULE", "Attempt", "DeliveryReport", "deliver_pending", "register_subscriptions")

RETRY_SCHEDULE: tuple[float, ...] = (5, 30, 120, 600, 3600, 6 * 3600, 24 * 3600)
"""Seconds before each retry; after the last one fails the delivery is ``failed`` for good."""
_TIMEOUT = httpx.Timeout(10.0)
_log = logging.getLogger("rankledger.webhooks")


@dataclass(frozen=True)
class Attempt:
    """One POST and what became of it."""

    subscription_id: str
    event_id: str
    attempt: int
    status: str
    """``delivered``, ``retrying`` or ``failed``."""
    status_code: int | None
    error: str | None


@dataclass
class DeliveryReport:
    """What a run did."""

    generation: str | None = None
    """The generation whose events were read (``None``: nothing published yet)."""
    attempts: list[Attempt] = field(default_factory=list)
    """Every attempt, in order."""
    pending: int = 0
    """Deliveries left waiting for a retry."""

    def count(self, status: str) -> int:
        """Attempts that ended with ``status``."""
        return sum(1 for a in self.attempts if a.status == status)


@contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """One delivery run at a time per data dir (an after-publish run waits for a scheduled one)."""
    lock_path = data_dir / "webhooks" / "deliver.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _events(generation: Path) -> list[dict[str, Any]]:
    """The generation's change events, oldest first (none before migration 013)."""
    with duckdb.connect(str(generation), read_only=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'change_event'"
        ).fetchone()
        if found is None:
            return []
        result = connection.execute("SELECT * FROM change_event ORDER BY occurred_on, event_id")
        columns = [d[0] for d in result.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def _matches(subscription: Subscription, event: dict[str, Any]) -> bool:
    if subscription.kinds and event["kind"] not in subscription.kinds:
        return False
    if subscription.boards and not set(subscription.boards) & set(event["boards"]):
        return False
    named = set(event["model_ids"]) | set(event["other_model_ids"])
    return not subscription.models or bool(set(subscription.models) & named)


def _body(event: dict[str, Any]) -> bytes:
    """The Standard Webhooks payload: ``type``, ``timestamp`` (the event's day) and ``data``
    (the event, exactly as an item of ``GET /v1/changes``)."""
    day: date = event["occurred_on"]
    stamp = datetime(day.year, day.month, day.day, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return msgspec.json.encode({"type": f"change.{event['kind']}", "timestamp": stamp, "data": event})


class _Sweep:
    """The deliveries of one run, over the events read at its start."""

    def __init__(
        self,
        ledger: Ledger,
        events: list[dict[str, Any]],
        client: httpx.Client,
        clock: Callable[[], float],
        report: DeliveryReport,
    ) -> None:
        self.ledger, self.events, self.client, self.clock, self.report = ledger, events, client, clock, report
        self.first_seen = ledger.first_seen()

    def due(self, subscription: Subscription, today: date) -> tuple[list[dict[str, Any]], float | None]:
        """The events to send the subscription now, and when its next retry falls due."""
        registered = self.ledger.registered(subscription.id)
        oldest = today - timedelta(days=subscription.max_age_days)
        known = self.ledger.deliveries(subscription.id)
        now, due, later = self.clock(), [], []
        for event in self.events:
            if not _matches(subscription, event):
                continue
            if subscription.since is not None:
                news = event["occurred_on"] >= subscription.since
            else:
                news = (
                    self.first_seen.get(event["event_id"], 0) > registered and event["occurred_on"] >= oldest
                )
            delivery = known.get(event["event_id"])
            if delivery is None:
                if news:
                    due.append(event)
            elif delivery.status == RETRYING and delivery.next_attempt_at is not None:
                if delivery.next_attempt_at <= now:
                    due.append(event)
                else:
                    later.append(delivery.next_attempt_at)
        # A subscription waiting for a retry gets nothing new before it: a queue, in order.
        return ([] if later else due), min(later, default=None)

    def send(self, subscription: Subscription, event: dict[str, Any], attempt: int) -> bool:
        """POST one event; record the attempt. True when the receiver took it (2xx)."""
        body = _body(event)
        headers = {
            "content-type": "application/json",
            "user-agent": "rankledger-webhooks/1",
            **signed_headers(subscription.key(), event["event_id"], int(time.time()), body),
        }
        started = time.perf_counter()
        status_code: int | None = None
        error: str | None = None
        try:
            response = self.client.post(subscription.url, content=body, headers=headers, timeout=_TIMEOUT)
            status_code = response.status_code
            if not response.is_success:
                error = f"HTTP {status_code}"
        except httpx.HTTPError as failure:
            error = f"{type(failure).__name__}: {failure}"[:500]
        duration_ms = (time.perf_counter() - started) * 1000
        if error is None:
            status, next_attempt_at = DELIVERED, None
        elif attempt <= len(RETRY_SCHEDULE):
            status, next_attempt_at = RETRYING, self.clock() + RETRY_SCHEDULE[attempt - 1]
        else:
            status, next_attempt_at = FAILED, None
        self.ledger.record(
            subscription.id,
            event["event_id"],
            attempt=attempt,
            status=status,
            next_attempt_at=next_attempt_at,
            status_code=status_code,
            error=error,
            duration_ms=duration_ms,
        )
        _log.info(
            "webhook %s: subscription=%s event=%s attempt=%d status_code=%s duration_ms=%.0f%s",
            status,
            subscription.id,
            event["event_id"],
            attempt,
            status_code,
            duration_ms,
            f" error={error}" if error else "",
        )
        self.report.attempts.append(
            Attempt(subscription.id, event["event_id"], attempt, status, status_code, error)
        )
        return error is None

    def run(self, subscriptions: list[Subscription], today: date) -> float | None:
        """One sweep over every subscription; returns when the earliest pending retry falls due."""
        next_due: list[float] = []
        for subscription in subscriptions:
            events, later = self.due(subscription, today)
            known = self.ledger.deliveries(subscription.id)
            for event in events:
                previous = known.get(event["event_id"])
                if not self.send(subscription, event, (previous.attempts if previous else 0) + 1):
                    break  # the endpoint is failing: the rest waits for the next sweep
            _, later = self.due(subscription, today)
            if later is not None:
                next_due.append(later)
        return min(next_due, default=None)


def deliver_pending(
    data_dir: Path,
    subscriptions: list[Subscription],
    client: httpx.Client,
    *,
    wait: float = 0.0,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
    today: date | None = None,
) -> DeliveryReport:
    """Deliver what is due to every subscription; keep retrying for up to ``wait`` seconds.

    ``clock`` and ``sleep`` schedule the retries (the signature timestamp is always the real
    time); ``today`` decides ``max_age_days`` (default: today in UTC).
    """
    report = DeliveryReport()
    with _exclusive(data_dir):
        generation = current_generation_path(data_dir)
        if generation is None or not subscriptions:
            return report
        report.generation = generation.name
        events = _events(generation)
        ledger = Ledger(data_dir)
        try:
            ledger.begin_pass(generation.name, (e["event_id"] for e in events), (s.id for s in subscriptions))
            sweep = _Sweep(ledger, events, client, clock, report)
            deadline = clock() + wait
            day = today or datetime.now(UTC).date()
            next_due = sweep.run(subscriptions, day)
            while next_due is not None and next_due <= deadline:
                sleep(max(0.0, next_due - clock()))
                next_due = sweep.run(subscriptions, day)
            report.pending = sum(
                1 for s in subscriptions for d in ledger.deliveries(s.id).values() if d.status == RETRYING
            )
        finally:
            ledger.close()
    return report


def register_subscriptions(data_dir: Path, subscriptions: list[Subscription]) -> None:
    """Record the subscriptions not seen yet, and every event published so far, sending nothing.

    Run before an ingest, so the events that ingest publishes are news for a subscription added
    since the last run. Before the first publish there is nothing to register against: the first
    run after it takes every event then published as already known.
    """
    with _exclusive(data_dir):
        generation = current_generation_path(data_dir)
        if generation is None or not subscriptions:
            return
        ledger = Ledger(data_dir)
        try:
            events = _events(generation)
            ledger.begin_pass(generation.name, (e["event_id"] for e in events), (s.id for s in subscriptions))
        finally:
            ledger.close()
