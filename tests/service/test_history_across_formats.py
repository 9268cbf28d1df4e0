"""One history per board across formats (legacy CSV, catalog, cherry pages, arena.ai, wide table)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import TestClient

STYLE = "lmarena.text.overall.style_control"
RAW = "lmarena.text.overall.raw"


def _board(client: TestClient[Litestar], board: str, day: str) -> dict[str, Any]:
    response = client.get(f"/v1/boards/{board}/leaderboard", params={"as_of": day})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_gemini_3_pro_leads_the_default_text_view_every_day_from_launch(client: TestClient[Litestar]) -> None:
    day = date(2025, 11, 19)
    while day <= date(2025, 12, 16):
        leader = _board(client, STYLE, day.isoformat())["items"][0]
        assert (day, leader["model_id"], leader["rank_best"]) == (day, "gemini-3-pro", 1)
        day += timedelta(days=1)


def test_gemini_3_pro_debut_is_1501_preliminary_and_grok_4_1_thinking_led_the_day_before(
    client: TestClient[Litestar],
) -> None:
    launch = _board(client, STYLE, "2025-11-19")
    before = _board(client, STYLE, "2025-11-18")

    top = launch["items"][0]
    assert (launch["snapshot"]["published_at"], top["model_name"], top["score"]) == (
        "2025-11-19",
        "gemini-3-pro",
        1501.0,
    )
    assert top["preliminary"] is True
    assert launch["snapshot"]["has_preliminary"] is True
    assert (before["items"][0]["model_name"], before["items"][0]["rank"]) == ("grok-4.1-thinking", 1)


def test_claude_opus_4_5_first_appears_on_2025_11_27(client: TestClient[Litestar]) -> None:
    found = client.get("/v1/models", params={"q": "claude-opus-4-5"}).json()["items"]
    first_days = set()
    for model in found:
        history = client.get(f"/v1/models/{model['model_id']}/history", params={"board": STYLE}).json()
        if history["items"]:
            first_days.add(history["items"][0]["published_at"])

    assert found
    assert min(first_days) == "2025-11-27"


def test_vicuna_13b_history_starts_in_the_wide_table(client: TestClient[Litestar]) -> None:
    history = client.get("/v1/models/vicuna-13b/history", params={"board": RAW}).json()["items"]

    assert history[0]["published_at"] == "2023-05-08"
    assert round(history[0]["score"], 1) == 1083.2


def test_no_two_consecutive_served_snapshots_carry_the_same_data(client: TestClient[Litestar]) -> None:
    for board in (STYLE, RAW):
        snapshots = client.get(f"/v1/boards/{board}/snapshots").json()["items"]
        served = [s for s in snapshots if s["served"]]
        for earlier, later in itertools.pairwise(served):
            assert earlier["last_seen_on"] < later["published_at"]
        repeats = [s for s in snapshots if s["role"] == "repeat"]
        assert repeats, f"{board}: the daily archives repeat data; repeats should be folded"
        served_ids = {s["snapshot_id"] for s in served}
        assert all(r["same_data_as"] in served_ids for r in repeats)


def test_carried_over_boards_are_kept_but_never_served(client: TestClient[Litestar]) -> None:
    snapshots = client.get(f"/v1/boards/{STYLE}/snapshots").json()["items"]

    carried = [s for s in snapshots if s["carried_over"]]
    assert carried
    assert all(s["role"] == "carried_over" and not s["served"] for s in carried)


def test_disagreements_between_formats_are_listed(client: TestClient[Litestar]) -> None:
    items = client.get("/v1/disagreements", params={"board": STYLE, "from": "2025-12-11", "to": "2025-12-11"})
    rows = items.json()["items"]

    # On 2025-12-11 the official catalog is served; the cherry page of the same day is corroboration.
    assert rows
    assert {(r["served_parser"], r["other_parser"]) for r in rows} == {
        ("lmarena-catalog-json", "lmarena-cherry-md")
    }
    assert all(r["score_difference"] > 1.0 or r["served_votes"] != r["other_votes"] for r in rows)


def test_disagreements_as_csv(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/disagreements", params={"board": RAW, "format": "csv"})

    assert response.text.startswith("board_id,published_at,model_id,model_name,served_snapshot_id,")
