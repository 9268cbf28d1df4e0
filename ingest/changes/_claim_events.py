"""Claim verdict changes: each claim's verdict replayed day by day over the served history.

A claim exists from the day its article was published. On that day and on every later day a
board in its scope published a snapshot (and, for a forecast, the day after its window closes),
the claim is verified with the history as it stood that day (``BoardHistory.known_on``); an event
is where the verdict differs from the day before. The first verdict is not a change. The replay
reads only published data and the claim files, so a rebuild gives the same events.
"""

from __future__ import annotations

from datetime import date, timedelta

from ingest.changes._board_events import list_names
from ingest.changes._ids import claim_event_id
from ingest.changes._records import ChangeEvent
from ingest.claims import (
    DEFAULT_WINDOW_DAYS,
    BoardHistory,
    Claim,
    ClaimVerdict,
    ForecastClaim,
    LoadedClaim,
    UsageMetricClaim,
    scope_boards,
    subjects,
    verify_claim,
)

__all__ = ("claim_events",)


def _settles_on(claim: Claim) -> date:
    """The last day a claim's own rules look at (docs/claims.md): the day it refers to
    (``as_of``), the end of its window (``on_release``), or the end of a forecast's grace days."""
    assert not isinstance(claim, UsageMetricClaim)
    if isinstance(claim, ForecastClaim):
        return claim.deadline + timedelta(days=claim.grace_days)
    if claim.timing == "on_release":
        return claim.refers_to + timedelta(days=claim.window_days or DEFAULT_WINDOW_DAYS)
    return claim.refers_to


def _replay_days(history: BoardHistory, loaded: LoadedClaim, today: date) -> list[date]:
    """The days the claim's verdict can change: its publication, its boards' snapshot days up to
    the day it settles, the day after, and each board's first snapshot day after that (a forecast
    is decided once every board has data past its window). Later snapshots cannot change it."""
    claim, start = loaded.claim, loaded.source.published_on
    assert not isinstance(claim, UsageMetricClaim)
    settles = _settles_on(claim)
    days = {start, settles + timedelta(days=1)}
    for ref in scope_boards(claim.scope, claim.boards):
        published = sorted(history.published_days(ref))
        days.update(day for day in published if day <= settles)
        days.update([day for day in published if day > settles][:1])
    return sorted(day for day in days if start <= day <= today)


def _event(
    loaded: LoadedClaim, before: tuple[date, ClaimVerdict], day: date, now: ClaimVerdict
) -> ChangeEvent:
    claim, (previous_on, previous) = loaded.claim, before
    deciding = sorted({c.board_id for c in now.checks if c.in_scope and c.board_id is not None})
    models = [ref.id for ref in subjects(claim)] if not isinstance(claim, UsageMetricClaim) else []
    verdict = now.status.replace("_", " ")
    return ChangeEvent(
        event_id=claim_event_id(claim.id, day, now.status),
        kind="claim_verdict",
        board_id=None,
        claim_id=claim.id,
        occurred_on=day,
        previous_on=previous_on,
        model_ids=models,
        model_names=models,
        other_model_ids=[],
        rank_from=None,
        rank_to=None,
        score_from=None,
        score_to=None,
        verdict_from=previous.status,
        verdict_to=now.status,
        discontinuities=[],
        title=f"Claim {verdict[0].upper()}{verdict[1:]}: {claim.summary}",
        summary=(
            f"Verdict {previous.status} -> {now.status} with the snapshots published by {day}: {now.reason}."
            + (f" Decided on {list_names(deciding, 6)}." if deciding else "")
        ),
        link=f"/v1/claims/{claim.id}",
        boards=deciding,
    )


def claim_events(history: BoardHistory, claims: tuple[LoadedClaim, ...], *, today: date) -> list[ChangeEvent]:
    """The verdict changes of every claim up to ``today`` (usage metrics never change)."""
    events = []
    for loaded in claims:
        if isinstance(loaded.claim, UsageMetricClaim):
            continue
        before: tuple[date, ClaimVerdict] | None = None
        for day in _replay_days(history, loaded, today):
            verdict = verify_claim(history.known_on(day), loaded.claim, today=day, context=False)
            if before is not None and verdict.status != before[1].status:
                events.append(_event(loaded, before, day, verdict))
            before = (day, verdict)
    return events
