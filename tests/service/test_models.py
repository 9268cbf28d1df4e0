"""``/v1/models``: a model's rank history equals the real files it came from."""

from __future__ import annotations

import csv
import io
import json
import re

from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import SEEDS

TEXT_RAW = "lmarena.text.overall.raw"
LEGACY = SEEDS / "snapshots" / "lmarena_fboulnois_csv"


def _legacy_rows(model: str) -> dict[str, tuple[float, float, float, int]]:
    """Read the real legacy CSVs directly: date -> (score, lower, upper, votes) for one model."""
    manifest = {r["file"]: r for r in csv.DictReader(io.StringIO((LEGACY / "manifest.csv").read_text()))}
    found = {}
    for file in sorted((LEGACY / "lmsys").glob("*.csv")) + sorted((LEGACY / "lmarena_text").glob("*.csv")):
        upstream_version = manifest[file.relative_to(LEGACY).as_posix()]["upstream_version"]
        version = "-".join(re.findall(r"\d+", upstream_version)[:3])
        for row in csv.DictReader(io.StringIO(file.read_text(encoding="utf-8"))):
            if row["model"] == model:
                score = float(row.get("arena_score") or row["arena_elo"])
                plus, minus = row["95_pct_ci"].split("/")
                found[version] = (score, score + float(minus), score + float(plus), int(row["votes"]))
    return found


def test_gpt_4o_history_on_text_overall_equals_the_legacy_csvs(client: TestClient[Litestar]) -> None:
    expected = _legacy_rows("GPT-4o-2024-05-13")

    response = client.get("/v1/models/gpt-4o-2024-05-13/history", params={"board": TEXT_RAW})

    assert response.status_code == 200
    body = response.json()
    # The spelling names a dated variant of the canonical model; the series keeps that variant.
    assert (body["model_id"], body["spelling"]) == ("gpt-4o", "gpt-4o-2024-05-13")
    assert {p["variant"] for p in body["items"]} == {"2024-05-13"}
    served = {
        p["published_at"]: (p["score"], p["ci_lower"], p["ci_upper"], p["votes"])
        for p in body["items"]
        if p["published_at"] in expected
    }
    # On 2025-03-04 the catalog (leaderboard-data.json, same board, unrounded) is served instead:
    # it outranks the legacy CSV in precedence; its values are checked in test_boards.
    assert len(expected) > 50
    catalog_day = served.pop("2025-03-04")
    assert round(catalog_day[0]) == expected["2025-03-04"][0]
    # The catalog has no vote counts: the legacy CSV of the same day (kept as corroboration, its
    # score within rounding) completes them, and the point names the snapshot they came from.
    assert catalog_day[3] == expected["2025-03-04"][3] == 117731
    point = next(p for p in body["items"] if p["published_at"] == "2025-03-04")
    assert point["votes_snapshot_id"] != point["snapshot_id"]
    assert point["rank_snapshot_id"] == point["votes_snapshot_id"]
    snapshots = client.get(f"/v1/boards/{TEXT_RAW}/snapshots").json()["items"]
    source = next(s for s in snapshots if s["snapshot_id"] == point["votes_snapshot_id"])
    assert (source["parser"], source["published_at"], source["role"]) == (
        "lmarena-legacy-csv",
        "2025-03-04",
        "corroboration",
    )
    # Every other CSV version is served with its exact values, except a version that repeats
    # the previous one's data (same votes for every model): it extends that point's validity.
    assert all(served[day] == expected[day] for day in served)
    for day in sorted(set(expected) - set(served) - {"2025-03-04"}):
        previous = [p for p in body["items"] if p["published_at"] < day][-1]
        assert previous["last_seen_on"] >= day
        assert (previous["score"], previous["votes"]) == (expected[day][0], expected[day][3])
    first_csv = next(p for p in body["items"] if p["published_at"] == "2024-06-19")
    assert (first_csv["score"], first_csv["votes"], first_csv["rank"]) == (1287.0, 42046, 1)
    # Before the legacy CSVs, the wide Elo table (score only) carries the history back to May 2024.
    assert body["items"][0]["published_at"] == "2024-05-15"
    assert body["items"][0]["votes"] is None


def test_history_as_csv_has_the_same_points(client: TestClient[Litestar]) -> None:
    params = {"board": TEXT_RAW, "from": "2024-06-01", "to": "2024-12-31"}
    as_json = client.get("/v1/models/GPT-4o-2024-05-13/history", params=params).json()["items"]

    response = client.get("/v1/models/GPT-4o-2024-05-13/history", params={**params, "format": "csv"})

    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["published_at"] for r in rows] == [p["published_at"] for p in as_json]
    assert [float(r["score"]) for r in rows] == [p["score"] for p in as_json]
    assert [r["votes"] for r in rows] == ["" if p["votes"] is None else str(p["votes"]) for p in as_json]
    assert all("2024-06-01" <= r["published_at"] <= "2024-12-31" for r in rows)


def test_accept_text_csv_also_gives_csv(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/models", params={"q": "gpt-4o-2024"}, headers={"Accept": "text/csv"})

    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0].startswith("model_id,display_name,canonical,")


def test_model_search_and_detail(client: TestClient[Litestar]) -> None:
    found = client.get("/v1/models", params={"q": "GPT-4o-2024-05"}).json()["items"]
    detail = client.get("/v1/models/gpt-4o-2024-05-13").json()

    assert "gpt-4o" in [m["model_id"] for m in found]
    assert detail["model"]["model_id"] == "gpt-4o"
    assert "GPT-4o-2024-05-13" in detail["model"]["names"]
    legacy = [a for a in detail["aliases"] if a["alias"] == "GPT-4o-2024-05-13"]
    assert [(a["source_id"], a["variant"], a["resolved"]) for a in legacy] == [
        ("lmarena", "2024-05-13", True)
    ]
    boards = {s["board_id"] for s in detail["standings"]}
    assert TEXT_RAW in boards


def test_unknown_model_is_a_404_problem(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/models/no-such-model-xyz/history")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no-such-model-xyz" in json.loads(response.text)["detail"]


def test_bad_date_is_a_400_naming_the_parameter(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/models/gpt-4o-2024-05-13/history", params={"from": "last tuesday"})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "from" in response.json()["detail"]
