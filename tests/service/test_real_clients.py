"""Analysts' clients read the API by URL, against a real server process on a free local port.

polars and pyarrow (through fsspec's HTTP filesystem) read a remote Parquet file the way DuckDB's
httpfs does: a ``HEAD`` for its size, then byte ranges for the footer and the column chunks. The
server is ``rankledger serve`` (granian) running the app over the warehouse built from
``seeds/``; every value read is checked against that warehouse (a DuckDB query on the published
generation).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import fsspec
import httpx
import polars as pl
import pyarrow.parquet as pq
import pytest

from ingest.warehouse import current_generation_path
from tests.servers import serving

RAW = "lmarena.text.overall.raw"


@pytest.fixture(scope="module")
def server(seeded_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``rankledger serve`` over the seeded warehouse (stopped afterwards)."""
    with serving(seeded_data_dir, tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="module")
def warehouse(seeded_data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as connection:
        yield connection


def _served_entries(warehouse: duckdb.DuckDBPyConnection, board: str | None = None) -> int:
    count = warehouse.execute(
        "SELECT count(*) FROM entry AS e JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id "
        "WHERE $board IS NULL OR s.board_id = $board",
        {"board": board},
    ).fetchone()
    assert count is not None
    return int(count[0])


def _gpt4o_on_2024_06_19(warehouse: duckdb.DuckDBPyConnection) -> tuple[object, ...]:
    row = warehouse.execute(
        "SELECT e.score, e.ci_lower, e.ci_upper, e.votes, e.rank FROM entry AS e "
        "JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id "
        "WHERE s.board_id = ? AND s.published_at = DATE '2024-06-19' AND e.model_name = 'GPT-4o-2024-05-13'",
        [RAW],
    ).fetchone()
    assert row is not None
    return tuple(row)


def test_polars_reads_the_parquet_export_by_url(server: str, warehouse: duckdb.DuckDBPyConnection) -> None:
    frame = pl.read_parquet(f"{server}/v1/exports/entries.parquet")

    gpt4o = frame.filter(
        (pl.col("board_id") == RAW)
        & (pl.col("model_name") == "GPT-4o-2024-05-13")
        & (pl.col("published_at") == date(2024, 6, 19))
    )
    assert frame.height == _served_entries(warehouse)
    assert gpt4o.select("score", "ci_lower", "ci_upper", "votes", "rank").row(0) == _gpt4o_on_2024_06_19(
        warehouse
    )
    assert _gpt4o_on_2024_06_19(warehouse) == (1287.0, 1284.0, 1290.0, 42046, 1)


def test_polars_scans_the_parquet_export_with_a_filter(
    server: str, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = pl.scan_parquet(f"{server}/v1/exports/entries.parquet").filter(pl.col("board_id") == RAW).collect()

    assert raw.height == _served_entries(warehouse, RAW)
    assert raw["board_id"].unique().to_list() == [RAW]
    assert raw["published_at"].min() == date(2023, 5, 8)


def test_polars_reads_a_csv_endpoint_by_url(server: str, warehouse: duckdb.DuckDBPyConnection) -> None:
    history = pl.read_csv(f"{server}/v1/models/gpt-4o-2024-05-13/history?board={RAW}&format=csv")

    june = history.filter(pl.col("published_at") == "2024-06-19")
    assert june.select("score", "ci_lower", "ci_upper", "votes", "rank").row(0) == _gpt4o_on_2024_06_19(
        warehouse
    )
    assert set(history["model_name"].to_list()) == {"GPT-4o-2024-05-13", "gpt-4o-2024-05-13"}


def test_pyarrow_reads_the_parquet_export_through_fsspec(
    server: str, warehouse: duckdb.DuckDBPyConnection
) -> None:
    filesystem = fsspec.filesystem("http")
    url = f"{server}/v1/exports/entries.parquet"

    with filesystem.open(url, "rb", block_size=256 * 1024) as remote:
        parquet = pq.ParquetFile(remote)
        rows = parquet.metadata.num_rows
        first = parquet.read_row_group(0, columns=["board_id", "published_at"]).slice(0, 1).to_pylist()
    table = pq.read_table(url, filesystem=filesystem, filters=[("board_id", "=", RAW)])

    assert rows == _served_entries(warehouse)
    assert table.num_rows == _served_entries(warehouse, RAW)
    assert first == [{"board_id": "aider.edit.overall.default", "published_at": date(2024, 12, 22)}]


def test_head_and_byte_ranges_over_the_wire(server: str) -> None:
    url = f"{server}/v1/exports/entries.parquet"
    get = httpx.get(url)
    head = httpx.head(url)
    first_100 = httpx.get(url, headers={"Range": "bytes=0-99"})
    past_the_end = httpx.get(url, headers={"Range": f"bytes={len(get.content)}-"})

    assert head.status_code == 200
    assert head.content == b""
    per_response = {"server-timing", "date", "x-request-id"}  # the clock, the request id
    assert {k: v for k, v in head.headers.items() if k not in per_response} == {
        k: v for k, v in get.headers.items() if k not in per_response
    }
    assert (first_100.status_code, first_100.content) == (206, get.content[:100])
    assert first_100.headers["content-range"] == f"bytes 0-99/{len(get.content)}"
    assert past_the_end.status_code == 416
    assert past_the_end.headers["content-range"] == f"bytes */{len(get.content)}"
