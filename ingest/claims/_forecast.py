"""``forecast``: "a model of ORG, released after the day and by the deadline, will beat the rivals".

On one board (or family) the forecast is
- ``supported`` when a served snapshot published after ``refers_to`` and up to ``deadline +
  grace_days`` places a qualifying model ahead of every rival. Qualifying: a canonical model of the
  organisation, not listed on the board on or before ``refers_to``, whose registry release date is
  after ``refers_to`` and on or before ``deadline``;
- ``contradicted`` when that window is over, the board has data up to its end, and no snapshot in
  it shows such a model ahead of the rivals;
- ``unverifiable`` when a newly listed model of the organisation is ahead but the registry has no
  release date for it (add one to ``seeds/models.toml``), or the board has no snapshot in the window;
- ``pending`` while the window is open or the board's data does not reach its end yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ingest.claims._board_view import Line, View
from ingest.claims._compare import CONTRADICTED, SUPPORTED
from ingest.claims._records import ForecastClaim, subjects
from ingest.claims._result import PENDING, BoardCheck, unverifiable
from ingest.claims._snapshots import BoardHistory

__all__ = ("check_forecast",)

QUALIFIES = "qualifies"
UNDATED = "release_date_unknown"
OUTSIDE = "released_outside_period"


def _status(line: Line, claim: ForecastClaim) -> str:
    if not line.canonical or line.release_date is None:
        return UNDATED
    return QUALIFIES if claim.refers_to < line.release_date <= claim.deadline else OUTSIDE


def _candidates(view: View, claim: ForecastClaim, known_before: set[str]) -> list[Line]:
    """The best line of each model of the organisation that is new on the board."""
    organization = claim.organization.casefold()
    best: dict[str, Line] = {}
    for line in view.lines:
        if (line.organization or "").casefold() != organization or line.model_id in known_before:
            continue
        current = best.get(line.model_id)
        if current is None or view.ahead(line, current):
            best[line.model_id] = line
    return list(best.values())


def _observe(view: View, claim: ForecastClaim, known_before: set[str]) -> dict[str, Any]:
    rivals = [(ref.label(), view.best(ref)) for ref in subjects(claim)]
    facts: dict[str, Any] = {**view.where(), "rivals": [line.facts() for _, line in rivals if line]}
    missing = [label for label, line in rivals if line is None]
    if missing:
        facts["not_comparable"] = f"not listed: {', '.join(missing)}"
        return facts
    facts["candidates"] = [
        {
            **line.facts(),
            "organization": line.organization,
            "release_date": line.release_date.isoformat() if line.release_date else None,
            "status": _status(line, claim),
            "ahead_of_rivals": all(view.ahead(line, rival) for _, rival in rivals if rival),
        }
        for line in _candidates(view, claim, known_before)
    ]
    return facts


def _decided(
    board_ref: str, facts: dict[str, Any], verdict: str, reason: str, evidence: dict[str, Any]
) -> BoardCheck:
    return BoardCheck(
        board_ref=board_ref,
        board_id=facts["board_id"],
        in_scope=True,
        verdict=verdict,
        reason=reason,
        snapshot_id=facts["snapshot_id"],
        published_at=date.fromisoformat(facts["published_at"]),
        evidence=evidence,
    )


def check_forecast(history: BoardHistory, claim: ForecastClaim, board_ref: str, *, today: date) -> BoardCheck:
    """The forecast checked on one board with the data the warehouse holds on ``today``."""
    if not history.members(board_ref):
        return unverifiable(board_ref, True, "no snapshot of this board in the warehouse")
    first, end = claim.refers_to + timedelta(days=1), claim.deadline + timedelta(days=claim.grace_days)
    known_before = history.listed_by(board_ref, claim.refers_to)
    observed = [_observe(view, claim, known_before) for view in history.between(board_ref, first, end)]
    evidence: dict[str, Any] = {
        "organization": claim.organization,
        "released_after": claim.refers_to.isoformat(),
        "released_by": claim.deadline.isoformat(),
        "window": {"from": first.isoformat(), "to": end.isoformat()},
        "grace_days": claim.grace_days,
        "snapshots": observed,
    }
    rivals = ", ".join(ref.label() for ref in subjects(claim))
    for facts in observed:
        for candidate in facts.get("candidates", []):
            if candidate["status"] == QUALIFIES and candidate["ahead_of_rivals"]:
                released = candidate["release_date"]
                reason = (
                    f"{facts['published_at']}: {candidate['model_name']} (released {released}) "
                    f"rank {candidate['rank']}, ahead of {rivals}"
                )
                return _decided(board_ref, facts, SUPPORTED, reason, evidence)
    undated = [
        c["model_name"]
        for facts in observed
        for c in facts.get("candidates", [])
        if c["status"] == UNDATED and c["ahead_of_rivals"]
    ]
    if undated:
        reason = (
            f"{', '.join(sorted(set(undated)))} is placed ahead of {rivals} but its release date is unknown; "
            "add the model with its release_date to seeds/models.toml"
        )
        return unverifiable(board_ref, True, reason, evidence)
    latest = history.latest_published(board_ref)
    if today <= end or latest is None or latest < end:
        waiting = (
            f"the window ends {end}" if today <= end else f"this board's data ends {latest}, before {end}"
        )
        return BoardCheck(board_ref, None, True, PENDING, waiting, None, None, evidence)
    comparable = [facts for facts in observed if "candidates" in facts]
    if not comparable:
        return unverifiable(board_ref, True, f"no snapshot from {first} to {end} lists {rivals}", evidence)
    last = comparable[-1]
    seen = [c for facts in comparable for c in facts["candidates"] if c["status"] == QUALIFIES]
    best = min(seen, key=lambda c: c["rank"] or 10**6, default=None)
    shown = f"; best new one: {best['model_name']} rank {best['rank']}" if best else "; none listed"
    reason = (
        f"no {claim.organization} model released {claim.refers_to}..{claim.deadline} is ahead of {rivals} "
        f"in {len(comparable)} snapshot(s) to {end}{shown}"
    )
    return _decided(board_ref, last, CONTRADICTED, reason, evidence)
