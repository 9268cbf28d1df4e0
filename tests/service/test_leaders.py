"""``/v1/leaders``: who held rank 1 and when, on the real LMArena history."""

from __future__ import annotations

import csv
import itertools
import json
from datetime import date, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import SEEDS

RAW = "lmarena.text.overall.raw"
LEGACY_CSV = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys"


def _reigns(client: TestClient[Litestar], board: str) -> list[dict[str, Any]]:
    response = client.get("/v1/leaders", params={"board": board})
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()["items"]
    return body


def _reign_on(reigns: list[dict[str, Any]], day: str) -> dict[str, Any]:
    return next(r for r in reigns if r["first_day"] <= day <= r["last_day"])


def _published_rank_1(version: str) -> set[str]:
    with (LEGACY_CSV / f"lmsys_{version}.csv").open(encoding="utf-8", newline="") as file:
        return {row["model"] for row in csv.DictReader(file) if row["rank"] == "1"}


def test_three_co_leaders_in_march_2025_then_gemini_2_5_pro_alone(client: TestClient[Litestar]) -> None:
    reigns = _reigns(client, RAW)

    shared = _reign_on(reigns, "2025-03-22")
    after = reigns[reigns.index(shared) + 1]

    expected = {"Grok-3-Preview-02-24", "chocolate (Early Grok-3)", "GPT-4.5-Preview"}
    assert _published_rank_1("2025-03-22") == expected  # the CSV's own "Rank (UB)"
    assert (len(shared["model_ids"]), shared["sole"]) == (3, False)
    assert expected <= set(shared["model_names"])
    # The CSV version of 2025-03-07 is the first with the three at rank 1 (the arena-catalog of
    # 2025-03-04 names them its own way: early-grok-3, gpt-4.5-preview-2025-02-27..., which joins
    # this reign once the registry resolves those keys to the same models).
    assert _published_rank_1("2025-03-07") == expected
    assert shared["first_day"] <= "2025-03-07"
    assert shared["last_day"] == "2025-03-25"
    assert _published_rank_1("2025-03-26") == {"Gemini-2.5-Pro-Exp-03-25"}
    assert (len(after["model_ids"]), after["sole"], after["first_day"]) == (1, True, "2025-03-26")
    assert "Gemini-2.5-Pro-Exp-03-25" in after["model_names"]


def test_sole_leader_has_no_interval_reaching_its_rank(client: TestClient[Litestar]) -> None:
    def top(day: str) -> list[dict[str, Any]]:
        items = client.get(f"/v1/boards/{RAW}/leaderboard", params={"as_of": day}).json()["items"]
        return [i for i in items if i["rank"] == 1]

    # 1404 [1398, 1409], 1402 [1397, 1408], 1398 [1392, 1403]: each interval overlaps the others
    assert {(i["rank_best"], i["rank_worst"]) for i in top("2025-03-22")} == {(1, 3)}
    # 1443 [1430, 1451] against Grok-3's upper bound 1409: nobody can be above it
    assert [(i["model_name"], i["rank_best"], i["rank_worst"]) for i in top("2025-03-26")] == [
        ("Gemini-2.5-Pro-Exp-03-25", 1, 1)
    ]


def test_published_upper_bound_rank_wins_over_rounded_intervals(client: TestClient[Litestar]) -> None:
    items = client.get(f"/v1/boards/{RAW}/leaderboard", params={"as_of": "2025-01-07"}).json()["items"]
    gemini_1121 = next(i for i in items if i["model_name"] == "Gemini-Exp-1121")

    # Rounded to whole points its upper bound (1369) only touches Gemini-Exp-1206's lower bound
    # (1369), so our rank_best is 1; LMArena, with the unrounded interval, published rank 2.
    assert (gemini_1121["rank"], gemini_1121["rank_best"], gemini_1121["ci_upper"]) == (2, 1, 1369.0)
    reign = _reign_on(_reigns(client, RAW), "2025-01-07")
    assert (
        set(reign["model_names"])
        == _published_rank_1("2025-01-07")
        == {
            "Gemini-Exp-1206",
            "Gemini-2.0-Flash-Thinking-Exp-1219",
            "ChatGPT-4o-latest (2024-11-20)",
        }
    )


def test_reigns_tile_the_history_without_gaps(client: TestClient[Litestar]) -> None:
    reigns = _reigns(client, RAW)

    assert reigns[0]["first_day"] == "2023-05-08"
    for earlier, later in itertools.pairwise(reigns):
        assert date.fromisoformat(earlier["last_day"]) + timedelta(days=1) == date.fromisoformat(
            later["first_day"]
        )
        assert earlier["model_ids"] != later["model_ids"]
    for reign in reigns:
        span = date.fromisoformat(reign["last_day"]) - date.fromisoformat(reign["first_day"])
        assert reign["days"] == span.days + 1
        assert reign["sole"] == (len(reign["model_ids"]) == 1)
    assert reigns[-1]["last_day"] == reigns[-1]["last_seen_on"]


def test_leaders_as_csv(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/leaders", params={"board": RAW, "format": "csv"})

    rows = list(csv.DictReader(response.text.splitlines()))
    assert response.text.startswith("board_id,reign,model_ids,model_names,sole,first_day,last_day,days,")
    assert rows[0]["board_id"] == RAW
    gemini = next(r for r in rows if r["first_day"] == "2025-03-26")
    assert (gemini["sole"], len(json.loads(gemini["model_ids"]))) == ("true", 1)
    assert "Gemini-2.5-Pro-Exp-03-25" in json.loads(gemini["model_names"])


def test_unknown_board_is_404_and_missing_board_400(client: TestClient[Litestar]) -> None:
    missing = client.get("/v1/leaders", params={"board": "lmarena.text.nowhere.raw"})
    absent = client.get("/v1/leaders")

    assert (missing.status_code, missing.json()["key"]) == (404, "lmarena.text.nowhere.raw")
    assert absent.status_code == 400
    assert "board" in absent.json()["detail"]


def test_leaders_as_of_a_day_end_with_the_reign_current_then(client: TestClient[Litestar]) -> None:
    before = client.get("/v1/leaders", params={"board": RAW, "as_of": "2025-03-24"}).json()
    # the legacy CSV of 2025-04-06 was republished unchanged until 2025-04-08
    during = client.get("/v1/leaders", params={"board": RAW, "as_of": "2025-04-07"}).json()

    co_leaders, sole = before["items"][-1], during["items"][-1]
    assert before["as_of"] == "2025-03-24"
    # the three co-leaders of 2025-03-22, whose data was last seen that day;
    # Gemini-2.5-Pro-Exp-03-25 only arrives on 2025-03-26
    assert "GPT-4.5-Preview" in co_leaders["model_names"]
    assert (co_leaders["sole"], co_leaders["last_day"]) == (False, "2025-03-22")
    assert "Gemini-2.5-Pro-Exp-03-25" in sole["model_names"]
    assert (sole["sole"], sole["first_day"]) == (True, "2025-03-26")
    assert (sole["last_day"], sole["last_seen_on"]) == ("2025-04-07", "2025-04-07")
    assert before["items"][:-1] == _reigns(client, RAW)[: len(before["items"]) - 1]
