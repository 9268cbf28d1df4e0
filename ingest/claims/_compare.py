"""What one snapshot says about one claim: pure comparisons, no I/O.

Rules (``docs/claims.md``): a model's place is its best-placed line (its best variant unless the
claim names one); "ahead" means a strictly better score (rank where a board has no score); a rank
must match exactly, a top N holds at rank N or better; a score or margin may differ by the claim's
``tolerance``, by default half a point (what rounding to whole points allows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.claims._board_view import Line, View
from ingest.claims._records import AheadOfClaim, LeadsClaim, RanksClaim, ScoreClaim, subjects

__all__ = (
    "CONTRADICTED",
    "DEFAULT_TOLERANCE",
    "NOT_COMPARABLE",
    "SUPPORTED",
    "Observation",
    "RankingClaim",
    "observe",
)

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
NOT_COMPARABLE = "not_comparable"
"""The snapshot does not list what the claim needs (a model missing, no score)."""

DEFAULT_TOLERANCE = 0.5
"""Scores and margins: published scores are rounded to whole points, so half a point either way."""

RankingClaim = RanksClaim | AheadOfClaim | ScoreClaim | LeadsClaim
"""The kinds judged on one snapshot at a time."""


@dataclass(frozen=True)
class Observation:
    """The outcome on one snapshot, why, and the values compared."""

    outcome: str
    """``supported``, ``contradicted`` or ``not_comparable``."""
    reason: str
    facts: dict[str, Any] = field(default_factory=dict)


def _score_text(line: Line) -> str:
    score = "no score" if line.score is None else f"{line.score:g}"
    flag = ", preliminary" if line.preliminary else ""
    return f"{line.model_name} rank {line.placed if line.placed is not None else '-'}, {score}{flag}"


def _within(value: float | None, claimed: float, tolerance: float) -> bool:
    return value is not None and abs(value - claimed) <= tolerance + 1e-9  # 2.6 - 2.5 > 0.1 in floats


def _below_listed_top(claim: RanksClaim, view: View, ref_label: str) -> Observation | None:
    """On a top-K list that does not list the model: out of any top N with N <= K."""
    top = max((line.placed for line in view.lines if line.placed is not None), default=0)
    if claim.rank_at_most is None or not view.truncated or top < claim.rank_at_most:
        return None
    facts = {"lines": [], "claimed_rank_at_most": claim.rank_at_most, "listed_top": top}
    reason = f"{ref_label} is not in the listed top {top}, so not in the top {claim.rank_at_most}"
    return Observation(CONTRADICTED, reason, facts)


def _observe_ranks(claim: RanksClaim, view: View) -> Observation:
    ref = subjects(claim)[0]
    line = view.best(ref)
    if line is None or line.placed is None:
        below = _below_listed_top(claim, view, ref.label()) if line is None else None
        return below or Observation(NOT_COMPARABLE, f"{ref.label()} is not ranked in this snapshot")
    tolerance = claim.tolerance if claim.tolerance is not None else DEFAULT_TOLERANCE
    facts: dict[str, Any] = {"lines": [line.facts()]}
    if claim.rank_at_most is not None:
        facts["claimed_rank_at_most"] = claim.rank_at_most
        if line.placed > claim.rank_at_most:
            return Observation(
                CONTRADICTED, f"{_score_text(line)}, not in the top {claim.rank_at_most}", facts
            )
    else:
        facts["claimed_rank"] = claim.rank
        if line.placed != claim.rank:
            return Observation(CONTRADICTED, f"{_score_text(line)}, not rank {claim.rank}", facts)
    if claim.score is not None:
        facts |= {"claimed_score": claim.score, "tolerance": tolerance}
        if not _within(line.score, claim.score, tolerance):
            return Observation(CONTRADICTED, f"{_score_text(line)}, not {claim.score:g}", facts)
    return Observation(SUPPORTED, _score_text(line), facts)


def _observe_score(claim: ScoreClaim, view: View) -> Observation:
    ref = subjects(claim)[0]
    line = view.best(ref)
    if line is None or line.score is None:
        return Observation(NOT_COMPARABLE, f"{ref.label()} has no score in this snapshot")
    tolerance = claim.tolerance if claim.tolerance is not None else DEFAULT_TOLERANCE
    facts = {"lines": [line.facts()], "claimed_score": claim.score, "tolerance": tolerance}
    outcome = SUPPORTED if _within(line.score, claim.score, tolerance) else CONTRADICTED
    return Observation(outcome, f"{_score_text(line)} (claimed {claim.score:g} ± {tolerance:g})", facts)


def _separated(view: View, first: Line, second: Line) -> bool | None:
    """Confidence intervals do not overlap in the first model's favour (``None``: no intervals)."""
    if None in (first.ci_lower, first.ci_upper, second.ci_lower, second.ci_upper):
        return None
    if view.higher_is_better:
        return first.ci_lower > second.ci_upper  # type: ignore[operator]
    return first.ci_upper < second.ci_lower  # type: ignore[operator]


