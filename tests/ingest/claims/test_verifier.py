"""Seed claims checked against the warehouse built from all of seeds/ (real snapshots)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingest.claims import SCOPES, VERDICTS, load_claims_for, verify_claims
from ingest.warehouse import current_generation_path
from tests.conftest import SEEDS

TEXT_SC = "lmarena.text.overall.style_control"


@pytest.fixture(scope="module")
def db(seeded_data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as connection:
        yield connection


def _status(db: duckdb.DuckDBPyConnection, claim_id: str) -> tuple[str, str]:
    row = db.execute("SELECT status, reason FROM claim WHERE claim_id = ?", [claim_id]).fetchone()
    assert row is not None, f"claim {claim_id} not stored (rejected? see claim_rejection)"
    return str(row[0]), str(row[1])


def _checks(db: duckdb.DuckDBPyConnection, claim_id: str) -> dict[str, dict[str, Any]]:
    rows = db.execute(
        "SELECT board_ref, board_id, in_scope, verdict, reason, published_at, evidence FROM claim_check"
        " WHERE claim_id = ?",
        [claim_id],
    ).fetchall()
    return {
        r[0]: {
            "board_id": r[1],
            "in_scope": r[2],
            "verdict": r[3],
            "reason": r[4],
            "published_at": r[5],
            "evidence": json.loads(r[6]),
        }
        for r in rows
    }


def test_every_seed_claim_loaded_and_got_a_verdict(db: duckdb.DuckDBPyConnection) -> None:
    rejected = db.execute("SELECT file, claim_id, field, problem FROM claim_rejection").fetchall()
    statuses = dict(db.execute("SELECT claim_id, status FROM claim").fetchall())

    assert rejected == []
    assert len(statuses) == 14
    assert set(statuses.values()) <= set(VERDICTS)


def test_gemini_3_pro_tops_lmarena_text_at_1501_on_the_first_day_listed(
    db: duckdb.DuckDBPyConnection,
) -> None:
    status, reason = _status(db, "google-gemini-3-pro-tops-lmarena-text-1501")
    check = _checks(db, "google-gemini-3-pro-tops-lmarena-text-1501")[TEXT_SC]

    assert status == "supported"
    assert reason == f"supported on {TEXT_SC} (2025-11-19)"
    assert check["published_at"] == date(2025, 11, 19)
    first_after_launch = check["evidence"]["snapshots"][1]  # 2025-11-18's page does not list it yet
    assert first_after_launch["published_at"] == "2025-11-19"
    (line,) = first_after_launch["lines"]
    assert (line["rank"], line["score"], line["votes"], line["preliminary"]) == (1, 1501.0, 3089, True)
    assert (first_after_launch["claimed_score"], first_after_launch["tolerance"]) == (1501.0, 0.5)
    assert check["evidence"]["window"] == {"from": "2025-11-18", "to": "2025-12-02"}


def test_gemini_3_pro_ahead_of_gpt_5_1_on_lmarena_text(db: duckdb.DuckDBPyConnection) -> None:
    check = _checks(db, "netease-code-red-gemini-3-pro-ahead-of-gpt-5-1")[TEXT_SC]
    snapshots = {s["published_at"]: s for s in check["evidence"]["snapshots"]}

    assert check["verdict"] == "supported"
    # 2025-11-19: Gemini 3 Pro is #1 (1501) but GPT-5.1 is not on the page yet; from 11-20 both are.
    assert snapshots["2025-11-19"]["outcome"] == "not_comparable"
    assert snapshots["2025-11-19"]["reason"] == "not listed: gpt-5.1"
    assert check["published_at"] == date(2025, 11, 20)
    gemini, gpt = snapshots["2025-11-20"]["lines"]
    assert (gemini["model_id"], gemini["rank"]) == ("gemini-3-pro", 1)
    assert gpt["model_id"] == "gpt-5.1"
    assert gemini["score"] > gpt["score"]
    assert all(s["outcome"] == "supported" for day, s in snapshots.items() if day >= "2025-11-20")


def test_ahead_of_is_also_checked_on_every_other_board_listing_both(db: duckdb.DuckDBPyConnection) -> None:
    checks = _checks(db, "netease-code-red-gemini-3-pro-ahead-of-gpt-5-1")
    listing_both = {
        r[0]
        for r in db.execute(
            "SELECT s.board_id FROM entry e JOIN served_snapshot s ON s.snapshot_id = e.snapshot_id"
            " WHERE e.model_id IN ('gemini-3-pro', 'gpt-5.1') GROUP BY s.board_id, s.snapshot_id"
            " HAVING count(DISTINCT e.model_id) = 2"
        ).fetchall()
    }
    scope = SCOPES["major"]

    context = {ref for ref, c in checks.items() if not c["in_scope"]}
    assert {ref for ref, c in checks.items() if c["in_scope"]} == set(scope)
    assert context == {
        b for b in listing_both if b not in scope and not b.startswith("livebench.llm.global.")
    }
    assert all(checks[ref]["verdict"] in VERDICTS for ref in context)
    # The registry maps both models on LiveBench and Artificial Analysis: they appear as context.
    assert any(ref.startswith("livebench.") for ref in context)
    assert any(ref.startswith("artificial-analysis.") for ref in context)
    # Artificial Analysis snapshots start in 2026: no verdict about November 2025 from them.
    assert all(
        checks[r]["verdict"] == "unverifiable" for r in context if r.startswith("artificial-analysis.")
    )


def test_grok_4_1_thinking_is_first_on_lmarena_text_on_2025_11_18(db: duckdb.DuckDBPyConnection) -> None:
    status, _ = _status(db, "xai-grok-4-1-thinking-tops-lmarena-text")
    check = _checks(db, "xai-grok-4-1-thinking-tops-lmarena-text")[TEXT_SC]
    decisive = check["evidence"]["snapshots"][0]

    assert status == "supported"
    assert check["published_at"] == date(2025, 11, 18)
    (line,) = decisive["lines"]
    assert (line["model_name"], line["variant"], line["rank"], line["score"]) == (
        "grok-4.1-thinking",
        "thinking",
        1,
        1483.0,
    )
    assert line["preliminary"] is True
    # Its plain variant (grok-4.1, 1465) is the same model: the runner-up is another model.
    assert (decisive["runner_up"]["model_id"], decisive["margin"]) == ("gemini-2.5-pro", 31.0)


def test_gemini_2_5_pro_debuted_first_by_about_40_points(db: duckdb.DuckDBPyConnection) -> None:
    status, _ = _status(db, "google-gemini-2-5-pro-debuts-first-on-lmarena")
    check = _checks(db, "google-gemini-2-5-pro-debuts-first-on-lmarena")["lmarena.text.overall.raw"]
    decisive = check["evidence"]["snapshots"][0]

    assert status == "supported"
    assert check["published_at"] == date(2025, 3, 26)
    assert decisive["lines"][0]["model_name"] == "Gemini-2.5-Pro-Exp-03-25"
    assert decisive["lines"][0]["score"] == 1443.0
    assert decisive["runner_up"]["model_name"] == "Grok-3-Preview-02-24"
    assert (decisive["margin"], decisive["claimed_margin"], decisive["tolerance"]) == (39.0, 40.0, 5.0)


def test_usage_claims_are_honestly_unverifiable(db: duckdb.DuckDBPyConnection) -> None:
    rows = db.execute("SELECT claim_id, status, reason FROM claim WHERE kind = 'usage_metric'").fetchall()
    checks = db.execute(
        "SELECT count(*) FROM claim_check JOIN claim USING (claim_id) WHERE kind = 'usage_metric'"
    ).fetchone()

    assert len(rows) == 4
    assert {status for _, status, _ in rows} == {"unverifiable"}
    assert all("no usage, traffic or market-share data" in reason for _, _, reason in rows)
    assert checks == (0,)


def test_the_next_week_forecast_is_decided_by_the_snapshots_after_the_memo(
    db: duckdb.DuckDBPyConnection,
) -> None:
    status, _ = _status(db, "netease-code-red-openai-model-next-week")
    check = _checks(db, "netease-code-red-openai-model-next-week")[TEXT_SC]
    evidence = check["evidence"]
    first_with_gpt_5_2 = next(
        s for s in evidence["snapshots"] if any(c["model_id"] == "gpt-5.2" for c in s.get("candidates", []))
    )

    assert status == "contradicted"
    assert check["verdict"] == "contradicted"
    assert evidence["window"] == {"from": "2025-12-02", "to": "2025-12-21"}
    assert (evidence["released_after"], evidence["released_by"]) == ("2025-12-01", "2025-12-14")
    # GPT-5.2 (released 2025-12-11) reaches the text arena on 2025-12-19, far below Gemini 3 Pro.
    assert first_with_gpt_5_2["published_at"] == "2025-12-19"
    gpt_5_2 = [c for c in first_with_gpt_5_2["candidates"] if c["model_id"] == "gpt-5.2"]
    assert {c["status"] for c in gpt_5_2} == {"qualifies"}
    assert not any(c["ahead_of_rivals"] for c in gpt_5_2)
    assert min(c["rank"] for c in gpt_5_2) > first_with_gpt_5_2["rivals"][0]["rank"] == 1


def test_first_appearances_follow_the_boards_first_listing(db: duckdb.DuckDBPyConnection) -> None:
    gemini = _checks(db, "netease-code-red-gemini-3-released")[TEXT_SC]
    opus = _checks(db, "netease-code-red-claude-opus-4-5-released")[TEXT_SC]
    deepseek_status, _ = _status(db, "netease-code-red-deepseek-v3-2-released")

    assert (gemini["verdict"], gemini["published_at"]) == ("supported", date(2025, 11, 19))
    assert gemini["evidence"]["previous_snapshot"]["published_at"] == "2025-11-18"
    assert (opus["verdict"], opus["published_at"]) == ("supported", date(2025, 11, 27))
    # DeepSeek-V3.2 (released 2025-12-01) is first listed after the article's day: nothing decides.
    assert deepseek_status == "unverifiable"


def test_verifying_the_generation_again_gives_the_stored_verdicts(db: duckdb.DuckDBPyConnection) -> None:
    claim_set = load_claims_for(db, SEEDS / "claims")

    verdicts = verify_claims(db, claim_set.claims, today=date.today())

    stored = dict(db.execute("SELECT claim_id, status FROM claim").fetchall())
    assert {v.claim_id: v.status for v in verdicts} == stored


def test_deepseek_v3_2_in_the_lmarena_text_top_10_is_contradicted_at_rank_38(
    db: duckdb.DuckDBPyConnection,
) -> None:
    claim_id = "illustrative-deepseek-v3-2-in-lmarena-text-top-10"
    status, reason = _status(db, claim_id)
    check = _checks(db, claim_id)[TEXT_SC]

    assert (status, reason) == ("contradicted", f"contradicted on {TEXT_SC} (2025-12-05)")
    assert check["reason"] == "2025-12-05: deepseek-v3.2 rank 38, 1413, not in the top 10"
    (snapshot,) = check["evidence"]["snapshots"]
    (line,) = snapshot["lines"]
    # The best of its two lines that day (deepseek-v3.2-thinking is rank 41), from the markdown page.
    assert (line["model_name"], line["rank"], line["rank_best"], line["rank_worst"], line["votes"]) == (
        "deepseek-v3.2",
        38,
        18,
        53,
        4053,
    )
    assert (snapshot["published_at"], snapshot["claimed_rank_at_most"]) == ("2025-12-05", 10)
