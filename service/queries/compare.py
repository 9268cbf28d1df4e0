"""Models side by side on every board where at least two of them appear (see docs/movement.md).

Variants roll up to their model: on each board a model is represented by its best line, the one
with the lowest ``rank_best``, then the best score (then the source's order), and the line chosen
is shown (``variant``, ``model_name``); ``served_line.best_of_model`` marks it
(``ingest/warehouse/views/served_line_view.sql``).
Model ids are matched exactly after resolving each requested name the way
``/v1/models/{model_id}`` does.

One query answers a comparison: every pair of the models on every snapshot concerned, with the
verdict and both lines. The standings are the two sides of the pairs on each board's snapshot
as of the day; the history (``history=true``) is the verdict of every pair on every snapshot up
to the day.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import duckdb
import msgspec

from service.queries._rows import fetch_all
from service.queries.identity import ModelNames
from service.schemas_analytics import BoardStanding, Comparison, PairSummary, PairVerdict

__all__ = ("compare_models",)

# A ahead of B: A's floor above B's ceiling (its lower bound above B's upper bound; exact scores
# where a side has no interval); behind: the reverse; else statistically tied. A snapshot is
# `current` when it is its board's latest served snapshot published on or before the day.
_PAIRS = """
WITH latest AS (
    SELECT max_by(snapshot_id, published_at) AS snapshot_id
    FROM served_snapshot
    WHERE $as_of IS NULL OR published_at <= $as_of
    GROUP BY board_id
),
line AS (
    SELECT
        l.*, b.unit, list_position($models::VARCHAR[], l.model_id) AS model_order,
        l.snapshot_id IN (SELECT snapshot_id FROM latest) AS current
    FROM served_line AS l
    JOIN board AS b ON b.board_id = l.board_id
    WHERE l.best_of_model AND list_contains($models::VARCHAR[], l.model_id)
        AND ($as_of IS NULL OR l.published_at <= $as_of)
        AND ($history OR l.snapshot_id IN (SELECT snapshot_id FROM latest))
)
SELECT
    a.board_id, a.published_at, a.unit, a.current,
    a.model_id AS model_a, b.model_id AS model_b,
    CASE
        WHEN a.floor > b.ceiling THEN 'ahead'
        WHEN b.floor > a.ceiling THEN 'behind'
        ELSE 'statistically_tied'
    END AS verdict,
    -- Bradley-Terry on the Elo scale: the chance A is preferred to B in one battle
    CASE WHEN a.unit = 'elo' THEN 1.0 / (1.0 + pow(10.0, (b.score - a.score) / 400.0)) END
        AS expected_win_rate_a,
    a.variant AS variant_a, a.model_name AS model_name_a, a.rank AS rank_a,
    a.rank_best AS rank_best_a, a.rank_worst AS rank_worst_a, a.score AS score_a,
    a.ci_lower AS ci_lower_a, a.ci_upper AS ci_upper_a, a.votes AS votes_a,
    a.preliminary AS preliminary_a,
    b.variant AS variant_b, b.model_name AS model_name_b, b.rank AS rank_b,
    b.rank_best AS rank_best_b, b.rank_worst AS rank_worst_b, b.score AS score_b,
    b.ci_lower AS ci_lower_b, b.ci_upper AS ci_upper_b, b.votes AS votes_b,
    b.preliminary AS preliminary_b
FROM line AS a
JOIN line AS b ON b.snapshot_id = a.snapshot_id AND a.model_order < b.model_order
ORDER BY a.model_order, b.model_order, a.board_id, a.published_at
"""

_SIDE_FIELDS = [
    f for f in BoardStanding.__struct_fields__ if f not in {"board_id", "published_at", "unit", "model_id"}
]
"""A standing's fields a pair carries once per side (``score_a``, ``score_b``...)."""
_VERDICT_FIELDS = PairVerdict.__struct_fields__


class _Pair(msgspec.Struct, frozen=True, kw_only=True):
    """A row of ``_PAIRS``: the verdict and both sides' lines (suffixed ``_a``/``_b``)."""

    board_id: str
    published_at: date
    unit: str
    current: bool
    model_a: str
    model_b: str
    verdict: str
    expected_win_rate_a: float | None
    variant_a: str | None
    model_name_a: str
    rank_a: int | None
    rank_best_a: int | None
    rank_worst_a: int | None
    score_a: float
    ci_lower_a: float | None
    ci_upper_a: float | None
    votes_a: int | None
    preliminary_a: bool
    variant_b: str | None
    model_name_b: str
    rank_b: int | None
    rank_best_b: int | None
    rank_worst_b: int | None
    score_b: float
    ci_lower_b: float | None
    ci_upper_b: float | None
    votes_b: int | None
    preliminary_b: bool

    def as_verdict(self) -> PairVerdict:
        return PairVerdict(**{f: getattr(self, f) for f in _VERDICT_FIELDS})

    def standing(self, side: str) -> BoardStanding:
        """The line of side ``a`` or ``b``."""
        values = {f: getattr(self, f"{f}_{side}") for f in _SIDE_FIELDS}
        return BoardStanding(
            board_id=self.board_id,
            published_at=self.published_at,
            unit=self.unit,
            model_id=self.model_a if side == "a" else self.model_b,
            **values,
        )


def _summaries(models: list[str], verdicts: list[PairVerdict]) -> list[PairSummary]:
    counts = Counter((v.model_a, v.model_b, v.verdict) for v in verdicts)
    pairs = [(a, b) for i, a in enumerate(models) for b in models[i + 1 :]]
    return [
        PairSummary(
            model_a=a,
            model_b=b,
            ahead=counts[(a, b, "ahead")],
            statistically_tied=counts[(a, b, "statistically_tied")],
            behind=counts[(a, b, "behind")],
            boards=sum(counts[(a, b, v)] for v in ("ahead", "statistically_tied", "behind")),
        )
        for a, b in pairs
    ]


def compare_models(
    cursor: duckdb.DuckDBPyConnection,
    model_names: ModelNames,
    names: list[str],
    as_of: date | None,
    *,
    history: bool,
) -> Comparison:
    """Standings, pairwise verdicts and a per-pair summary as of a day (latest when ``None``)."""
    models = list(dict.fromkeys(model_names.resolve(name)[0] for name in names))
    params = {"models": models, "as_of": as_of, "history": history}
    pairs = fetch_all(cursor, _PAIRS, params, _Pair)
    current = [p for p in pairs if p.current]
    standings = {
        (p.board_id, model_id): p.standing(side)
        for p in current
        for side, model_id in (("a", p.model_a), ("b", p.model_b))
    }
    verdicts = [p.as_verdict() for p in current]
    return Comparison(
        models=models,
        as_of=as_of,
        verdicts=verdicts,
        summary=_summaries(models, verdicts),
        history=[p.as_verdict() for p in pairs] if history else None,
        items=sorted(standings.values(), key=lambda s: (s.board_id, models.index(s.model_id))),
    )
