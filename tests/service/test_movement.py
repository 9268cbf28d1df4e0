"""``/v1/boards/{board_id}/movement`` and ``/v1/movers`` on the real LMArena history."""

from __future__ import annotations

import csv
import json
from typing import Any

from litestar import Litestar
from litestar.testing import TestClient

STYLE = "lmarena.text.overall.style_control"
RAW = "lmarena.text.overall.raw"


def _movement(client: TestClient[Litestar], board: str, date_from: str, date_to: str) -> dict[str, Any]:
    response = client.get(f"/v1/boards/{board}/movement", params={"from": date_from, "to": date_to})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _by_name(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["model_name"]: line for line in body["items"]}


def test_gemini_3_pro_week_new_leaders_and_prior_leaders_within_noise(client: TestClient[Litestar]) -> None:
    body = _movement(client, STYLE, "2025-11-14", "2025-11-21")
    lines = _by_name(body)

    # as-of: 2025-11-14 is answered by the page of 2025-11-13
    assert (body["from_snapshot"]["published_at"], body["to_snapshot"]["published_at"]) == (
        "2025-11-13",
        "2025-11-21",
    )
    assert (body["comparable"], body["discontinuities"]) == (True, [])
    gemini, grok = lines["gemini-3-pro"], lines["grok-4.1-thinking"]
    assert (gemini["status"], gemini["rank_to"], gemini["rank_best_to"], gemini["score_to"]) == (
        "new",
        1,
        1,
        1495.0,
    )
    assert (grok["status"], grok["rank_best_to"], grok["significance"]) == ("new", 1, None)
    # The five models sharing rank 1 on 2025-11-13 lost it to the newcomers, but within noise:
    # their new best rank (3 or 4) is not beyond their old worst (4 to 10).
    prior_leaders = {name: line for name, line in lines.items() if line["rank_best_from"] == 1}
    assert set(prior_leaders) == {
        "gemini-2.5-pro",
        "claude-opus-4-1-20250805-thinking-16k",
        "claude-sonnet-4-5-20250929-thinking-32k",
        "claude-sonnet-4-5-20250929",
        "gpt-4.5-preview-2025-02-27",
    }
    assert {line["significance"] for line in prior_leaders.values()} == {"within_noise"}
    gemini_2_5 = lines["gemini-2.5-pro"]
    assert (gemini_2_5["rank_worst_from"], gemini_2_5["rank_best_to"], gemini_2_5["rank_delta"]) == (4, 3, -2)


def test_entrants_above_push_narrow_intervals_down_significantly(client: TestClient[Litestar]) -> None:
    phi_4 = _by_name(_movement(client, STYLE, "2025-11-14", "2025-11-21"))["phi-4"]

    # Same score, yet ranks 162-170 became 172-179: nine more models now rank above it.
    assert (phi_4["rank_best_from"], phi_4["rank_worst_from"]) == (162, 170)
    assert (phi_4["rank_best_to"], phi_4["rank_worst_to"]) == (172, 179)
    assert (phi_4["score_delta"], phi_4["significance"]) == (0.0, "significant_down")


def test_overtakes_come_with_their_bounds(client: TestClient[Litestar]) -> None:
    body = _movement(client, STYLE, "2025-11-14", "2025-11-21")
    thinking = "claude-opus-4-1-20250805-thinking-16k"
    overtake = next(o for o in body["overtakes"] if o["model_name"] == thinking)

    # lower bound 1443 not above 1443 at `from`; 1445 above 1444 at `to`
    assert overtake["overtook_model_name"] == "claude-opus-4-1-20250805"
    assert (overtake["bound_from"], overtake["other_bound_from"]) == (1443.0, 1443.0)
    assert (overtake["bound_to"], overtake["other_bound_to"], overtake["evidence"]) == (
        1445.0,
        1444.0,
        "intervals",
    )
    lines = _by_name(body)
    assert lines[thinking]["overtook"] == [overtake["overtook_model_id"]]
    assert lines["claude-opus-4-1-20250805"]["overtaken_by"] == [overtake["model_id"]]


def test_ci_method_change_of_2025_07_23_is_a_discontinuity(client: TestClient[Litestar]) -> None:
    body = _movement(client, RAW, "2025-07-01", "2025-08-04")

    kinds = {d["kind"]: d for d in body["discontinuities"]}
    assert kinds["method_change"]["occurred_on"] == "2025-07-23"
    assert "leaderboard-changelog" in kinds["method_change"]["reference"]
    assert "208 to 265" in kinds["field_size_change"]["description"]
    assert body["comparable"] is False
    assert all(line["comparable"] is False for line in body["items"])
    # labels are kept: they say what the intervals say
    assert "significant_down" in {line["significance"] for line in body["items"]}


