"""``/v1/exports``: bulk Parquet/CSV downloads of the current generation, with a manifest."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.background_tasks import BackgroundTask
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter
from litestar.response import File

from ingest.errors import NotFoundError
from ingest.exports import (
    DATASETS,
    EXPORT_FORMATS,
    ExportFilters,
    Manifest,
    dataset_columns,
    get_dataset,
    write_dataset,
)
from service.controllers._responses import CsvAlternative, problem_responses
from service.dependencies import WarehouseView
from service.rendering import FormatParameter, Page, render
from service.schemas import ExportColumn, ExportDataset, ExportList

__all__ = ("ExportController",)

_MEDIA_TYPES = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv"}  # charset added by Litestar


def _manifest(view: WarehouseView) -> dict[str, Any]:
    path = view.exports / "manifest.json"
    if not path.is_file():
        raise NotFoundError("export manifest", view.generation)
    manifest: dict[str, Any] = msgspec.json.decode(path.read_bytes())
    return manifest


class ExportController(Controller):
    """Immutable bulk files per warehouse generation."""

    path = "/v1/exports"
    tags = ("exports",)

    @get(
        "/",
        operation_id="ListExports",
        responses=problem_responses(400, 404, 503),
        operation_class=CsvAlternative,
        summary="Export datasets with rows, columns, licence notes",
        sync_to_thread=True,
    )
    def list_exports(
        self,
        request: Request[Any, Any, Any],
        view: NamedDependency[WarehouseView],
        page: NamedDependency[Page],
        output: FormatParameter = None,
    ) -> Response[ExportList]:
        """Datasets of the current generation, how to download them and the licences that apply."""
        manifest = _manifest(view)
        rows = {f["dataset"]: f["rows"] for f in manifest["files"]}
        items = [
            ExportDataset(
                dataset=d.name,
                description=d.description,
                rows=rows.get(d.name, 0),
                columns=[ExportColumn(name=n, type=t) for n, t in dataset_columns(view.cursor, d)],
                filters=sorted(d.filters),
                parquet_url=f"/v1/exports/{d.name}.parquet",
                csv_url=f"/v1/exports/{d.name}.csv",
            )
            for d in DATASETS
        ]
        body = ExportList(
            generation=view.generation,
            manifest_url="/v1/exports/manifest.json",
            citations=list(manifest["citations"]),
            items=items,
        )
        return render(request, body, output, page=page)

    @get(
        "/manifest.json",
        operation_id="GetExportManifest",
        summary="Per file sha256, bytes, rows, generation and the citations of the sources",
        # documents the file's JSON body, which a File return type would leave opaque
        responses={
            **problem_responses(400, 404, 503),
            200: ResponseSpec(Manifest, description="The manifest", generate_examples=False),
        },
        media_type="application/json",
        sync_to_thread=False,
    )
    def manifest(self, view: NamedDependency[WarehouseView]) -> File:
        """The generation's ``manifest.json``, byte for byte."""
        _manifest(view)
        return File(
            view.exports / "manifest.json", content_disposition_type="inline", media_type="application/json"
        )

    @get(
        "/{file_name:str}",
        operation_id="DownloadExport",
        summary="Download a dataset as Parquet or CSV, optionally filtered",
        # the body is a file in the format the name asks for: Parquet here, CSV added by CsvAlternative
        responses={
            **problem_responses(400, 404, 503),
            200: ResponseSpec(
                bytes,
                description="The dataset file",
                media_type=_MEDIA_TYPES["parquet"],
                generate_examples=False,
            ),
        },
        operation_class=CsvAlternative,
        sync_to_thread=True,
    )
    def download(
        self,
        view: NamedDependency[WarehouseView],
        file_name: Annotated[
            str,
            PathParameter(
                description="`<dataset>.parquet` or `<dataset>.csv`, e.g. `entries.parquet`.",
                pattern=r"^[a-z_]+\.(parquet|csv)$",
            ),
        ],
        board: Annotated[str | None, QueryParameter(description="Only this board id.")] = None,
        source: Annotated[str | None, QueryParameter(description="Only this source id.")] = None,
        date_from: Annotated[
            date | None, QueryParameter(name="from", description="Only data current on or after this day.")
        ] = None,
        date_to: Annotated[
            date | None, QueryParameter(name="to", description="Only data published on or before this day.")
        ] = None,
    ) -> File:
        """Unfiltered: the generation's immutable file (its sha256 is in the manifest). Filtered: written
        for this request, streamed, then deleted."""
        name, _, fmt = file_name.rpartition(".")
        dataset = get_dataset(name)
        if dataset is None or fmt not in EXPORT_FORMATS:
            raise NotFoundError("export", file_name)
        filters = ExportFilters(board=board, source=source, date_from=date_from, date_to=date_to)
        unknown = filters.used() - dataset.filters
        if unknown:
            raise ValidationException(
                detail=f"dataset {name!r} cannot be filtered by {', '.join(sorted(unknown))}",
                extra=[
                    {"key": k, "message": f"not a filter of {name}", "source": "query"}
                    for k in sorted(unknown)
                ],
            )
        stamp = view.generation.removeprefix("gen-").removesuffix(".duckdb")
        download_name = f"rankledger-{name}-{stamp}.{fmt}"
        if not filters.used():
            return File(view.exports / file_name, filename=download_name, media_type=_MEDIA_TYPES[fmt])
        descriptor, temporary = tempfile.mkstemp(suffix=f".{fmt}", prefix="rankledger-export-")
        os.close(descriptor)
        path = Path(temporary)
        write_dataset(
            view.cursor,
            dataset,
            fmt,
            path,
            filters=filters,
            metadata={"rankledger.generation": view.generation},
        )
        return File(
            path,
            filename=download_name,
            media_type=_MEDIA_TYPES[fmt],
            background=BackgroundTask(path.unlink, missing_ok=True),
        )
