"""Bulk exports: datasets as Parquet and CSV files, with a manifest of checksums and citations.

Every published generation gets its own immutable export folder, written by the publisher before
readers switch to it: ``generations/<generation>.exports/<dataset>.{parquet,csv}`` and
``manifest.json``. Filtered exports are written on request by the same code. Rows stream from
DuckDB in Arrow record batches, so no export is ever held whole in memory; a generation's
dataset is read once and each batch written to both its files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import msgspec

from ingest.export_datasets import DATASETS, Dataset, ExportFilters, get_dataset
from ingest.faults import fault_point

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = (
    "DATASETS",
    "EXPORT_FORMATS",
    "Dataset",
    "ExportFilters",
    "Manifest",
    "ManifestFile",
    "citation_lines",
    "dataset_columns",
    "get_dataset",
    "write_dataset",
    "write_dataset_files",
    "write_generation_exports",
)

EXPORT_FORMATS = ("parquet", "csv")
"""File formats every dataset is exported in."""
_BATCH_ROWS = 50_000


def _reader(
    connection: duckdb.DuckDBPyConnection, dataset: Dataset, filters: ExportFilters
) -> pa.RecordBatchReader:
    params = {k: v for k, v in filters.params().items() if f"${k}" in dataset.sql}
    return connection.sql(dataset.sql, params=params).to_arrow_reader(_BATCH_ROWS)


def dataset_columns(connection: duckdb.DuckDBPyConnection, dataset: Dataset) -> list[tuple[str, str]]:
    """(column, DuckDB type) of a dataset, without reading its rows."""
    relation = connection.sql(f"DESCRIBE ({_literal_nulls(dataset.sql)})")
    return [(str(row[0]), str(row[1])) for row in relation.fetchall()]


def _literal_nulls(sql: str) -> str:
    # DESCRIBE cannot take bound parameters; every filter parameter is NULL here (no user input).
    for name in ("board", "source", "from", "to"):
        sql = sql.replace(f"${name}", "NULL")
    return sql


def write_dataset(
    connection: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    fmt: str,
    path: Path,
    *,
    filters: ExportFilters | None = None,
    metadata: Mapping[str, str] | None = None,
) -> int:
    """Stream a dataset into ``path`` as Parquet or CSV, batch by batch; returns the row count."""
    return write_dataset_files(connection, dataset, {fmt: path}, filters=filters, metadata=metadata)


def write_dataset_files(
    connection: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    paths: Mapping[str, Path],
    *,
    filters: ExportFilters | None = None,
    metadata: Mapping[str, str] | None = None,
) -> int:
    """Stream a dataset, read once, into one file per format (``{"parquet": path, "csv": path}``),
    batch by batch: every file gets the same batches. Returns the row count."""
    # Imported here: an API worker that never writes a filtered export does not carry pyarrow
    # (about 25 MB of its memory).
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    for fmt in paths:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    reader = _reader(connection, dataset, filters or ExportFilters())
    schema = reader.schema
    if metadata:
        schema = schema.with_metadata({**(schema.metadata or {}), **dict(metadata)})
    rows = 0
    with ExitStack() as stack:
        writers: list[pq.ParquetWriter | pa_csv.CSVWriter] = [
            stack.enter_context(
                pq.ParquetWriter(str(path), schema, compression="zstd")
                if fmt == "parquet"
                else pa_csv.CSVWriter(str(path), schema)
            )
            for fmt, path in paths.items()
        ]
        for batch in reader:
            for writer in writers:
                writer.write_batch(batch)
            rows += batch.num_rows
    return rows


class ManifestFile(msgspec.Struct, frozen=True, kw_only=True):
    """One exported file of a generation."""

    dataset: str
    format: str
    """``parquet`` or ``csv``."""
    file: str
    """File name, e.g. ``entries.parquet`` (download it at ``/v1/exports/<file>``)."""
    bytes: int
    """File size in bytes."""
    rows: int
    sha256: str
    """sha256 of the file's bytes (hex)."""


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    """``manifest.json`` of a generation's exports."""

    generation: str
    """The warehouse generation the files were written from."""
    created_at: datetime
    """When the files were written (UTC)."""
    files: list[ManifestFile]
    """Every file: one per dataset and format."""
    citations: list[str]
    """One line per source: name, licence and how to cite it."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def citation_lines(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """``name — licence — citation`` for every source in the warehouse."""
    rows = connection.execute("SELECT name, licence, citation FROM source ORDER BY source_id").fetchall()
    return [f"{name}. Licence: {licence} Cite: {citation}" for name, licence, citation in rows]


def write_generation_exports(generation_file: Path, folder: Path) -> Manifest:
    """Write every dataset in every format for a generation, then its manifest (last)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    with duckdb.connect(str(generation_file), read_only=True) as connection:
        citations = citation_lines(connection)
        metadata = {
            "rankledger.generation": generation_file.name,
            "rankledger.citations": "\n".join(citations),
        }
        for dataset in DATASETS:
            paths = {fmt: folder / f"{dataset.name}.{fmt}" for fmt in EXPORT_FORMATS}
            rows = write_dataset_files(connection, dataset, paths, metadata=metadata)
            for fmt, path in paths.items():
                files.append(
                    ManifestFile(
                        dataset=dataset.name,
                        format=fmt,
                        file=path.name,
                        bytes=path.stat().st_size,
                        rows=rows,
                        sha256=_sha256(path),
                    )
                )
                fault_point("exports")
    manifest = Manifest(
        generation=generation_file.name, created_at=datetime.now(UTC), files=files, citations=citations
    )
    # Written last and renamed into place: a manifest that exists is whole, and so is the generation.
    partial = folder / ".manifest.json.partial"
    partial.write_bytes(msgspec.json.format(msgspec.json.encode(manifest), indent=2))
    partial.replace(folder / "manifest.json")
    return manifest
