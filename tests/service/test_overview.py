"""``board_tops``: every board's newest snapshot and its leader(s), in one query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ingest.warehouse import current_generation_path
from service.queries.leaders import board_leaders
from service.queries.overview import board_tops


@pytest.fixture
def db(seeded_data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as connection:
        yield connection


def test_every_board_with_its_newest_date_and_leaders(db: duckdb.DuckDBPyConnection) -> None:
    tops = {top.board_id: top for top in board_tops(db)}
    assert len(tops) == 213
    polyglot = tops["aider.polyglot.overall.default"]
    assert (polyglot.first_published_at.isoformat(), polyglot.published_at.isoformat()) == (
        "2024-12-21",
        "2025-10-04",
    )
    assert (polyglot.leader_ids, polyglot.leader_names, polyglot.ranked_count) == (
        ["gpt-5"],
        ["gpt-5 (high)"],
        69,
    )
    assert tops["aider.edit.overall.default"].leader_ids == ["claude-3-5-sonnet", "o1"]  # tied at rank 1


@pytest.mark.parametrize(
    "board_id",
    [
        "lmarena.text.overall.raw",  # legacy CSVs whose published rank is the upper-bound rank
        "lmarena.text.overall.style_control",
        "lmarena.vision.overall.style_control",
        "livebench.llm.global.release_2026_01_08",
        "swebench.verified.overall.default",
        "artificial-analysis.llm.intelligence_index.default",
        "open-llm-leaderboard.v2.average.default",
    ],
)
def test_the_leaders_are_those_of_the_current_reign(db: duckdb.DuckDBPyConnection, board_id: str) -> None:
    top = next(t for t in board_tops(db) if t.board_id == board_id)
    reigns = board_leaders(db, board_id).items
    assert top.leader_ids == reigns[-1].model_ids
    assert top.last_seen_on == reigns[-1].last_seen_on
