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
from litestar.params import HeaderParameter, PathParameter, QueryParameter
from litestar.response import File, Stream

from ingest.errors import NotFoundError, UnsupportedFilterError
from ingest.exports import DATASETS, ExportFilters, Manifest, dataset_columns, write_dataset
from service.byte_ranges import RangeNotSatisfiableError, if_range_holds, read_range, requested_range
from service.controllers._responses import ByteRangeFile, CsvAlternative, problem_responses
from service.dependencies import WarehouseView
from service.errors import problem_response
from service.export_request import prepare_export
from service.http_semantics import IMMUTABLE_FILE_OPT, VARY_OPT, file_etag, last_modified
from service.limits import RATE_LIMITED_OPT
from service.rendering import FormatParameter, Page, render
from service.schemas import ExportColumn, ExportDataset, ExportList

__all__ = ("ExportController",)

_MEDIA_TYPES = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv"}  # charset added by Litestar


def _whole_or_part(
    request: Request[Any, Any, Any],
    view: WarehouseView,
    file_name: str,
    download_name: str,
    range_header: str | None,
    if_range: str | None,
) -> Response[Any]:
    """An unfiltered export file: whole (200), the one byte range asked for (206), or 416."""
    path = view.exports / file_name
    if not path.is_file():
        raise NotFoundError("export file", f"{view.generation}/{file_name}")
    size = path.stat().st_size
    media_type = _MEDIA_TYPES[file_name.rpartition(".")[2]]
    headers = {"Accept-Ranges": "bytes"}
    etag = file_etag(view.generation, request.scope["path"])
    try:
        part = requested_range(range_header, size)
    except RangeNotSatisfiableError as error:
        return problem_response(
            status_code=416,
            kind="range-not-satisfiable",
            title="Range not satisfiable",
            detail=f"{error}; ask for bytes 0-{size - 1} at most (Content-Range gives the size).",
            headers={**headers, "Content-Range": f"bytes */{size}"},
        )
    if part is None or not if_range_holds(if_range, etag, last_modified(view.generation)):
        return File(path, filename=download_name, media_type=media_type, headers=headers)
    return Stream(
        read_range(path, part),
        status_code=206,
        media_type=media_type,
        headers={**headers, "Content-Range": part.content_range(size), "Content-Length": str(part.length)},
    )


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
        opt={VARY_OPT: "Accept-Encoding"},  # JSON only
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
            **problem_responses(400, 404, 416, 429, 503),
            200: ResponseSpec(
                bytes,
                description="The dataset file",
                media_type=_MEDIA_TYPES["parquet"],
                generate_examples=False,
            ),
        },
        operation_class=ByteRangeFile,
        # the file is the same bytes for the whole generation: strong ETag, byte ranges
        # a filtered download is written for the request: rate-limited; the whole file is not
        opt={IMMUTABLE_FILE_OPT: True, VARY_OPT: "Accept-Encoding", RATE_LIMITED_OPT: "with query"},
        sync_to_thread=True,
    )
    def download(
        self,
        request: Request[Any, Any, Any],
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
        range_header: Annotated[
            str | None,
            HeaderParameter(
                name="Range",
                description="One byte range of the unfiltered file: `bytes=0-99`, `bytes=100-` or "
                "`bytes=-500` (206); several ranges get the whole file (200).",
            ),
        ] = None,
        if_range: Annotated[
            str | None,
            HeaderParameter(
                name="If-Range",
                description="Send the range only if the file still has this strong `ETag` (or "
                "`Last-Modified` date); otherwise the whole file comes back (200).",
            ),
        ] = None,
    ) -> Response[Any]:
        """Unfiltered: the generation's immutable file (its sha256 is in the manifest), with a strong
        `ETag` and byte ranges (`Accept-Ranges: bytes`), so polars, DuckDB and pyarrow read it by URL.
        Filtered: written for this request, streamed, then deleted (no ranges)."""
        filters = ExportFilters(board=board, source=source, date_from=date_from, date_to=date_to)
        try:
            export = prepare_export(file_name, filters)
        except UnsupportedFilterError as error:
            raise ValidationException(
                detail=str(error),
                extra=[
                    {"key": k, "message": f"not a filter of {error.dataset}", "source": "query"}
                    for k in error.filters
                ],
            ) from error
        stamp = view.generation.removeprefix("gen-").removesuffix(".duckdb")
        download_name = f"rankledger-{export.dataset.name}-{stamp}.{export.fmt}"
        if not filters.used():
            return _whole_or_part(request, view, file_name, download_name, range_header, if_range)
        descriptor, temporary = tempfile.mkstemp(suffix=f".{export.fmt}", prefix="rankledger-export-")
        os.close(descriptor)
        path = Path(temporary)
        write_dataset(
            view.cursor,
            export.dataset,
            export.fmt,
            path,
            filters=filters,
            metadata={"rankledger.generation": view.generation},
        )
        return File(
            path,
            filename=download_name,
            media_type=_MEDIA_TYPES[export.fmt],
            background=BackgroundTask(path.unlink, missing_ok=True),
        )
