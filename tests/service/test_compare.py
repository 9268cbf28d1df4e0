"""``/v1/compare``: models side by side, with verdicts from the intervals."""

from __future__ import annotations

import csv
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

STYLE = "lmarena.text.overall.style_control"


def _compare(client: TestClient[Litestar], **params: str) -> dict[str, Any]:
    response = client.get("/v1/compare", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_gemini_3_pro_ahead_of_gpt_5_1_on_the_default_text_view(client: TestClient[Litestar]) -> None:
    body = _compare(client, models="gemini-3-pro,gpt-5.1", as_of="2025-12-01")

    verdict = next(v for v in body["verdicts"] if v["board_id"] == STYLE)
    standings = {s["model_id"]: s for s in body["items"] if s["board_id"] == STYLE}
    # As of 2025-12-01 the board is the page of 2025-11-27. LMArena lists GPT-5.1 twice,
    # "gpt-5.1-high" (1461, rank 5) and "gpt-5.1" (1437, rank 15); the registry makes both
    # variants of gpt-5.1 and the roll-up picks the better one.
    assert (verdict["published_at"], body["models"]) == ("2025-11-27", ["gemini-3-pro", "gpt-5.1"])
    chosen = standings["gpt-5.1"]
    assert (chosen["model_name"], chosen["variant"], chosen["rank_best"]) == ("gpt-5.1-high", "high", 3)
    assert (verdict["verdict"], verdict["score_a"], verdict["score_b"]) == ("ahead", 1492.0, 1461.0)
    # the evidence: Gemini's lower bound 1484 is above GPT-5.1-high's upper bound 1469
    assert (verdict["ci_lower_a"], verdict["ci_upper_b"]) == (1484.0, 1469.0)
    assert verdict["expected_win_rate_a"] == pytest.approx(1 / (1 + 10 ** ((1461 - 1492) / 400)))
    assert round(verdict["expected_win_rate_a"], 3) == 0.544


def test_summary_counts_the_verdicts_of_every_shared_board(client: TestClient[Litestar]) -> None:
    body = _compare(client, models="gemini-3-pro,gpt-5.1", as_of="2025-12-01")

    summary = body["summary"][0]
    counted = {v: sum(1 for x in body["verdicts"] if x["verdict"] == v) for v in ("ahead", "behind")}
    assert (summary["model_a"], summary["model_b"]) == ("gemini-3-pro", "gpt-5.1")
    assert (summary["ahead"], summary["behind"]) == (counted["ahead"], counted["behind"])
    assert summary["boards"] == len({v["board_id"] for v in body["verdicts"]}) == len(body["verdicts"])
    # boards without intervals compare exact scores and give no win rate
    livebench = [v for v in body["verdicts"] if v["board_id"].startswith("livebench.")]
    assert all(v["ci_lower_a"] is None and v["expected_win_rate_a"] is None for v in livebench)


def test_history_gives_the_verdict_on_every_shared_snapshot(client: TestClient[Litestar]) -> None:
    body = _compare(client, models="gemini-3-pro,gpt-5.1", as_of="2025-12-01", history="true")

    on_style = [(v["published_at"], v["verdict"]) for v in body["history"] if v["board_id"] == STYLE]
    assert on_style == [
        ("2025-11-20", "ahead"),
        ("2025-11-21", "ahead"),
        ("2025-11-23", "ahead"),
        ("2025-11-27", "ahead"),
    ]


def test_variants_roll_up_to_the_best_line_on_each_board(client: TestClient[Litestar]) -> None:
    body = _compare(client, models="gemini-3-pro,gpt-5.1", as_of="2025-12-01")

    for board_id in {s["board_id"] for s in body["items"]}:
        board = client.get(f"/v1/boards/{board_id}/leaderboard", params={"as_of": "2025-12-01"}).json()
        for standing in (s for s in body["items"] if s["board_id"] == board_id):
            lines = [i for i in board["items"] if i["model_id"] == standing["model_id"]]
            best = min(lines, key=lambda i: (i["rank_best"], -i["score"], i["position"]))
            assert (standing["model_name"], standing["score"]) == (best["model_name"], best["score"])


def test_three_models_make_three_pairs(client: TestClient[Litestar]) -> None:
    body = _compare(client, models="gemini-3-pro,gpt-5.1,grok-4.1-thinking", as_of="2025-12-01")

    first, second, third = body["models"]
    assert [(s["model_a"], s["model_b"]) for s in body["summary"]] == [
        (first, second),
        (first, third),
        (second, third),
    ]
    grok = next(v for v in body["verdicts"] if (v["model_b"], v["board_id"]) == (third, STYLE))
    # 1492 [1484, 1500] against 1482 [1474, 1490]: the intervals overlap
    assert (grok["model_a"], grok["verdict"], grok["score_b"]) == (first, "statistically_tied", 1482.0)


def test_compare_as_csv(client: TestClient[Litestar]) -> None:
    response = client.get(
        "/v1/compare", params={"models": "gemini-3-pro,gpt-5.1", "as_of": "2025-12-01", "format": "csv"}
    )

    rows = list(csv.DictReader(response.text.splitlines()))
    assert response.text.startswith("board_id,published_at,unit,model_id,variant,model_name,rank,")
    assert [(r["model_name"], r["variant"], r["score"]) for r in rows if r["board_id"] == STYLE] == [
        ("gemini-3-pro", "", "1492.0"),
        ("gpt-5.1-high", "high", "1461.0"),
    ]


def test_unknown_model_is_404_naming_it_and_one_model_is_400(client: TestClient[Litestar]) -> None:
    unknown = client.get("/v1/compare", params={"models": "gemini-3-pro,gpt-9-ultra"})
    single = client.get("/v1/compare", params={"models": "gemini-3-pro"})

    assert (unknown.status_code, unknown.json()["key"]) == (404, "gpt-9-ultra")
    assert (single.status_code, single.json()["errors"][0]["key"]) == (400, "models")


def test_a_spelling_two_sources_use_for_different_models_is_409_listing_them(
    client: TestClient[Litestar],
) -> None:
    # "Nova Pro" is Aider's and Artificial Analysis's name, neither resolved to a registry model
    response = client.get("/v1/compare", params={"models": "gemini-3-pro,Nova Pro"})

    body = response.json()
    assert response.status_code == 409
    assert body["key"] == "Nova Pro"
    assert body["candidates"] == ["aider:nova-pro", "artificial-analysis:nova-pro"]


def test_source_spellings_resolve_to_their_models_in_one_comparison(client: TestClient[Litestar]) -> None:
    response = client.get(
        "/v1/compare", params={"models": "Gemini-3-Pro,gpt-5.1-high,gemini-3-pro", "as_of": "2025-12-01"}
    )

    assert response.status_code == 200
    assert response.json()["models"] == ["gemini-3-pro", "gpt-5.1"]
