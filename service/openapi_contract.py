"""What the OpenAPI document says beyond the routes: info, tags, security, deprecations, examples.

Litestar builds the operations from the handlers (the handler docstring is the operation's
``description``) and the schemas from the Structs (``service/openapi_docs.py``). This module
adds the rest once the app exists (``complete_contract``):

- ``info`` with the licence of the code and a contact, the tags with their descriptions, and an
  explicit empty ``security`` (a public read API: no credentials anywhere);
- ``deprecated: true`` on a parameter declared with ``schema_extra={"deprecated": True}`` (what
  Litestar's ``QueryParameter`` can say), e.g. ``since``, the old name of ``from``;
- one example response per operation: a real response of the app over the warehouse built from
  ``seeds/``, recorded in ``service/openapi_examples.json`` by ``service/openapi_examples.py``
  (``make openapi``), which a test replays against the seeded app.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import (
    Contact,
    Example,
    License,
    OpenAPI,
    OpenAPIMediaType,
    OpenAPIResponse,
    Operation,
    Parameter,
    Schema,
    Tag,
)
from litestar.openapi.spec.base import BaseSchemaObject

__all__ = ("EXAMPLES_FILE", "TAGS", "complete_contract", "contract_config", "recorded_examples")

EXAMPLES_FILE = Path(__file__).with_name("openapi_examples.json")
"""Recorded example responses, keyed by operation id (written by ``service/openapi_examples.py``)."""

TAGS = (
    Tag(name="meta", description="Liveness and the generation served."),
    Tag(name="sources", description="Upstream leaderboards with their licence and citation."),
    Tag(
        name="boards",
        description="Ranked lists (`source.arena.category.variant`): snapshots by date, leaderboards "
        "as of a day, and where two formats of the same board disagree.",
    ),
    Tag(
        name="models",
        description="Canonical models and their spellings per source; histories, comparisons and a "
        "consensus across boards.",
    ),
    Tag(name="movement", description="How ranks moved between two days, the largest moves, who held #1."),
    Tag(name="claims", description="What articles said about rankings, checked against the snapshots."),
    Tag(
        name="changes",
        description="What changed when a snapshot was published: new leaders, overtakes, top-10 entries, "
        "claim verdicts; as JSON, CSV and Atom feeds.",
    ),
    Tag(
        name="exports",
        description="Whole datasets as Parquet or CSV, immutable per generation "
        "(strong `ETag`, byte ranges).",
    ),
)
"""Every tag an operation uses, declared with what it groups."""

_DESCRIPTION = """\
The whole history of public LLM leaderboards: snapshots by date, rank intervals, model histories,
movement, claims checked against the data, and bulk exports.

Every list endpoint answers `?format=csv` (or `Accept: text/csv`) as well as JSON. Every `GET`
answers `HEAD` with the same headers, `304 Not Modified` to an `If-None-Match` that still matches
its `ETag`, and one byte range (`Range: bytes=0-99`: `206 Partial Content`), so polars, DuckDB and
pyarrow read export files and CSV answers by URL. Export files have a strong `ETag` (`If-Range`).
Errors are RFC 9457 problem details. The data keeps the licence of its source (see `/v1/sources`)."""


def contract_config(version: str) -> OpenAPIConfig:
    """The app's OpenAPI configuration: info, tags, security, handler docstrings as descriptions."""
    return OpenAPIConfig(
        title="rankledger",
        version=version,
        description=_DESCRIPTION,
        contact=Contact(name="rankledger maintainers", url="https://github.com/rankledger"),
        license=License(name="MIT", url="https://opensource.org/license/mit"),
        tags=list(TAGS),
        security=[],
        use_handler_docstrings=True,
        path="/docs",
        render_plugins=[SwaggerRenderPlugin()],
    )


@cache
def recorded_examples() -> dict[str, dict[str, Any]]:
    """``{operation_id: {"request": url, "media_type": ..., "response": body}}``."""
    if not EXAMPLES_FILE.is_file():
        return {}
    examples: dict[str, dict[str, Any]] = msgspec.json.decode(EXAMPLES_FILE.read_bytes())
    return examples


@dataclass
class _Verbatim(BaseSchemaObject):
    """A value written into the document as it is: Litestar drops ``None`` members of plain dicts,
    but an example shows the ``null`` fields a response really has."""

    value: Any

    def to_schema(self) -> Any:
        return self.value


def _mark_deprecated(parameter: Parameter) -> None:
    if isinstance(parameter.schema, Schema) and parameter.schema.deprecated:
        parameter.deprecated = True


def _add_example(operation: Operation, recorded: dict[str, Any]) -> None:
    success = (operation.responses or {}).get("200")
    if not isinstance(success, OpenAPIResponse) or not success.content:
        return
    media = success.content.get(recorded["media_type"])
    if isinstance(media, OpenAPIMediaType):
        media.examples = {
            "seeded": Example(
                summary=f"GET {recorded['request']} on the warehouse built from seeds/",
                value=_Verbatim(recorded["response"]),
            )
        }


def complete_contract(openapi: OpenAPI) -> OpenAPI:
    """Mark deprecated parameters and attach the recorded examples, in place."""
    examples = recorded_examples()
    for path_item in (openapi.paths or {}).values():
        operation = getattr(path_item, "get", None)
        if not isinstance(operation, Operation):
            continue
        for parameter in operation.parameters or []:
            if isinstance(parameter, Parameter):
                _mark_deprecated(parameter)
        if operation.operation_id in examples:
            _add_example(operation, examples[operation.operation_id])
    return openapi
