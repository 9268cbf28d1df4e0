"""``/v1/exports``: immutable Parquet/CSV files per generation, read back with polars and DuckDB."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import duckdb
import polars as pl
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.cli import main


def test_entries_parquet_reads_in_polars_and_duckdb_with_real_values(
    client: TestClient[Litestar],
    tmp_path: Path,
) -> None:
    response = client.get("/v1/exports/entries.parquet")
    path = tmp_path / "e.parquet"
    path.write_bytes(response.content)

    frame = pl.read_parquet(path)
    gpt4o = frame.filter(
        (pl.col("board_id") == "lmarena.text.overall.raw")
        & (pl.col("model_name") == "GPT-4o-2024-05-13")
        & (pl.col("published_at") == pl.date(2024, 6, 19))
    )
    with duckdb.connect() as db:
        leader = db.execute(
            "SELECT model_name, score, preliminary FROM read_parquet(?) "
            "WHERE board_id = 'lmarena.text.overall.style_control' AND published_at = DATE '2025-11-19' "
            "AND position = 1",
            [str(path)],
        ).fetchone()

    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    assert gpt4o.select("score", "ci_lower", "ci_upper", "votes", "rank").row(0) == (
        1287.0,
        1284.0,
        1290.0,
        42046,
        1,
    )
    assert leader == ("gemini-3-pro", 1501.0, True)


def test_manifest_sha256_matches_the_served_file(client: TestClient[Litestar]) -> None:
    manifest = client.get("/v1/exports/manifest.json").json()
    by_file = {f["file"]: f for f in manifest["files"]}

    for name in ("entries.parquet", "boards.csv", "sources.parquet"):
        body = client.get(f"/v1/exports/{name}").content
        assert hashlib.sha256(body).hexdigest() == by_file[name]["sha256"]
        assert len(body) == by_file[name]["bytes"]
    assert any("SWE-bench" in line and "CC BY-NC 4.0" in line for line in manifest["citations"])
    assert manifest["generation"].startswith("gen-")


def test_exports_list_datasets_with_rows_columns_and_citations(client: TestClient[Litestar]) -> None:
    body = client.get("/v1/exports").json()
    datasets = {d["dataset"]: d for d in body["items"]}

    assert {"boards", "snapshots", "entries", "models", "model_aliases", "claims", "sources"} <= set(datasets)
    entries = datasets["entries"]
    assert entries["rows"] > 100_000
    assert {"name": "published_at", "type": "DATE"} in entries["columns"]
    assert entries["filters"] == ["board", "from", "source", "to"]
    assert body["citations"]


def test_filtered_csv_export_holds_only_the_asked_rows(client: TestClient[Litestar]) -> None:
    params = {"board": "lmarena.text.overall.style_control", "from": "2025-11-19", "to": "2025-11-19"}
    response = client.get("/v1/exports/entries.csv", params=params)

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["board_id"] for r in rows} == {"lmarena.text.overall.style_control"}
    assert rows[0]["model_name"] == "gemini-3-pro"
    assert all(r["published_at"] <= "2025-11-19" <= r["last_seen_on"] for r in rows)


def test_a_filter_the_dataset_lacks_is_a_400(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/exports/models.parquet", params={"board": "lmarena.text.overall.raw"})

    assert response.status_code == 400
    assert "board" in response.json()["detail"]


def test_unknown_dataset_is_a_404(client: TestClient[Litestar]) -> None:
    assert client.get("/v1/exports/everything.parquet").status_code == 404


def test_export_command_writes_the_same_rows(seeded_data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "boards.csv"

    code = main(
        ["export", "boards", "--format", "csv", "--out", str(out), "--data-dir", str(seeded_data_dir)]
    )

    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert "lmarena.text.overall.raw" in {r["board_id"] for r in rows}


def test_export_command_rejects_an_unknown_dataset(
    seeded_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "everything", "--data-dir", str(seeded_data_dir)]) == 2  # a usage error
    err = capsys.readouterr().err
    assert "invalid choice: 'everything'" in err
    assert "'entries', 'models', 'model_aliases', 'claims', 'claim_checks'" in err


def test_claims_export_carries_the_verdicts(client: TestClient[Litestar]) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/exports/claims.csv").text)))

    statuses: dict[str, set[str]] = {r["kind"]: set() for r in rows}
    for r in rows:
        statuses[r["kind"]].add(r["status"])
    assert statuses["usage_metric"] == {"unverifiable"}
    assert "supported" in statuses["ahead_of"]
