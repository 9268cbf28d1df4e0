"""What an export asks for, checked once for ``GET /v1/exports/{file_name}`` and ``rankledger export``."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.errors import NotFoundError, UnsupportedFilterError
from ingest.exports import DATASETS, EXPORT_FORMATS, Dataset, ExportFilters, get_dataset

__all__ = ("ExportRequest", "prepare_export")


@dataclass(frozen=True, kw_only=True)
class ExportRequest:
    """A dataset, a file format and filters the dataset honours."""

    dataset: Dataset
    """The dataset to write."""
    fmt: str
    """``parquet`` or ``csv``."""
    filters: ExportFilters
    """The rows asked for (none set: the whole dataset)."""


def prepare_export(file_name: str, filters: ExportFilters) -> ExportRequest:
    """The export ``<dataset>.<format>`` with ``filters``, once both are known to apply.

    Raises:
        NotFoundError: no such dataset, or a format other than Parquet and CSV.
        UnsupportedFilterError: a filter is set that the dataset has no column for.
    """
    name, _, fmt = file_name.rpartition(".")
    dataset = get_dataset(name)
    if dataset is None or fmt not in EXPORT_FORMATS:
        raise NotFoundError("export", file_name, known=[d.name for d in DATASETS])
    unsupported = filters.used() - dataset.filters
    if unsupported:
        raise UnsupportedFilterError(dataset.name, sorted(unsupported))
    return ExportRequest(dataset=dataset, fmt=fmt, filters=filters)
