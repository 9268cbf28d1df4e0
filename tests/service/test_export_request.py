"""What an export asks for, checked once for ``GET /v1/exports/{file_name}`` and ``rankledger export``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.errors import NotFoundError, UnsupportedFilterError
from ingest.exports import ExportFilters
from service.cli import main
from service.export_request import prepare_export


def test_a_known_dataset_and_format_with_filters_it_honours() -> None:
    filters = ExportFilters(board="lmarena.text.overall.raw", date_from=date(2025, 1, 1))

    export = prepare_export("entries.csv", filters)

    assert (export.dataset.name, export.fmt, export.filters) == ("entries", "csv", filters)


@pytest.mark.parametrize("file_name", ["nope.csv", "entries.json", "entries"])
def test_an_unknown_dataset_or_format_is_not_found_naming_the_datasets(file_name: str) -> None:
    with pytest.raises(NotFoundError) as raised:
        prepare_export(file_name, ExportFilters())

    assert (raised.value.kind, raised.value.key) == ("export", file_name)
    assert raised.value.known[:3] == ("sources", "boards", "snapshots")


def test_a_filter_the_dataset_lacks_is_refused_naming_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UnsupportedFilterError) as raised:
        prepare_export("models.parquet", ExportFilters(board="x", date_from=date(2024, 1, 1)))

    assert (raised.value.dataset, raised.value.filters) == ("models", ("board", "from"))
    assert str(raised.value) == "dataset 'models' cannot be filtered by board, from"
    # the command line checks before it looks for a warehouse
    assert main(["export", "models", "--board", "x", "--data-dir", str(tmp_path)]) == 3
    assert capsys.readouterr().err == "rankledger: dataset 'models' cannot be filtered by board\n"
