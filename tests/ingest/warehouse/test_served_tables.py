"""The tables materialised for the analytics (migration 011): served_snapshot facts, served_line."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.warehouse import current_generation_path

RAW = "lmarena.text.overall.raw"


@pytest.fixture(scope="module")
def generation(seeded_data_dir: Path) -> duckdb.DuckDBPyConnection:
    path = current_generation_path(seeded_data_dir)
    assert path is not None
    return duckdb.connect(str(path), read_only=True)


def test_served_snapshots_carry_their_field_size_and_whether_they_have_intervals(
    generation: duckdb.DuckDBPyConnection,
) -> None:
    row = generation.execute(
        "SELECT published_at::VARCHAR, ranked_count, has_intervals, truncated FROM served_snapshot"
        " WHERE board_id = ? AND published_at <= DATE '2025-12-15' ORDER BY published_at DESC LIMIT 1",
        [RAW],
    ).fetchone()
    scored = generation.execute(
        "SELECT count(*) FROM entry WHERE score IS NOT NULL AND snapshot_id = ("
        " SELECT max_by(snapshot_id, published_at) FROM served_snapshot"
        " WHERE board_id = ? AND published_at <= DATE '2025-12-15')",
        [RAW],
    ).fetchone()

    assert row == ("2025-12-11", 282, True, False)
    assert scored == (282,)


def test_a_top_n_page_is_a_truncated_snapshot_with_its_short_field(
    generation: duckdb.DuckDBPyConnection,
) -> None:
    rows = generation.execute(
        "SELECT board_id, ranked_count FROM served_snapshot"
        " WHERE truncated AND published_at = DATE '2026-03-18' ORDER BY board_id"
    ).fetchall()

    assert ("lmarena.text.overall.style_control", 30) in rows


def test_served_lines_roll_variants_up_to_the_best_line_of_the_model(
    generation: duckdb.DuckDBPyConnection,
) -> None:
    # Both Grok 4.1 lines have rank_best 3 on 2025-12-11: the better score stands for the model.
    rows = generation.execute(
        "SELECT model_name, variant, rank_best, round(score, 2), best_of_variant, best_of_model"
        " FROM served_line WHERE board_id = ? AND published_at = DATE '2025-12-11'"
        " AND model_id = 'grok-4.1' ORDER BY position",
        [RAW],
    ).fetchall()

    assert rows == [
        ("grok-4.1-thinking", "thinking", 3, 1451.21, True, True),
        ("grok-4.1", None, 3, 1443.44, True, False),
    ]


def test_served_line_bounds_are_the_interval_or_the_score_itself(
    generation: duckdb.DuckDBPyConnection,
) -> None:
    with_interval = generation.execute(
        "SELECT floor = ci_lower AND ceiling = ci_upper, has_interval FROM served_line"
        " WHERE board_id = ? AND published_at = DATE '2025-12-11' AND model_name = 'grok-4.1-thinking'",
        [RAW],
    ).fetchone()
    livebench = generation.execute(
        "SELECT count(*), count(*) FILTER (WHERE floor = score AND ceiling = score AND NOT has_interval)"
        " FROM served_line WHERE board_id LIKE 'livebench.llm.global.%'"
    ).fetchone()

    assert with_interval == (True, True)
    assert livebench is not None
    assert livebench[0] > 0
    assert livebench[0] == livebench[1]


def test_served_line_holds_every_scored_entry_of_every_served_snapshot(
    generation: duckdb.DuckDBPyConnection,
) -> None:
    expected = generation.execute(
        "SELECT count(*) FROM entry AS e JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id"
        " WHERE e.score IS NOT NULL"
    ).fetchone()
    actual = generation.execute("SELECT count(*), count(DISTINCT snapshot_id) FROM served_line").fetchone()
    served = generation.execute("SELECT count(*) FROM served_snapshot WHERE ranked_count > 0").fetchone()

    assert expected is not None
    assert actual is not None
    assert served is not None
    assert actual[0] == expected[0]
    assert actual[1] == served[0]


def test_completion_never_replaces_a_value_the_served_snapshot_has(
    generation: duckdb.DuckDBPyConnection,
) -> None:
    replaced = generation.execute(
        "SELECT count(*) FROM served_line AS l JOIN entry AS e USING (snapshot_id, position)"
        " WHERE (e.votes IS NOT NULL AND (l.votes <> e.votes OR l.votes_snapshot_id <> l.snapshot_id))"
        "    OR (e.rank IS NOT NULL AND (l.rank <> e.rank OR l.rank_snapshot_id <> l.snapshot_id))"
    ).fetchone()
    # Served lines whose corroborating snapshot of the same day has other votes: kept as they are.
    other_votes = generation.execute(
        "SELECT count(*) FROM snapshot_disagreement WHERE served_votes <> other_votes"
    ).fetchone()
    completed = generation.execute(
        "SELECT s.parser, o.parser, count(*) FROM served_completion AS c"
        " JOIN snapshot AS s ON s.snapshot_id = c.snapshot_id"
        " JOIN snapshot AS o ON o.snapshot_id = c.votes_snapshot_id"
        " GROUP BY ALL ORDER BY ALL"
    ).fetchall()

    assert replaced == (0,)
    assert other_votes is not None
    assert other_votes[0] > 700
    # The catalog (no votes, no rank) served on 2025-03-04 (text raw) and 2025-12-11 (style control).
    assert completed == [
        ("lmarena-catalog-json", "lmarena-cherry-md", 191),
        ("lmarena-catalog-json", "lmarena-legacy-csv", 141),
    ]
