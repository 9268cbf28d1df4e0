"""Chart series built from history points: what each line holds and which are drawn first."""

from __future__ import annotations

from datetime import date

from service.schemas import HistoryPoint
from service.web._charts import PALETTE, compare_series, model_series


def _point(
    board_id: str, day: str, rank_best: int | None, *, variant: str | None = None, **extra: object
) -> HistoryPoint:
    values: dict[str, object] = {
        "board_id": board_id,
        "published_at": date.fromisoformat(day),
        "model_name": "m",
        "variant": variant,
        "rank": None,
        "rank_best": rank_best,
        "rank_worst": rank_best,
        "score": 1.0,
        "ci_lower": None,
        "ci_upper": None,
        "votes": None,
        "preliminary": False,
        "last_seen_on": date.fromisoformat(day),
        "snapshot_id": 1,
        "votes_snapshot_id": None,
        "rank_snapshot_id": None,
    }
    values.update(extra)
    return HistoryPoint(**values)  # type: ignore[arg-type]


def test_model_series_draws_each_sources_main_ranking_first() -> None:
    points = [
        _point("lmarena.text.coding.raw", "2025-01-01", 3),
        _point("lmarena.text.coding.raw", "2025-01-02", 2),
        _point("lmarena.text.coding.raw", "2025-01-03", 2),
        _point("lmarena.text.overall.raw", "2025-01-01", 5, preliminary=True, rank_worst=9),
        _point("lmarena.text.overall.raw", "2025-01-02", 4),
        _point("aider.polyglot.overall.default", "2025-01-01", 7, variant="high"),
        _point("aider.polyglot.overall.default", "2025-01-01", 12, variant="low"),
        _point("aider.polyglot.overall.default", "2025-01-02", None, variant="low"),  # unranked: left out
    ]
    series = model_series(points, shown=3)
    assert [s.label for s in series] == [
        "lmarena.text.overall.raw",
        "aider.polyglot.overall.default · high",
        "aider.polyglot.overall.default · low",
        "lmarena.text.coding.raw",
    ]
    assert [s.show for s in series] == [True, True, True, False]
    assert [s.color for s in series] == list(PALETTE[:4])
    overall = series[0]
    assert (overall.days, overall.best, overall.worst, overall.preliminary) == (
        [20089, 20090],
        [5, 4],
        [9, 4],
        [0],
    )
    assert series[2].best == [12]


def test_compare_series_takes_each_models_best_variant_per_day() -> None:
    board = "lmarena.text.overall.raw"
    histories = {
        "a": [
            _point(board, "2025-01-01", 4, variant="low"),
            _point(board, "2025-01-01", 2, variant="high"),
            _point(board, "2025-01-02", 3, variant="high"),
        ],
        "b": [_point(board, "2025-01-02", 1)],
        "c": [],
    }
    series = compare_series(histories, board)
    assert [(s.label, s.best, s.show) for s in series] == [("a", [2, 3], True), ("b", [1], True)]
