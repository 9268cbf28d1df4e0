"""``/v1/consensus``: one ranking across boards by mean percentile of the upper-bound rank."""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

STYLE = "lmarena.text.overall.style_control"
VISION = "lmarena.vision.overall.style_control"


def _consensus(client: TestClient[Litestar], **params: str) -> dict[str, Any]:
    response = client.get("/v1/consensus", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_default_boards_are_each_arena_s_overall_board_style_controlled_first(
    client: TestClient[Litestar],
) -> None:
    body = _consensus(client, as_of="2025-12-01", limit="1000")

    assert {STYLE, VISION} <= set(body["boards"])
    assert "lmarena.text.overall.raw" not in body["boards"]
    assert not [b for b in body["boards"] if b.split(".")[2] != "overall"]
    assert body["items"]
    assert all(i["coverage"] == len(i["inputs"]) >= 2 for i in body["items"])
    means = [i["mean_percentile"] for i in body["items"]]
    assert means == sorted(means, reverse=True)
    assert body["items"][0]["consensus_rank"] == 1


def test_a_named_model_s_inputs(client: TestClient[Litestar]) -> None:
    body = _consensus(client, as_of="2025-12-01", limit="1000")
    entry = next(
        i
        for i in body["items"]
        if any((x["board_id"], x["model_name"]) == (STYLE, "gemini-2.5-pro") for x in i["inputs"])
    )
    inputs = {x["board_id"]: x for x in entry["inputs"]}

    # text (page of 2025-11-27): rank_best 4 of 276; vision: rank_best 1 of 81
    assert (inputs[STYLE]["rank_best"], inputs[STYLE]["ranked_count"]) == (4, 276)
    assert inputs[STYLE]["percentile"] == pytest.approx(1 - 3 / 275)
    assert (inputs[VISION]["rank_best"], inputs[VISION]["percentile"]) == (1, 1.0)
    assert entry["mean_percentile"] == pytest.approx(
        sum(x["percentile"] for x in entry["inputs"]) / len(inputs)
    )
    assert entry["min_percentile"] <= entry["mean_percentile"] <= entry["max_percentile"] == 1.0


def test_chosen_boards_and_min_boards(client: TestClient[Litestar]) -> None:
    body = _consensus(client, as_of="2025-12-01", boards=f"{STYLE},{VISION}", min_boards="1", limit="1000")

    assert body["boards"] == [STYLE, VISION]
    top = next(i for i in body["items"] if i["inputs"][0]["model_name"] == "gemini-3-pro")
    assert (top["coverage"], top["inputs"][0]["rank_best"], top["mean_percentile"]) == (1, 1, 1.0)
    assert {i["coverage"] for i in body["items"]} == {1, 2}


def test_a_top_n_list_is_skipped_for_the_latest_complete_snapshot(client: TestClient[Litestar]) -> None:
    served = [s for s in client.get(f"/v1/boards/{STYLE}/snapshots").json()["items"] if s["served"]]
    index = next(i for i, s in enumerate(served) if s["truncated"])
    complete, top_n = served[index - 1], served[index]

    body = _consensus(client, as_of=top_n["published_at"], boards=STYLE, min_boards="1", limit="1")

    used = body["items"][0]["inputs"][0]
    assert (used["published_at"], used["ranked_count"]) == (complete["published_at"], complete["row_count"])


def test_consensus_as_csv_carries_the_inputs_as_json(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/consensus", params={"as_of": "2025-12-01", "format": "csv", "limit": "5"})

    rows = list(csv.DictReader(response.text.splitlines()))
    assert response.text.startswith("consensus_rank,model_id,mean_percentile,min_percentile,max_percentile,")
    assert len(rows) == 5
    inputs = json.loads(rows[0]["inputs"])
    assert len(inputs) == int(rows[0]["coverage"])
    assert {"board_id", "percentile"} <= set(inputs[0])


def test_bad_consensus_requests(client: TestClient[Litestar]) -> None:
    unknown = client.get("/v1/consensus", params={"boards": f"{STYLE},lmarena.text.nowhere.raw"})
    zero = client.get("/v1/consensus", params={"min_boards": "0"})

    assert (unknown.status_code, unknown.json()["key"]) == (404, "lmarena.text.nowhere.raw")
    assert (zero.status_code, zero.json()["errors"][0]["key"]) == (400, "min_boards")
