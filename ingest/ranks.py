"""Rank intervals within one snapshot of one board (LMArena's method, as follows).

``rank_best(i)  = 1 + #{j : lower_j > upper_i}``      (LMArena's "Rank (UB)")
``rank_worst(i) = 1 + #{j != i : upper_j > lower_i}`` (LMArena's rank spread, Nov 2025 on)

A model can only be beaten for sure by one whose whole interval lies above its own, so the
best rank it can claim counts those; the worst rank counts every model that could be above it.
Boards without intervals have exact ranks: ties share a rank (``1 + #{j : score_j > score_i}``).
Entries without a score get no rank interval.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ingest.records import Entry

__all__ = ("rank_intervals",)


def rank_intervals(
    entries: Sequence[Entry], *, higher_is_better: bool = True
) -> list[tuple[int, int] | None]:
    """``(rank_best, rank_worst)`` per entry, in the entries' order; ``None`` where unscored."""
    sign = 1.0 if higher_is_better else -1.0
    # Work in "higher is better" space; an entry without an interval is a point interval.
    bounds: list[tuple[float, float] | None] = []
    for entry in entries:
        if entry.score is None:
            bounds.append(None)
            continue
        lower = sign * (entry.ci_lower if entry.ci_lower is not None else entry.score)
        upper = sign * (entry.ci_upper if entry.ci_upper is not None else entry.score)
        bounds.append((upper, lower) if upper < lower else (lower, upper))  # sorted(), unrolled
    lowers = sorted(b[0] for b in bounds if b is not None)
    uppers = sorted(b[1] for b in bounds if b is not None)
    scored = len(lowers)
    result: list[tuple[int, int] | None] = []
    for bound in bounds:
        if bound is None:
            result.append(None)
            continue
        low, high = bound
        # models whose lower end is strictly above my upper end: certainly ahead of me
        certainly_ahead = scored - bisect_right(lowers, high)
        # models whose upper end is strictly above my lower end: possibly ahead (minus myself,
        # whose own upper end is above its lower end unless the interval is a point)
        possibly_ahead = scored - bisect_right(uppers, low) - (1 if high > low else 0)
        result.append((1 + certainly_ahead, 1 + possibly_ahead))
    return result