def _observe_ahead_of(claim: AheadOfClaim, view: View) -> Observation:
    leader_ref, *other_refs = subjects(claim)
    first = view.best(leader_ref)
    pairs: list[dict[str, Any]] = []
    missing: list[str] = []
    behind: list[str] = []
    lines = [first.facts()] if first else []
    for ref in other_refs:
        second = view.best(ref)
        if second is not None:
            lines.append(second.facts())
        if first is None or second is None:
            absent = leader_ref if first is None else ref
            if view.truncated and first is not None:
                pairs.append({"other": ref.label(), "ahead": True, "note": "other below the listed top"})
            elif view.truncated and second is not None:
                pairs.append({"other": ref.label(), "ahead": False, "note": "first below the listed top"})
                behind.append(ref.label())
            else:
                missing.append(absent.label())
            continue
        ahead = view.ahead(first, second)
        difference = None if first.score is None or second.score is None else first.score - second.score
        pairs.append(
            {
                "other": ref.label(),
                "ahead": ahead,
                "score_difference": difference,
                "intervals_separated": _separated(view, first, second),
            }
        )
        if not ahead:
            behind.append(f"{_score_text(second)} vs {_score_text(first)}")
    facts = {"lines": lines, "pairs": pairs}
    if behind:
        return Observation(CONTRADICTED, f"{leader_ref.label()} not ahead: " + "; ".join(behind), facts)
    if missing:
        return Observation(NOT_COMPARABLE, f"not listed: {', '.join(sorted(set(missing)))}", facts)
    present = [line for line in (view.best(r) for r in subjects(claim)) if line is not None]
    described = "; ".join(_score_text(line) for line in present)
    return Observation(SUPPORTED, described, facts)


def _observe_leads(claim: LeadsClaim, view: View) -> Observation:
    ref = subjects(claim)[0]
    line = view.best(ref)
    top = view.leader_other_than(ref.id)
    if line is None or line.placed is None:
        leader = f"; #1 is {_score_text(top)}" if top else ""
        return Observation(NOT_COMPARABLE, f"{ref.label()} is not listed{leader}")
    tolerance = claim.tolerance if claim.tolerance is not None else DEFAULT_TOLERANCE
    facts: dict[str, Any] = {"lines": [line.facts()], "runner_up": top.facts() if top else None}
    margin = None
    if top is not None and line.score is not None and top.score is not None:
        margin = line.score - top.score if view.higher_is_better else top.score - line.score
        facts["margin"] = margin
    if line.placed != 1:
        return Observation(CONTRADICTED, f"{_score_text(line)}; #1 is {_score_text(top)}", facts)  # type: ignore[arg-type]
    shared = top is not None and top.placed == 1
    reason = _score_text(line) + (f", #1 shared with {top.model_name}" if shared and top else "")
    if claim.score is not None:
        facts |= {"claimed_score": claim.score, "tolerance": tolerance}
        if not _within(line.score, claim.score, tolerance):
            return Observation(CONTRADICTED, f"{reason}; score is not {claim.score:g}", facts)
    if claim.margin is not None:
        facts |= {"claimed_margin": claim.margin, "tolerance": tolerance}
        if not _within(margin, claim.margin, tolerance):
            shown = "unknown" if margin is None else f"{margin:g}"
            return Observation(CONTRADICTED, f"{reason}; lead {shown}, not {claim.margin:g}", facts)
        reason += f"; lead {margin:g} over {top.model_name}" if top and margin is not None else ""
    return Observation(SUPPORTED, reason, facts)


def observe(claim: RankingClaim, view: View) -> Observation:
    """Judge a ranking claim on one snapshot; ``facts`` always say which snapshot."""
    if isinstance(claim, RanksClaim):
        observation = _observe_ranks(claim, view)
    elif isinstance(claim, ScoreClaim):
        observation = _observe_score(claim, view)
    elif isinstance(claim, AheadOfClaim):
        observation = _observe_ahead_of(claim, view)
    else:
        observation = _observe_leads(claim, view)
    facts = {**view.where(), "outcome": observation.outcome, "reason": observation.reason}
    return Observation(observation.outcome, observation.reason, facts | observation.facts)
