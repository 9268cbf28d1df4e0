"""The in-memory served index answers exactly what the warehouse holds, for every model and board."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import msgspec
import pytest

from ingest.errors import AmbiguousError, NotFoundError
from ingest.warehouse import current_generation_path, exports_dir
from service.queries.served import ServedIndex
from service.schemas import HistoryPoint, LeaderboardEntry

# The reference: the served entries read straight from the warehouse, ordered as the API promises,
# with votes and ranks a served line lacks taken from the corroborating snapshot (migration 012).
_COMPLETED = """
    coalesce(e.rank, c.rank) AS rank, e.rank_best, e.rank_worst, e.score, e.ci_lower, e.ci_upper,
    coalesce(e.votes, c.votes) AS votes, e.preliminary,
    CASE WHEN e.votes IS NOT NULL THEN e.snapshot_id ELSE c.votes_snapshot_id END AS votes_snapshot_id,
    CASE WHEN e.rank IS NOT NULL THEN e.snapshot_id ELSE c.rank_snapshot_id END AS rank_snapshot_id
"""
_EVERY_POINT = f"""
SELECT e.model_id, s.board_id, s.published_at, e.model_name, e.variant, s.last_seen_on, s.snapshot_id,
       {_COMPLETED}
FROM entry AS e JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position
ORDER BY e.model_id, s.board_id, s.published_at, e.position
"""
_EVERY_ENTRY = f"""
SELECT e.snapshot_id, e.position, e.model_id, e.model_name, e.organization, e.license, e.extra, {_COMPLETED}
FROM entry AS e
LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position
WHERE e.snapshot_id IN (SELECT snapshot_id FROM served_snapshot)
ORDER BY e.snapshot_id, e.position
"""


@pytest.fixture(scope="module")
def generation(seeded_data_dir: Path) -> Path:
    path = current_generation_path(seeded_data_dir)
    assert path is not None
    return path


@pytest.fixture(scope="module")
def warehouse(generation: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(generation), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def index(warehouse: duckdb.DuckDBPyConnection, generation: Path) -> ServedIndex:
    return ServedIndex.load("gen-test", warehouse.cursor(), exports_dir(generation))


def _rows(warehouse: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, object]]:
    result = warehouse.execute(sql)
    columns = [d[0] for d in result.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def test_every_models_history_equals_the_warehouse(
    index: ServedIndex, warehouse: duckdb.DuckDBPyConnection
) -> None:
    expected: dict[str, list[HistoryPoint]] = defaultdict(list)
    for row in _rows(warehouse, _EVERY_POINT):
        expected[str(row.pop("model_id"))].append(msgspec.convert(row, HistoryPoint))

    for model_id, points in expected.items():
        assert index.history(model_id, board=None, variant=None, date_from=None, date_to=None) == (
            model_id,
            None,
            points,
        ), model_id
    assert len(expected) > 3000


def test_every_leaderboard_as_of_every_served_day_equals_the_warehouse(
    index: ServedIndex, warehouse: duckdb.DuckDBPyConnection
) -> None:
    entries: dict[int, list[LeaderboardEntry]] = defaultdict(list)
    for row in _rows(warehouse, _EVERY_ENTRY):
        snapshot_id = int(str(row.pop("snapshot_id")))
        row["extra"] = msgspec.json.decode(str(row["extra"])) if row["extra"] is not None else None
        entries[snapshot_id].append(msgspec.convert(row, LeaderboardEntry))
    served = warehouse.execute("SELECT board_id, published_at, snapshot_id FROM served_snapshot").fetchall()

    for board_id, published_at, snapshot_id in served:
        board = index.leaderboard(board_id, published_at)
        assert board.snapshot.snapshot_id == snapshot_id
        assert board.items == entries[snapshot_id], (board_id, published_at)
    assert len(served) > 800


def test_as_of_is_the_latest_snapshot_published_on_or_before_the_day(index: ServedIndex) -> None:
    board = "lmarena.text.overall.style_control"
    on_launch = index.leaderboard(board, date(2025, 11, 19))
    day_before = index.leaderboard(board, date(2025, 11, 19) - timedelta(days=1))
    latest = index.leaderboard(board, None)

    assert on_launch.snapshot.published_at == date(2025, 11, 19)
    assert on_launch.items[0].model_name == "gemini-3-pro"
    assert day_before.snapshot.published_at == date(2025, 11, 18)
    assert latest.snapshot.published_at >= date(2026, 1, 1)
    with pytest.raises(NotFoundError, match="on or before 2000-01-01"):
        index.leaderboard(board, date(2000, 1, 1))
    with pytest.raises(NotFoundError, match=r"no\.such\.board"):
        index.leaderboard("no.such.board", None)


def test_a_spelling_keeps_the_entries_so_spelt(index: ServedIndex) -> None:
    model_id, spelling, points = index.history(
        "GPT-4o-2024-05-13", board="lmarena.text.overall.raw", variant=None, date_from=None, date_to=None
    )
    june = next(p for p in points if p.published_at == date(2024, 6, 19))

    assert (model_id, spelling) == ("gpt-4o", "gpt-4o-2024-05-13")
    assert len(points) == 147
    assert {p.model_name.lower() for p in points} == {"gpt-4o-2024-05-13"}
    assert (june.rank, june.score, june.ci_lower, june.ci_upper, june.votes) == (1, 1287, 1284, 1290, 42046)


def test_variant_and_dates_narrow_the_series(index: ServedIndex) -> None:
    _, _, every = index.history("gpt-4o", board=None, variant=None, date_from=None, date_to=None)
    _, _, dated = index.history(
        "gpt-4o", board=None, variant="2024-05-13", date_from=date(2024, 6, 1), date_to=date(2024, 6, 30)
    )
    _, _, unlabelled = index.history("gpt-4o", board=None, variant="-", date_from=None, date_to=None)

    assert dated == [
        p
        for p in every
        if p.variant == "2024-05-13" and date(2024, 6, 1) <= p.published_at <= date(2024, 6, 30)
    ]
    assert dated
    assert unlabelled == [p for p in every if p.variant is None]


def test_names_resolve_by_id_spelling_and_normalised_spelling(index: ServedIndex) -> None:
    assert index.names.resolve("gemini-3-pro") == ("gemini-3-pro", None)
    assert index.names.resolve("GPT-4o-2024-05-13") == ("gpt-4o", "gpt-4o-2024-05-13")
    with pytest.raises(NotFoundError):
        index.names.resolve("no-such-model-anywhere")


def test_a_spelling_two_source_scoped_models_share_is_ambiguous(index: ServedIndex) -> None:
    # "Nova Pro" is Aider's and Artificial Analysis's name, neither resolved to a registry model
    with pytest.raises(AmbiguousError) as raised:
        index.names.resolve("Nova Pro")

    assert raised.value.candidates == ["aider:nova-pro", "artificial-analysis:nova-pro"]
