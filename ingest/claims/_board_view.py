"""A board as one served snapshot shows it, read by the verifier: its lines, who is placed ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ingest.claims._records import ModelRef

__all__ = ("Line", "View")


@dataclass(frozen=True)
class Line:
    """One model's line in a served snapshot."""

    model_id: str
    model_name: str
    variant: str | None
    rank: int | None
    rank_best: int | None
    rank_worst: int | None
    score: float | None
    ci_lower: float | None
    ci_upper: float | None
    votes: int | None
    preliminary: bool
    organization: str | None
    release_date: date | None
    canonical: bool
    rank_completed_from: int | None = None
    """The corroborating snapshot the published rank was taken from (the served one has none)."""
    votes_completed_from: int | None = None
    """The corroborating snapshot the votes were taken from (the served one has none)."""

    @property
    def placed(self) -> int | None:
        """The rank a reader sees: the published one, else the exact rank from the scores."""
        return self.rank if self.rank is not None else self.rank_best

    def facts(self) -> dict[str, Any]:
        """The values evidence quotes (with the snapshot a completed rank or votes came from)."""
        completed = {"rank": self.rank_completed_from, "votes": self.votes_completed_from}
        facts: dict[str, Any] = {
            "model_id": self.model_id,
            "model_name": self.model_name,
            "variant": self.variant,
            "rank": self.placed,
            "rank_best": self.rank_best,
            "rank_worst": self.rank_worst,
            "score": self.score,
            "ci_lower": self.ci_lower,
            "ci_upper": self.ci_upper,
            "votes": self.votes,
            "preliminary": self.preliminary,
        }
        if any(completed.values()):
            facts["completed_from"] = {k: v for k, v in completed.items() if v is not None}
        return facts


@dataclass(frozen=True)
class View:
    """A board as one served snapshot shows it."""

    board_id: str
    snapshot_id: int
    published_at: date
    last_seen_on: date
    truncated: bool
    higher_is_better: bool
    lines: tuple[Line, ...]

    def matches(self, ref: ModelRef) -> list[Line]:
        """Lines of the model (of its variant, when the ref names one)."""
        return [
            line
            for line in self.lines
            if line.model_id == ref.id and (ref.variant is None or line.variant == ref.variant)
        ]

    def _order(self, line: Line) -> tuple[bool, int, float]:
        score = line.score if line.score is not None else 0.0
        return (line.placed is None, line.placed or 0, -score if self.higher_is_better else score)

    def best(self, ref: ModelRef) -> Line | None:
        """The model's best-placed line (its best variant when the ref names none)."""
        return min(self.matches(ref), key=self._order, default=None)

    def leader_other_than(self, model_id: str) -> Line | None:
        """The best-placed line of any other model (the runner-up, when ``model_id`` leads)."""
        return min((x for x in self.lines if x.model_id != model_id), key=self._order, default=None)

    def ahead(self, first: Line, second: Line) -> bool:
        """``first`` is placed strictly ahead: better score, or better rank where a score is missing."""
        if first.score is not None and second.score is not None:
            if self.higher_is_better:
                return first.score > second.score
            return first.score < second.score
        return first.placed is not None and second.placed is not None and first.placed < second.placed

    def where(self) -> dict[str, Any]:
        """Which snapshot the evidence comes from."""
        return {
            "board_id": self.board_id,
            "snapshot_id": self.snapshot_id,
            "published_at": self.published_at.isoformat(),
            "last_seen_on": self.last_seen_on.isoformat(),
            "truncated": self.truncated,
        }