def test_a_truncated_end_is_a_discontinuity(client: TestClient[Litestar]) -> None:
    snapshots = client.get(f"/v1/boards/{STYLE}/snapshots").json()["items"]
    served = [s for s in snapshots if s["served"]]
    index = next(i for i, s in enumerate(served) if s["truncated"])
    before, top_n = served[index - 1], served[index]

    body = _movement(client, STYLE, before["published_at"], top_n["published_at"])

    kinds = {d["kind"] for d in body["discontinuities"]}
    assert {"truncated_list", "field_size_change"} <= kinds
    assert body["to_snapshot"]["ranked_count"] == top_n["row_count"] < before["row_count"]


def test_movement_as_csv(client: TestClient[Litestar]) -> None:
    params = {"from": "2025-11-14", "to": "2025-11-21", "format": "csv"}
    response = client.get(f"/v1/boards/{STYLE}/movement", params=params)

    rows = list(csv.DictReader(response.text.splitlines()))
    assert response.text.startswith("board_id,from_published_at,to_published_at,model_id,variant,model_name,")
    first = rows[0]
    assert (first["model_name"], first["status"], first["rank_best_to"], first["comparable"]) == (
        "gemini-3-pro",
        "new",
        "1",
        "true",
    )
    # nothing at `from`: empty cells; lists are JSON text
    assert (first["rank_best_from"], first["significance"], first["overtook"]) == ("", "", "[]")
    overtaking = [row for row in rows if row["overtook"] != "[]"]
    assert overtaking
    assert all(isinstance(json.loads(row["overtook"]), list) for row in overtaking)


def test_bad_movement_requests(client: TestClient[Litestar]) -> None:
    backwards = client.get(f"/v1/boards/{STYLE}/movement", params={"from": "2025-11-21", "to": "2025-11-14"})
    unknown = client.get("/v1/boards/nowhere/movement", params={"from": "2025-11-14"})
    too_early = client.get(f"/v1/boards/{STYLE}/movement", params={"from": "2024-01-01"})
    missing = client.get(f"/v1/boards/{STYLE}/movement")

    assert (backwards.status_code, backwards.json()["errors"][0]["key"]) == (400, "to")
    assert (unknown.status_code, unknown.json()["key"]) == (404, "nowhere")
    assert too_early.status_code == 404
    assert missing.status_code == 400
    assert "'from'" in missing.json()["detail"]


def test_movers_lists_significant_moves_largest_margin_first(client: TestClient[Litestar]) -> None:
    params = {"board": STYLE, "from": "2025-11-14", "to": "2025-11-21"}
    movers = client.get("/v1/movers", params=params).json()["items"]
    with_noise = client.get("/v1/movers", params={**params, "include_noise": "true", "limit": 500}).json()

    assert movers
    assert {m["significance"] for m in movers} == {"significant_down"}
    assert [m["margin"] for m in movers] == sorted((m["margin"] for m in movers), reverse=True)
    assert all(m["margin"] >= 1 for m in movers)
    assert movers[0]["model_name"] == "stablelm-tuned-alpha-7b"  # 262-264 -> 271-273
    assert {m["significance"] for m in with_noise["items"]} == {"significant_down", "within_noise"}
    assert len(with_noise["items"]) == 259  # every model listed on both days


def test_movers_leave_out_boards_with_discontinuities_unless_asked(client: TestClient[Litestar]) -> None:
    params = {"board": RAW, "from": "2025-07-01", "to": "2025-08-04"}
    skipped = client.get("/v1/movers", params=params).json()
    included = client.get("/v1/movers", params={**params, "include_discontinuous": "true"}).json()

    assert skipped["items"] == []
    assert {d["kind"] for d in skipped["discontinuities"]} == {"method_change", "field_size_change"}
    assert included["items"]
    assert all(m["comparable"] is False for m in included["items"])


def test_movers_as_csv(client: TestClient[Litestar]) -> None:
    params = {"board": STYLE, "from": "2025-11-14", "to": "2025-11-21", "format": "csv"}
    response = client.get("/v1/movers", params=params)

    assert response.text.startswith("board_id,model_id,variant,model_name,significance,margin,")


def test_movers_still_take_the_deprecated_since_and_until(client: TestClient[Litestar]) -> None:
    current = client.get("/v1/movers", params={"board": STYLE, "from": "2025-11-14", "to": "2025-11-21"})
    legacy = client.get("/v1/movers", params={"board": STYLE, "since": "2025-11-14", "until": "2025-11-21"})
    clash = client.get("/v1/movers", params={"board": STYLE, "from": "2025-11-14", "since": "2025-11-01"})
    missing = client.get("/v1/movers", params={"board": STYLE})

    assert legacy.json() == current.json()
    assert (current.json()["date_from"], current.json()["date_to"]) == ("2025-11-14", "2025-11-21")
    assert (current.json()["since"], current.json()["until"]) == ("2025-11-14", "2025-11-21")
    assert clash.status_code == 400
    assert "send from only" in clash.json()["detail"]
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["key"] == "from"
