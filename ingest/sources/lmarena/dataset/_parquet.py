"""Reading the dataset's own Parquet files (``<config>/latest-…parquet`` and ``full-…parquet``)."""

from __future__ import annotations

import io
from functools import partial

import polars as pl

from ingest.records import RawPayload, Snapshot
from ingest.sources.lmarena.dataset._rows import (
    PUBLISH_DATE,
    Problems,
    columns_for,
    config_of,
    snapshots_from_rows,
)

__all__ = ("parse_dataset_parquet",)

PARQUET_MAGIC = b"PAR1"


def parse_dataset_parquet(raw: RawPayload, *, source: str) -> list[Snapshot]:
    """Snapshots of one config's Parquet file; ``full`` files give one per publish date and category."""
    problems = Problems(source, raw.origin)
    config = config_of(raw, problems)
    frame = _read_frame(raw.content, problems)
    columns = columns_for(config)
    needed = (*columns.required, PUBLISH_DATE)
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise problems.at(
            f"column {missing[0]}",
            f"missing column(s) {', '.join(missing)} for config {config!r}; "
            f"the file has {', '.join(frame.columns)}",
        )
    if frame.height == 0:
        raise problems.at("file", "the file holds no rows")
    kept = [*needed, *(name for name in columns.optional if name in frame.columns)]
    rows = (
        (partial(_cell_location, index), row)
        for index, row in enumerate(frame.select(kept).iter_rows(named=True))
    )
    return snapshots_from_rows(rows, config=config, problems=problems)


def _cell_location(index: int, column: str) -> str:
    return f"row {index}, column {column}"


def _read_frame(content: bytes, problems: Problems) -> pl.DataFrame:
    if not content.strip():
        raise problems.at("file", "the file is empty")
    if not content.startswith(PARQUET_MAGIC):
        found = (
            "an HTML page (an error page saved by mistake?)"
            if content.lstrip()[:1] == b"<"
            else f"{content[:8]!r}"
        )
        raise problems.at("byte 0", f"not a Parquet file: expected the magic bytes PAR1, found {found}")
    try:
        return pl.read_parquet(io.BytesIO(content))
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        raise problems.at("file", f"unreadable Parquet ({error}); is the download truncated?") from error
