"""``/v1/claims``, claims in ``/v1/models/{id}``, and ``rankledger claims``, over the seeded warehouse."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import duckdb
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from ingest.claims import KINDS, VERDICTS
from ingest.warehouse import current_generation_path
from service.cli import main
from service.controllers.claims import ClaimKind, ClaimStatus
from service.queries.claims import all_claims

LAUNCH_1501 = "google-gemini-3-pro-tops-lmarena-text-1501"


def test_list_claims_in_the_order_of_the_day_they_refer_to(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/claims")

    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 14  # 13 from articles, 1 illustrative check
    assert [i["refers_to"] for i in items] == sorted(i["refers_to"] for i in items)
    first = items[0]
    assert first["claim_id"] == "google-gemini-2-5-pro-debuts-first-on-lmarena"
    assert (first["status"], first["boards_supported"], first["boards_contradicted"]) == ("supported", 1, 0)
    assert first["url"].startswith("https://blog.google/")


def test_filter_by_model_name_status_and_kind(client: TestClient[Litestar]) -> None:
    by_id = client.get("/v1/claims", params={"model": "gemini-3-pro"}).json()["items"]
    by_alias = client.get("/v1/claims", params={"model": "Gemini 3 Pro Preview (high)"}).json()["items"]
    usage = client.get("/v1/claims", params={"status": "unverifiable", "kind": "usage_metric"}).json()[
        "items"
    ]

    assert by_id == by_alias
    assert {i["kind"] for i in by_id} == {"first_appearance", "leads", "ahead_of", "forecast"}
    assert all("gemini-3-pro" in i["model_ids"] for i in by_id)
    assert len(usage) == 4
    assert all(i["model_ids"] == [] for i in usage)


def test_bad_parameters_and_unknown_ids_are_problem_details(client: TestClient[Litestar]) -> None:
    bad_status = client.get("/v1/claims", params={"status": "true"})
    unknown_model = client.get("/v1/claims", params={"model": "gpt-9"})
    unknown_claim = client.get("/v1/claims/no-such-claim")

    assert bad_status.status_code == 400
    assert bad_status.headers["content-type"].startswith("application/problem+json")
    assert "status" in bad_status.json()["detail"]
    assert unknown_model.status_code == 404
    assert unknown_model.json()["key"] == "gpt-9"
    assert unknown_claim.status_code == 404
    assert (unknown_claim.json()["kind"], unknown_claim.json()["key"]) == ("claim", "no-such-claim")


def test_claims_as_csv(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/claims", params={"format": "csv", "kind": "leads"})

    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4
    launch = next(r for r in rows if r["claim_id"] == LAUNCH_1501)
    assert (launch["status"], launch["refers_to"], launch["model_ids"]) == (
        "supported",
        "2025-11-18",
        '["gemini-3-pro"]',
    )


def test_claim_detail_carries_the_evidence(client: TestClient[Litestar]) -> None:
    response = client.get(f"/v1/claims/{LAUNCH_1501}")

    assert response.status_code == 200
    body = response.json()
    assert body["claim"]["status"] == "supported"
    assert body["source"]["title"] == "A new era of intelligence with Gemini 3"
    assert body["claimed"] == {
        "models": ["gemini-3-pro"],
        "score": 1501.0,
        "note": body["claimed"]["note"],
    }
    (check,) = body["checks"]
    assert (check["board_id"], check["published_at"], check["verdict"]) == (
        "lmarena.text.overall.style_control",
        "2025-11-19",
        "supported",
    )
    decisive = next(s for s in check["evidence"]["snapshots"] if s["published_at"] == "2025-11-19")
    assert decisive["lines"][0]["score"] == 1501.0
    assert decisive["lines"][0]["preliminary"] is True


def test_ahead_of_detail_lists_scope_boards_before_context_boards(client: TestClient[Litestar]) -> None:
    checks = client.get("/v1/claims/netease-code-red-gemini-3-pro-ahead-of-gpt-5-1").json()["checks"]

    scope = [c["in_scope"] for c in checks]
    assert scope == sorted(scope, reverse=True)
    assert sum(scope) == 6
    assert len(checks) > 6


def test_model_detail_lists_the_claims_naming_it(client: TestClient[Litestar]) -> None:
    claims = client.get("/v1/models/gemini-3-pro").json()["claims"]

    launch = next(c for c in claims if c["claim_id"] == LAUNCH_1501)
    assert launch == {
        "claim_id": LAUNCH_1501,
        "kind": "leads",
        "status": "supported",
        "summary": "Google says Gemini 3 Pro is first on LMArena's text leaderboard with a score of 1501.",
        "refers_to": "2025-11-18",
        "publisher": "Google (The Keyword blog)",
    }


def test_enums_match_the_data_layer() -> None:
    assert [s.value for s in ClaimStatus] == list(VERDICTS)
    assert [k.value for k in ClaimKind] == list(KINDS)


def test_export_rows_hold_every_claim_with_its_verdict(seeded_data_dir: Path) -> None:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as db:
        rows = all_claims(db)

    assert len(rows) == 14
    assert {r.status for r in rows} <= set(VERDICTS)


def test_cli_verify_prints_a_verdict_per_claim(
    seeded_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["claims", "verify", "--data-dir", str(seeded_data_dir)])

    out = capsys.readouterr().out
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith(LAUNCH_1501))
    assert line.split()[1:4] == ["leads", "supported", "1/0/0"]
    assert "14 claim(s) from" in out


def test_cli_extract_prints_draft_records(
    tmp_path: Path, seeded_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.md"
    article.write_text("Gemini 3 Pro 在 LMArena 上登顶，超越 GPT-5.1。\n", encoding="utf-8")  # noqa: RUF001

    code = main(["claims", "extract", str(article), "--data-dir", str(seeded_data_dir)])

    drafts = tomllib.loads(capsys.readouterr().out)
    assert code == 0
    (claim,) = drafts["claim"]
    assert (claim["kind"], claim["boards"]) == ("ahead_of", ["lmarena.text.overall.style_control"])
    assert claim["models"][0] == "gemini-3-pro"
    assert drafts["source"]["language"] == "zh-Hans"
