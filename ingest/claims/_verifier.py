"""Verifying claims against the served history: one check per board, one verdict per claim.

Each board in the claim's scope gets a check: the snapshot current on ``refers_to`` (``as_of``),
or the snapshots published in the window after it (``on_release``, default 14 days; the first
that lists the models decides, the others stay in the evidence). An ``ahead_of`` claim is also
checked, out of scope, on every other board listing all its models. The claim's verdict combines
its in-scope boards with data: all agree -> ``supported`` / ``contradicted``; a mix ->
``partly_supported``; none with data -> ``unverifiable`` (``pending`` for a forecast).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ingest.claims._compare import CONTRADICTED, NOT_COMPARABLE, SUPPORTED, RankingClaim, observe
from ingest.claims._first_appearance import check_first_appearance
from ingest.claims._forecast import check_forecast
from ingest.claims._records import AheadOfClaim, Claim, ForecastClaim, UsageMetricClaim, subjects
from ingest.claims._result import (
    DEFAULT_WINDOW_DAYS,
    PARTLY_SUPPORTED,
    PENDING,
    UNVERIFIABLE,
    BoardCheck,
    ClaimVerdict,
    unverifiable,
)
from ingest.claims._scopes import is_family, scope_boards
from ingest.claims._snapshots import BoardHistory

__all__ = ("verify_claim",)

_USAGE_REASON = (
    "rankledger holds leaderboard snapshots only: no usage, traffic or market-share data to check "
    "this against"
)


def _check_ranking(history: BoardHistory, claim: RankingClaim, board_ref: str, in_scope: bool) -> BoardCheck:
    if not history.members(board_ref):
        return unverifiable(board_ref, in_scope, "no snapshot of this board in the warehouse")
    day = claim.refers_to
    evidence: dict[str, Any] = {"timing": claim.timing}
    if claim.timing == "as_of":
        view = history.as_of(board_ref, day)
        if view is None:
            return unverifiable(board_ref, in_scope, f"no snapshot published on or before {day}")
        observations = [observe(claim, view)]
        evidence["age_days"] = (day - view.published_at).days
    else:
        last = day + timedelta(days=claim.window_days or DEFAULT_WINDOW_DAYS)
        evidence["window"] = {"from": day.isoformat(), "to": last.isoformat()}
        observations = [observe(claim, view) for view in history.between(board_ref, day, last)]
    evidence["snapshots"] = [o.facts for o in observations]
    decisive = next((o for o in observations if o.outcome != NOT_COMPARABLE), None)
    if decisive is None:
        where = f"as of {day}" if claim.timing == "as_of" else f"from {day} to {evidence['window']['to']}"
        firsts = {r.label(): history.first_listed_on(board_ref, r) for r in subjects(claim)}
        evidence["first_listed"] = {label: d.isoformat() if d else None for label, d in firsts.items()}
        listed = ", ".join(f"{label} {d or 'never'}" for label, d in firsts.items())
        if not observations:
            return unverifiable(board_ref, in_scope, f"no snapshot {where}; first listed: {listed}", evidence)
        last_reason = observations[-1].reason
        reason = f"no snapshot {where} has what the claim needs ({last_reason}); first listed: {listed}"
        return unverifiable(board_ref, in_scope, reason, evidence)
    return BoardCheck(
        board_ref=board_ref,
        board_id=decisive.facts["board_id"],
        in_scope=in_scope,
        verdict=decisive.outcome,
        reason=f"{decisive.facts['published_at']}: {decisive.reason}",
        snapshot_id=decisive.facts["snapshot_id"],
        published_at=date.fromisoformat(decisive.facts["published_at"]),
        evidence=evidence,
    )


def _context_boards(history: BoardHistory, claim: AheadOfClaim, scoped: list[str]) -> list[str]:
    """Boards outside the scope that list every model of the claim (a comparison elsewhere)."""
    families = [ref[:-1] for ref in scoped if is_family(ref)]
    listing = history.boards_listing_all([r.id for r in subjects(claim)])
    return [b for b in listing if b not in scoped and not any(b.startswith(f) for f in families)]


def _where(check: BoardCheck) -> str:
    board = check.board_id or check.board_ref
    return f"{board} ({check.published_at})" if check.published_at else board


def _combine(checks: list[BoardCheck]) -> tuple[str, str]:
    scoped = [c for c in checks if c.in_scope]
    supported = [c for c in scoped if c.verdict == SUPPORTED]
    contradicted = [c for c in scoped if c.verdict == CONTRADICTED]
    pending = [c for c in scoped if c.verdict == PENDING]
    without = len(scoped) - len(supported) - len(contradicted) - len(pending)
    parts = []
    for label, group in (("supported", supported), ("contradicted", contradicted), ("pending", pending)):
        if group:
            parts.append(f"{label} on " + ", ".join(_where(c) for c in group))
    if without:
        parts.append(f"no data on {without} of {len(scoped)} board(s)")
    reason = "; ".join(parts)
    if supported and contradicted:
        return PARTLY_SUPPORTED, reason
    if supported:
        return SUPPORTED, reason
    if contradicted:
        return CONTRADICTED, reason
    if pending:
        return PENDING, reason
    return UNVERIFIABLE, reason or "no board in scope"


def verify_claim(history: BoardHistory, claim: Claim, *, today: date, context: bool = True) -> ClaimVerdict:
    """Every board check of one claim and the verdict they add up to (``context=False``: without
    the out-of-scope checks of an ``ahead_of`` claim, which never count towards the verdict)."""
    if isinstance(claim, UsageMetricClaim):
        return ClaimVerdict(claim_id=claim.id, status=UNVERIFIABLE, reason=_USAGE_REASON, checks=())
    scoped = scope_boards(claim.scope, claim.boards)
    checks: list[BoardCheck] = []
    for board_ref in scoped:
        if isinstance(claim, ForecastClaim):
            checks.append(check_forecast(history, claim, board_ref, today=today))
        elif isinstance(claim, RankingClaim):
            checks.append(_check_ranking(history, claim, board_ref, True))
        else:
            checks.append(check_first_appearance(history, claim, board_ref))
    if isinstance(claim, AheadOfClaim) and context:
        for board_id in _context_boards(history, claim, scoped):
            checks.append(_check_ranking(history, claim, board_id, False))
    status, reason = _combine(checks)
    return ClaimVerdict(claim_id=claim.id, status=status, reason=reason, checks=tuple(checks))
