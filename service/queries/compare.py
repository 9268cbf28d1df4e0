"""Models side by side on every board where at least two of them appear (see docs/movement.md).

Variants roll up to their model: on each board a model is represented by its best line, the one
with the lowest ``rank_best``, then the best score (then the source's order), and the line chosen
is shown (``variant``, ``model_name``). Model ids are matched exactly after resolving each
requested name the way ``/v1/models/{model_id}`` does.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import duckdb

from service.queries._rows import fetch_all
from service.queries.models import resolve_model_id
from service.schemas_analytics import BoardStanding, Comparison, PairSummary, PairVerdict

__all__ = ("compare_models",)

# Each board as of the day: its latest served snapshot published on or before it.
_AS_OF = """
snapshots AS (
    SELECT board_id, max_by(snapshot_id, published_at) AS snapshot_id, max(published_at) AS published_at
    FROM served_snapshot
    WHERE $as_of IS NULL OR published_at <= $as_of
    GROUP BY board_id
)
"""

# Every served snapshot up to the day (for the verdict over time).
_HISTORY = """
snapshots AS (
    SELECT board_id, snapshot_id, published_at
    FROM served_snapshot
    WHERE $as_of IS NULL OR published_at <= $as_of
)
"""

# The compared models' best lines per snapshot, kept where at least two of them appear.
# `floor`/`ceiling` bound a line in "higher is better" space; a line without an interval is a
# point (its score), as in rank_best/rank_worst.
_LINES = """
line AS (
    SELECT
        s.board_id, s.snapshot_id, s.published_at, b.unit, e.model_id, e.variant, e.model_name,
        e.rank, e.rank_best, e.rank_worst, e.score, e.ci_lower, e.ci_upper, e.votes, e.preliminary,
        CASE WHEN b.higher_is_better
            THEN coalesce(e.ci_lower, e.score) ELSE -coalesce(e.ci_upper, e.score) END AS floor,
        CASE WHEN b.higher_is_better
            THEN coalesce(e.ci_upper, e.score) ELSE -coalesce(e.ci_lower, e.score) END AS ceiling,
        list_position($models::VARCHAR[], e.model_id) AS model_order
    FROM snapshots AS s
    JOIN board AS b ON b.board_id = s.board_id
    JOIN entry AS e ON e.snapshot_id = s.snapshot_id
    WHERE list_contains($models::VARCHAR[], e.model_id) AND e.score IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY s.snapshot_id, e.model_id
        ORDER BY e.rank_best, CASE WHEN b.higher_is_better THEN -e.score ELSE e.score END, e.position
    ) = 1
),
shared AS (
    SELECT * FROM line QUALIFY count(*) OVER (PARTITION BY snapshot_id) >= 2
)
"""

# A ahead of B: A's floor above B's ceiling (its lower bound above B's upper bound; exact scores
# where neither has an interval); behind: the reverse; else statistically tied.
_VERDICT = """
verdict AS (
    SELECT
        a.snapshot_id, a.board_id, a.published_at, a.model_id AS model_a, b.model_id AS model_b,
        a.model_order AS order_a, b.model_order AS order_b,
        CASE
            WHEN a.floor > b.ceiling THEN 'ahead'
            WHEN b.floor > a.ceiling THEN 'behind'
            ELSE 'statistically_tied'
        END AS verdict,
        a.score AS score_a, b.score AS score_b,
        a.ci_lower AS ci_lower_a, a.ci_upper AS ci_upper_a,
        b.ci_lower AS ci_lower_b, b.ci_upper AS ci_upper_b,
        -- Bradley-Terry on the Elo scale: the chance A is preferred to B in one battle
        CASE WHEN a.unit = 'elo' THEN 1.0 / (1.0 + pow(10.0, (b.score - a.score) / 400.0)) END
            AS expected_win_rate_a
    FROM shared AS a
    JOIN shared AS b ON b.snapshot_id = a.snapshot_id AND a.model_order < b.model_order
)
"""

# Standings with, on each model's line, its verdicts against the models listed after it.
_STANDINGS = f"""
WITH {_AS_OF}, {_LINES}, {_VERDICT}
SELECT
    s.board_id, s.published_at, s.unit, s.model_id, s.variant, s.model_name, s.rank, s.rank_best,
    s.rank_worst, s.score, s.ci_lower, s.ci_upper, s.votes, s.preliminary,
    coalesce(
        (SELECT list(v ORDER BY v.order_b) FROM verdict AS v
         WHERE v.snapshot_id = s.snapshot_id AND v.model_a = s.model_id),
        []
    ) AS verdicts
FROM shared AS s
ORDER BY s.model_order, s.board_id
"""

_VERDICT_HISTORY = f"""
WITH {_HISTORY}, {_LINES}, {_VERDICT}
SELECT * EXCLUDE (snapshot_id, order_a, order_b)
FROM verdict
ORDER BY order_a, order_b, board_id, published_at
"""


class _StandingRow(BoardStanding, frozen=True, kw_only=True):
    verdicts: list[PairVerdict]


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
    cursor: duckdb.DuckDBPyConnection, names: list[str], as_of: date | None, *, history: bool
) -> Comparison:
    """Standings, pairwise verdicts and a per-pair summary as of a day (latest when ``None``)."""
    models = list(dict.fromkeys(resolve_model_id(cursor, name) for name in names))
    params = {"models": models, "as_of": as_of}
    rows = fetch_all(cursor, _STANDINGS, params, _StandingRow)
    verdicts = sorted(
        (v for row in rows for v in row.verdicts),
        key=lambda v: (models.index(v.model_a), models.index(v.model_b), v.board_id),
    )
    return Comparison(
        models=models,
        as_of=as_of,
        verdicts=verdicts,
        summary=_summaries(models, verdicts),
        history=fetch_all(cursor, _VERDICT_HISTORY, params, PairVerdict) if history else None,
        items=sorted(
            (BoardStanding(**{f: getattr(r, f) for f in BoardStanding.__struct_fields__}) for r in rows),
            key=lambda s: (s.board_id, models.index(s.model_id)),
        ),
    )
