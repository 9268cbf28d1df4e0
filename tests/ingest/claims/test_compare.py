"""The rules applied to one snapshot, on small hand-made boards."""

from __future__ import annotations

from datetime import date

from ingest.claims import AheadOfClaim, LeadsClaim, RanksClaim, ScoreClaim
from ingest.claims._board_view import Line, View
from ingest.claims._compare import CONTRADICTED, NOT_COMPARABLE, SUPPORTED, observe

DAY = date(2025, 11, 20)


def _line(model_id: str, rank: int | None, score: float, *, variant: str | None = None) -> Line:
    return Line(
        model_id=model_id,
        model_name=model_id + (f"-{variant}" if variant else ""),
        variant=variant,
        rank=rank,
        rank_best=rank,
        rank_worst=rank,
        score=score,
        ci_lower=score - 5,
        ci_upper=score + 5,
        votes=1000,
        preliminary=False,
        organization=None,
        release_date=None,
        canonical=True,
    )


def _view(*lines: Line, truncated: bool = False, higher_is_better: bool = True) -> View:
    return View("example.board", 1, DAY, DAY, truncated, higher_is_better, lines)


BOARD = _view(
    _line("a", 1, 1500.0),
    _line("b", 2, 1460.0, variant="high"),
    _line("b", 5, 1430.0),
    _line("c", 2, 1459.6),
)


def _ahead(*models: str) -> AheadOfClaim:
    return AheadOfClaim(id="x", summary="A is ahead of B.", refers_to=DAY, scope="major", models=list(models))


def test_ahead_of_uses_each_models_best_variant() -> None:
    seen = observe(_ahead("b", "c"), BOARD)

    assert seen.outcome == SUPPORTED
    assert seen.facts["pairs"][0]["score_difference"] == 1460.0 - 1459.6
    assert seen.facts["pairs"][0]["intervals_separated"] is False


def test_ahead_of_is_contradicted_by_a_better_rival_and_undecided_when_one_is_missing() -> None:
    assert observe(_ahead("c", "a"), BOARD).outcome == CONTRADICTED
    assert observe(_ahead("a", "z"), BOARD).outcome == NOT_COMPARABLE


def test_a_truncated_list_places_a_missing_rival_below_the_top() -> None:
    top_two = _view(_line("a", 1, 1500.0), _line("b", 2, 1460.0), truncated=True)

    assert observe(_ahead("a", "z"), top_two).outcome == SUPPORTED
    assert observe(_ahead("z", "a"), top_two).outcome == CONTRADICTED


def test_leads_checks_rank_then_score_and_margin_within_tolerance() -> None:
    def leads(**values: float) -> LeadsClaim:
        return LeadsClaim(id="x", summary="A is first.", refers_to=DAY, boards=["b"], models=["a"], **values)  # type: ignore[arg-type]

    assert observe(leads(score=1500.4), BOARD).outcome == SUPPORTED
    assert observe(leads(score=1501), BOARD).outcome == CONTRADICTED  # default tolerance: half a point
    seen = observe(leads(margin=40, tolerance=5), BOARD)
    assert (seen.outcome, seen.facts["margin"], seen.facts["runner_up"]["model_id"]) == (SUPPORTED, 40.0, "b")
    assert observe(leads(margin=60, tolerance=5), BOARD).outcome == CONTRADICTED
    not_first = LeadsClaim(id="x", summary="C is first.", refers_to=DAY, boards=["b"], models=["c"])
    assert observe(not_first, BOARD).reason == "c rank 2, 1459.6; #1 is a rank 1, 1500"


def test_ranks_and_score_on_a_lower_is_better_board() -> None:
    errors = _view(_line("a", 1, 2.5), _line("b", 2, 3.0), higher_is_better=False)
    ranks = RanksClaim(id="x", summary="B is second.", refers_to=DAY, boards=["b"], models=["b"], rank=2)
    score = ScoreClaim(
        id="x", summary="A scored 2.5.", refers_to=DAY, boards=["b"], models=["a"], score=2.6, tolerance=0.1
    )

    assert observe(ranks, errors).outcome == SUPPORTED
    assert observe(score, errors).outcome == SUPPORTED
    assert observe(_ahead("a", "b"), errors).outcome == SUPPORTED


def _top(n: int, model: str = "b") -> RanksClaim:
    return RanksClaim(
        id="x", summary="B is in the top N.", refers_to=DAY, boards=["b"], models=[model], rank_at_most=n
    )


def test_top_n_holds_at_rank_n_or_better_ties_included() -> None:
    supported = observe(_top(2), BOARD)  # b's best line (variant high) is rank 2, tied with c
    contradicted = observe(_top(1, "c"), BOARD)

    assert (supported.outcome, supported.facts["claimed_rank_at_most"]) == (SUPPORTED, 2)
    assert "claimed_rank" not in supported.facts
    assert (contradicted.outcome, contradicted.reason) == (CONTRADICTED, "c rank 2, 1459.6, not in the top 1")


def test_top_n_on_a_top_k_list_without_the_model() -> None:
    top_two = _view(_line("a", 1, 1500.0), _line("b", 2, 1460.0), truncated=True)

    below = observe(_top(2, "z"), top_two)
    assert (below.outcome, below.reason) == (
        CONTRADICTED,
        "z is not in the listed top 2, so not in the top 2",
    )
    assert below.facts["listed_top"] == 2
    assert observe(_top(5, "z"), top_two).outcome == NOT_COMPARABLE  # ranks 3-5 are not shown
    assert observe(_top(2, "z"), BOARD).outcome == NOT_COMPARABLE  # a full list without it
