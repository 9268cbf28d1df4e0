"""Votes and published ranks the served snapshot lacks, taken from a corroborating one of the same day.

On ``lmarena.text.overall.style_control`` the snapshot served for 2025-12-11 is LMArena's
arena-catalog file (unrounded scores, no votes, no rank); the Cherry markdown page of that day is
kept as corroboration and has both.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import polars as pl
from litestar import Litestar
from litestar.testing import TestClient

STYLE = "lmarena.text.overall.style_control"


def _snapshots(client: TestClient[Litestar]) -> dict[int, dict[str, Any]]:
    items = client.get(f"/v1/boards/{STYLE}/snapshots").json()["items"]
    return {s["snapshot_id"]: s for s in items}


def test_gemini_3_pro_history_carries_votes_every_day_with_where_they_came_from(
    client: TestClient[Litestar],
) -> None:
    params = {"board": STYLE, "from": "2025-11-19", "to": "2025-12-16"}
    points = client.get("/v1/models/gemini-3-pro/history", params=params).json()["items"]
    snapshots = _snapshots(client)

    day = date(2025, 11, 19)
    while day <= date(2025, 12, 16):
        current = [p for p in points if p["published_at"] <= day.isoformat()][-1]
        assert current["votes"] is not None, day
        assert snapshots[current["votes_snapshot_id"]]["published_at"] == current["published_at"]
        day += timedelta(days=1)
    assert [(p["published_at"], p["votes"]) for p in points] == [
        ("2025-11-19", 3089),
        ("2025-11-20", 3768),
        ("2025-11-21", 5471),
        ("2025-11-23", 5471),
        ("2025-11-27", 9799),
        ("2025-12-03", 12087),
        ("2025-12-05", 13423),
        ("2025-12-06", 13801),
        ("2025-12-10", 14887),
        ("2025-12-11", 15871),
        ("2025-12-12", 15871),
        ("2025-12-16", 17644),
    ]
    # Every point's votes are its own snapshot's, except on 2025-12-11: the catalog is served,
    # and votes and rank come from the markdown page of the same day.
    own = [p["published_at"] for p in points if p["votes_snapshot_id"] == p["snapshot_id"]]
    assert len(own) == len(points) - 1
    completed = next(p for p in points if p["published_at"] == "2025-12-11")
    served, source = snapshots[completed["snapshot_id"]], snapshots[completed["votes_snapshot_id"]]
    assert (served["parser"], served["role"]) == ("lmarena-catalog-json", "served")
    assert (source["parser"], source["role"], source["published_at"]) == (
        "lmarena-cherry-md",
        "corroboration",
        "2025-12-11",
    )
    assert (completed["score"], completed["rank"]) == (1492.0464937622653, 1)
    assert completed["rank_snapshot_id"] == completed["votes_snapshot_id"]


def test_leaderboard_completes_only_lines_whose_scores_agree_within_rounding(
    client: TestClient[Litestar],
) -> None:
    body = client.get(f"/v1/boards/{STYLE}/leaderboard", params={"as_of": "2025-12-11", "limit": 3}).json()

    lines = [
        (e["model_name"], round(e["score"], 2), e["votes"], e["rank"], e["votes_snapshot_id"] is not None)
        for e in body["items"]
    ]
    # The markdown page has grok-4.1-thinking at 1478 (1.18 points off the catalog's 1479.18) and
    # claude-opus-4-5-20251101 at 1467 (1.27 off): a disagreement, not a rounded copy, so no completion.
    assert lines == [
        ("gemini-3-pro", 1492.05, 15871, 1, True),
        ("grok-4.1-thinking", 1479.18, None, None, False),
        ("claude-opus-4-5-20251101", 1468.27, None, None, False),
    ]


def test_entries_export_carries_the_completed_values_and_their_snapshot(
    client: TestClient[Litestar],
) -> None:
    response = client.get(
        "/v1/exports/entries.csv", params={"board": STYLE, "from": "2025-12-11", "to": "2025-12-11"}
    )
    frame = pl.read_csv(io.BytesIO(response.content)).filter(pl.col("published_at") == "2025-12-11")

    gemini = frame.filter(pl.col("model_name") == "gemini-3-pro").row(0, named=True)
    assert (gemini["votes"], gemini["rank"]) == (15871, 1)
    assert gemini["votes_snapshot_id"] == gemini["rank_snapshot_id"] != gemini["snapshot_id"]
    assert frame["votes_snapshot_id"].is_not_null().sum() == 191
