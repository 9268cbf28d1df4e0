"""Rank intervals on small, hand-checkable lists (real snapshots: tests/ingest/test_ranks.py)."""

from __future__ import annotations

from ingest.ranks import rank_intervals
from ingest.records import Entry


def _entry(name: str, score: float | None, lower: float | None = None, upper: float | None = None) -> Entry:
    return Entry(model_name=name, score=score, ci_lower=lower, ci_upper=upper)


def test_overlapping_intervals_share_best_ranks() -> None:
    entries = [
        _entry("a", 1287, 1284, 1290),
        _entry("b", 1267, 1263, 1270),  # overlaps c, not a
        _entry("c", 1265, 1262, 1269),
        _entry("d", 1200, 1190, 1264),  # overlaps b and c from below
    ]

    assert rank_intervals(entries) == [(1, 1), (2, 4), (2, 4), (2, 4)]


def test_point_scores_have_exact_ranks_and_ties_share() -> None:
    entries = [_entry("x", 70.0), _entry("y", 70.0), _entry("z", 50.0)]

    assert rank_intervals(entries) == [(1, 1), (1, 1), (3, 3)]


def test_lower_is_better_boards_rank_the_smallest_first() -> None:
    entries = [_entry("slow", 9.0), _entry("fast", 1.0)]

    assert rank_intervals(entries, higher_is_better=False) == [(2, 2), (1, 1)]


def test_unscored_entries_get_no_interval() -> None:
    assert rank_intervals([_entry("agent", None), _entry("x", 1.0)]) == [None, (1, 1)]
