"""One place that turns a wire Struct into JSON or CSV, as the client asked.

Every list endpoint answers ``?format=csv`` and ``Accept: text/csv``; the CSV holds the body's
``items`` with the same column names as the JSON keys (nested values as JSON text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Request, Response
from litestar.params import QueryParameter

from service.schemas import WireStruct

__all__ = ("CSV_MEDIA_TYPE", "FormatParameter", "OutputFormat", "render")

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"

T = TypeVar("T", bound=WireStruct)


class OutputFormat(StrEnum):
    """Response format chosen with ``?format=``."""

    JSON = "json"
    CSV = "csv"


FormatParameter = Annotated[
    OutputFormat | None,
    QueryParameter(name="format", description="`json` (default) or `csv`; `Accept: text/csv` also works."),
]
"""The ``?format=`` parameter every list endpoint declares."""


def _wants_csv(request: Request[Any, Any, Any], output: OutputFormat | None) -> bool:
    if output is not None:
        return output is OutputFormat.CSV
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    if value is None:
        return ""
    return value


def _csv_text(body: WireStruct, context: Mapping[str, Any]) -> str:
    items = msgspec.to_builtins(getattr(body, "items", [body]))
    item_type = type(getattr(body, "items", [body])[0]) if items else None
    fields = list(item_type.__struct_fields__) if item_type else []
    columns = [*context, *[f for f in fields if f not in context]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    context_cells = [_cell(msgspec.to_builtins(v)) for v in context.values()]
    for item in items:
        writer.writerow([*context_cells, *(_cell(item[f]) for f in fields if f not in context)])
    return buffer.getvalue()


def render(
    request: Request[Any, Any, Any],
    body: T,
    output: OutputFormat | None,
    *,
    csv_context: Mapping[str, Any] | None = None,
) -> Response[T]:
    """JSON by default; CSV of ``body.items`` when asked, with ``csv_context`` as leading columns."""
    if _wants_csv(request, output):
        text = _csv_text(body, csv_context or {})
        return Response(text, media_type=CSV_MEDIA_TYPE)  # type: ignore[arg-type]
    return Response(body)
