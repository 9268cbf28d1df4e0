"""``/v1/boards``: boards, snapshots and a board as of a day, from the real seed files."""

from __future__ import annotations

import json

from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import SEEDS

CATALOG_TEXT_2025_05_24 = (
    SEEDS / "snapshots/lmarena_arena_catalog_json/leaderboard-text/leaderboard-text@2025-05-24_209556bee.json"
)


def test_text_board_as_of_2025_05_24_carries_the_catalog_ratings(client: TestClient[Litestar]) -> None:
    overall = json.loads(CATALOG_TEXT_2025_05_24.read_bytes())["full"]

    response = client.get("/v1/boards/lmarena.text.overall.raw/leaderboard", params={"as_of": "2025-05-24"})

    assert response.status_code == 200
    body = response.json()
    assert body["snapshot"]["published_at"] == "2025-05-24"
    assert body["snapshot"]["parser"] == "lmarena-catalog-json"
    served = {e["model_name"]: (e["score"], e["ci_lower"], e["ci_upper"]) for e in body["items"]}
    assert served == {k: (v["rating"], v["rating_q025"], v["rating_q975"]) for k, v in overall.items()}
    leader = body["items"][0]
    assert leader["rank_best"] == 1
    assert leader["score"] == max(v["rating"] for v in overall.values())


def test_as_of_takes_the_latest_snapshot_on_or_before_the_day(client: TestClient[Litestar]) -> None:
    # No snapshot is dated 2024-06-20; the 2024-06-19 legacy CSV is current then.
    body = client.get(
        "/v1/boards/lmarena.text.overall.raw/leaderboard", params={"as_of": "2024-06-20"}
    ).json()

    assert body["snapshot"]["published_at"] == "2024-06-19"
    top = body["items"][0]
    assert (top["model_name"], top["rank"], top["score"], top["votes"]) == (
        "GPT-4o-2024-05-13",
        1,
        1287.0,
        42046,
    )


def test_before_the_first_snapshot_is_a_404(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/boards/lmarena.text.overall.raw/leaderboard", params={"as_of": "2020-01-01"})

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_boards_list_the_lmarena_text_boards_with_their_dates(client: TestClient[Litestar]) -> None:
    boards = {
        b["board_id"]: b for b in client.get("/v1/boards", params={"source": "lmarena"}).json()["items"]
    }

    raw = boards["lmarena.text.overall.raw"]
    assert (raw["arena"], raw["category"], raw["variant"]) == ("text", "overall", "raw")
    assert raw["first_published_at"] == "2023-05-08"  # the wide Elo table's first date
    assert boards["lmarena.text.overall.style_control"]["variant"] == "style_control"
    assert "lmarena.vision.overall.raw" in boards


def test_snapshots_list_dates_and_parsers(client: TestClient[Litestar]) -> None:
    body = client.get("/v1/boards/lmarena.text.overall.raw/snapshots").json()

    dates = [s["published_at"] for s in body["items"]]
    assert dates == sorted(dates)
    assert {"2024-06-19", "2025-05-24"} <= set(dates)
    parsers = {s["published_at"]: s["parser"] for s in body["items"]}
    assert parsers["2024-06-19"] == "lmarena-legacy-csv"
    assert all(s["served"] for s in body["items"] if s["published_at"] == "2024-06-19")


def test_snapshots_as_csv(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/boards/lmarena.text.overall.raw/snapshots", params={"format": "csv"})

    header, *rows = response.text.splitlines()
    assert header.startswith("snapshot_id,board_id,published_at,")
    june = [r for r in rows if ",2024-06-19," in r and "lmarena-legacy-csv" in r]
    assert len(june) == 1
    assert ",true," in june[0]


def test_unknown_board_is_a_404_naming_it(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/boards/lmarena.nope.overall.raw/snapshots")

    assert response.status_code == 404
    assert "lmarena.nope.overall.raw" in response.json()["detail"]


def test_sources_carry_licence_and_citation(client: TestClient[Litestar]) -> None:
    sources = {s["source_id"]: s for s in client.get("/v1/sources").json()["items"]}

    assert "CC BY 4.0" in sources["lmarena"]["licence"]
    assert sources["lmarena"]["board_count"] > 10


def test_healthz_names_the_generation(client: TestClient[Litestar]) -> None:
    body = client.get("/healthz").json()

    assert body["status"] == "ok"
    assert body["generation"].startswith("gen-")
