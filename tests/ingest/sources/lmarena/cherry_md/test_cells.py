"""Cell grammar of the Cherry Studio pages, one spelling per era (values copied from real pages)."""

from __future__ import annotations

import pytest

from ingest.sources.lmarena.cherry_md._cells import (
    AgentMetric,
    Score,
    is_missing,
    parse_agent_metric,
    parse_ci,
    parse_count,
    parse_price,
    parse_rank_spread,
    parse_score,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1374", Score(1374.0, None, None, preliminary=False)),
        ("1483Preliminary", Score(1483.0, None, None, preliminary=True)),
        ("1507±9", Score(1507.0, 9.0, 9.0, preliminary=False)),
        ("1451±7Preliminary", Score(1451.0, 7.0, 7.0, preliminary=True)),
        ("1507 (±5)", Score(1507.0, 5.0, 5.0, preliminary=False)),
        ("1490 (±8) Preliminary", Score(1490.0, 8.0, 8.0, preliminary=True)),
        ("1692 (++10/-10)", Score(1692.0, 10.0, 10.0, preliminary=False)),
        ("1671 (++14/-14) Preliminary", Score(1671.0, 14.0, 14.0, preliminary=True)),
    ],
)
def test_every_score_spelling(text: str, expected: Score) -> None:
    assert parse_score(text) == expected


@pytest.mark.parametrize("text", ["", "Google", "1374 +4/-5", "±9", "1,374"])
def test_a_score_cell_that_is_no_score_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="expected a score"):
        parse_score(text)


def test_intervals_and_counts() -> None:
    assert parse_ci("+4/-5") == (4.0, 5.0)
    assert parse_ci("±11") == (11.0, 11.0)
    assert parse_count("20,227") == 20227
    assert parse_count("4500") == 4500
    assert parse_count("112,201") == 112201
    with pytest.raises(ValueError, match="whole number"):
        parse_count("DeepSeek")
    with pytest.raises(ValueError, match="whole number"):
        parse_count("20,22")


def test_no_data_markers() -> None:
    assert all(is_missing(text) for text in ("暂无数据", "nan", "N/A", " "))
    assert not is_missing("2023/10")


@pytest.mark.parametrize(
    ("text", "rank", "expected"),
    [
        ("1◄─►4", 1, (1, 4)),
        ("283◄─►288", 286, (283, 288)),
        ("1-16", 4, (1, 16)),
        # Glued digits (2026-02-10 on), real cells: only one split holds the row's rank ...
        ("12", 1, (1, 2)),
        ("412", 6, (4, 12)),
        ("5787", 72, (57, 87)),
        ("293298", 296, (293, 298)),
        ("367372", 369, (367, 372)),
        # ... or the narrowest one that does (1..132 and 11..32 both hold rank 16).
        ("1132", 16, (11, 32)),
        ("1236", 24, (12, 36)),
        ("413", 6, (4, 13)),
    ],
)
def test_rank_spreads_of_every_era(text: str, rank: int, expected: tuple[int, int]) -> None:
    assert parse_rank_spread(text, rank) == expected


def test_a_glued_spread_that_cannot_hold_the_rank_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be split around rank 1"):
        parse_rank_spread("5787", 1)
    with pytest.raises(ValueError, match="runs backwards"):
        parse_rank_spread("8◄─►3", 5)


def test_agent_metrics_and_prices() -> None:
    assert parse_agent_metric("11.99%±1.37%") == AgentMetric(11.99, 1.37)
    assert parse_agent_metric("0.05%±0.88%") == AgentMetric(0.05, 0.88)
    assert parse_price("$2.50/$15") == (2.5, 15.0)
    with pytest.raises(ValueError, match="percentage"):
        parse_agent_metric("11.99%")
