"""A history's CSV written by polars from its columns is the CSV ``render`` writes from its points."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from litestar import Request, Response

from ingest.warehouse import current_generation_path, exports_dir
from service.queries.served import ServedIndex, history_points
from service.rendering import OutputFormat, Page, render, render_lines
from service.schemas import ModelHistory

_PAGE = Page(limit=100_000, offset=0)


@pytest.fixture(scope="module")
def index(seeded_data_dir: Path) -> Iterator[ServedIndex]:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as connection:
        yield ServedIndex.load(generation.name, connection.cursor(), exports_dir(generation))


def _request(query: bytes = b"format=csv") -> Request[Any, Any, Any]:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "root_path": "",
        "path": "/v1/models/m/history",
        "query_string": query,
        "headers": [],
    }
    return Request(scope)  # type: ignore[arg-type]


def _both(lines: pl.DataFrame, page: Page = _PAGE) -> tuple[Response[Any], Response[Any]]:
    """(written by polars, written by the csv module from the points) for the same lines."""

    def body(rows: pl.DataFrame) -> ModelHistory:
        return ModelHistory(model_id="m", spelling=None, variant=None, items=history_points(rows))

    fast = render_lines(_request(), lines, OutputFormat.CSV, page=page, body=body)
    generic = render(_request(), body(lines), OutputFormat.CSV, page=page)
    return fast, generic


def test_every_models_history_of_the_seeds_gives_the_same_bytes(index: ServedIndex) -> None:
    different = []
    for model_id in index.lines.model_rows:
        _, _, lines = index.history_lines(model_id, board=None, variant=None, date_from=None, date_to=None)
        fast, generic = _both(lines)
        if fast.content != generic.content:
            different.append(model_id)

    assert len(index.lines.model_rows) > 3000
    assert different == []


def test_a_page_and_its_headers_are_the_same(index: ServedIndex) -> None:
    _, _, lines = index.history_lines("gemini-3-pro", board=None, variant=None, date_from=None, date_to=None)

    fast, generic = _both(lines, Page(limit=50, offset=100))

    assert fast.content == generic.content
    assert fast.content.count("\n") == 51  # header and 50 lines
    assert fast.headers["X-Total-Count"] == generic.headers["X-Total-Count"] == str(lines.height)
    assert fast.headers["Link"] == generic.headers["Link"]


def test_floats_polars_writes_otherwise_are_written_by_the_csv_module(index: ServedIndex) -> None:
    _, _, lines = index.history_lines("gemini-3-pro", board=None, variant=None, date_from=None, date_to=None)
    odd = lines.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(1e-05).otherwise(pl.col("score")).alias("score"),
        pl.when(pl.int_range(pl.len()) == 1)
        .then(float("nan"))
        .otherwise(pl.col("ci_lower"))
        .alias("ci_lower"),
    )

    fast, generic = _both(odd)

    assert fast.content == generic.content
    first, second = fast.content.splitlines()[1:3]
    assert ",1e-05," in first  # polars would write 0.00001
    assert ",nan," in second  # and NaN
    assert pl.DataFrame({"x": [1e-05]}).write_csv() == "x\n0.00001\n"  # why the check exists
