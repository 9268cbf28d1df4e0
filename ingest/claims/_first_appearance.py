"""``first_appearance``: does the model's first listing on a board fit the claimed release?

``on_release`` (released on the day): first listed from the day to ``window_days`` after it ->
supported; listed before the day -> contradicted; first listed later or never -> unverifiable
(boards take their time). ``as_of`` (released by the day): listed on or before it -> supported,
unless ``window_days`` is given ("shortly before") and it was listed earlier than that ->
contradicted; first listed after the day -> unverifiable (a board's lag proves nothing).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ingest.claims._board_view import View
from ingest.claims._compare import CONTRADICTED, SUPPORTED
from ingest.claims._records import FirstAppearanceClaim, subjects
from ingest.claims._result import DEFAULT_WINDOW_DAYS, BoardCheck, unverifiable
from ingest.claims._snapshots import BoardHistory

__all__ = ("check_first_appearance",)


def _decided(board_ref: str, view: View, verdict: str, reason: str, evidence: dict[str, Any]) -> BoardCheck:
    return BoardCheck(
        board_ref=board_ref,
        board_id=view.board_id,
        in_scope=True,
        verdict=verdict,
        reason=reason,
        snapshot_id=view.snapshot_id,
        published_at=view.published_at,
        evidence=evidence,
    )


def check_first_appearance(history: BoardHistory, claim: FirstAppearanceClaim, board_ref: str) -> BoardCheck:
    """The claim checked on one board (or family) against the model's first served listing."""
    ref = subjects(claim)[0]
    day = claim.refers_to
    if not history.members(board_ref):
        return unverifiable(board_ref, True, "no snapshot of this board in the warehouse")
    first = history.first_listing(board_ref, ref)
    if first is None:
        return unverifiable(board_ref, True, f"{ref.label()} is never listed on this board")
    line = first.best(ref)
    gap = (first.published_at - day).days
    before = history.as_of(board_ref, first.published_at - timedelta(days=1))
    evidence: dict[str, Any] = {
        "timing": claim.timing,
        "claimed_day": day.isoformat(),
        "first_listed": {**first.where(), "line": line.facts() if line else None},
        "previous_snapshot": before.where() if before else None,
        "days_after_claimed_day": gap,
    }
    listed = f"first listed {first.published_at}"
    if claim.timing == "on_release":
        window = claim.window_days or DEFAULT_WINDOW_DAYS
        evidence["window_days"] = window
        if gap < 0:
            reason = f"listed {first.published_at}, {-gap} day(s) before the claimed release {day}"
            return _decided(board_ref, first, CONTRADICTED, reason, evidence)
        if gap <= window:
            return _decided(board_ref, first, SUPPORTED, f"{listed}, {gap} day(s) after {day}", evidence)
        reason = f"{listed}, {gap} days after {day}: beyond the {window}-day window"
        return unverifiable(board_ref, True, reason, evidence)
    if gap > 0:
        reason = f"{listed}, after {day}; boards list models some days after release, so this decides nothing"
        return unverifiable(board_ref, True, reason, evidence)
    if claim.window_days is not None and -gap > claim.window_days:
        evidence["window_days"] = claim.window_days
        reason = (
            f"listed since {first.published_at}, {-gap} days before {day}, not within {claim.window_days}"
        )
        return _decided(board_ref, first, CONTRADICTED, reason, evidence)
    return _decided(
        board_ref,
        first,
        SUPPORTED,
        f"listed since {first.published_at} ({-gap} day(s) before {day})",
        evidence,
    )
