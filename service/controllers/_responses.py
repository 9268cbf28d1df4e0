"""What the operations document beyond their success body: problem details, 304 and CSV.

Every handler names the error statuses it can answer with ``responses=problem_responses(...)``,
and list handlers that answer ``?format=csv`` take ``operation_class=CsvAlternative``, so the
committed ``openapi/openapi.json`` lists every status and content type a client can receive.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import (
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)

from service.schemas import WireStruct

__all__ = (
    "PROBLEM_MEDIA_TYPE",
    "ByteRangeFile",
    "CsvAlternative",
    "InvalidParameter",
    "ProblemDetails",
    "problem_responses",
)

PROBLEM_MEDIA_TYPE = "application/problem+json"


# Optional members use a ``default_factory`` so the schema lists them as optional without inventing a
# default value: a problem carries only the members that apply to it.


class InvalidParameter(WireStruct, frozen=True, kw_only=True):
    """One rejected request parameter."""

    message: str
    """What is wrong with it."""
    key: str = msgspec.field(default_factory=str)
    """The parameter's name, e.g. ``limit``."""
    source: str = msgspec.field(default_factory=str)
    """Where it was sent: ``query``, ``path`` or ``header``."""


class ProblemDetails(WireStruct, frozen=True, kw_only=True):
    """An RFC 9457 problem: the body of every error response (``application/problem+json``)."""

    status: int
    """The HTTP status code."""
    title: str
    """Short summary of the problem type."""
    detail: str
    """What went wrong in this request, and what to do about it."""
    type: str = msgspec.field(default_factory=str)
    """URI of the problem type, e.g. ``https://rankledger.dev/problems/not-found``."""
    errors: list[InvalidParameter] = msgspec.field(default_factory=list)
    """400: each rejected parameter."""
    kind: str = msgspec.field(default_factory=str)
    """404/409: what was looked up (``board``, ``model``, ``snapshot``, ...)."""
    key: str = msgspec.field(default_factory=str)
    """404/409: the value that was looked up."""
    candidates: list[str] = msgspec.field(default_factory=list)
    """409: the ids an ambiguous name could mean."""
    known: list[str] = msgspec.field(default_factory=list)
    """404: the ids that do exist, where they are few (e.g. the export datasets)."""


_DESCRIPTIONS = {
    400: "Invalid or unknown query parameter; `errors` names each one",
    404: "Nothing with this id (board, model, snapshot, claim, export); `kind` and `key` say what",
    409: "The model name is ambiguous; `candidates` lists the ids it could mean",
    416: "The byte range starts past the end of the file; `Content-Range: bytes */<size>` gives the size",
    429: "Too many requests from this client to this endpoint (answers already cached are not counted); "
    "`Retry-After` says when to try again",
    503: "No warehouse generation is published yet (`Retry-After` says when to try again)",
}


def problem_responses(*status_codes: int) -> dict[int, ResponseSpec]:
    """The documented error responses with these status codes, plus ``304 Not Modified``.

    Every GET answers ``304`` to an ``If-None-Match`` that still matches the response's ``ETag``.
    """
    responses = {
        304: ResponseSpec(
            data_container=None,
            description="Not Modified: the `If-None-Match` validator still matches; no body",
        )
    }
    for status_code in status_codes:
        responses[status_code] = ResponseSpec(
            data_container=ProblemDetails,
            description=_DESCRIPTIONS[status_code],
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
        )
    return responses


@dataclass
class CsvAlternative(Operation):
    """An operation whose 200 body also comes as CSV (``?format=csv`` or ``Accept: text/csv``).

    The CSV holds a list body's ``items``, one column per item field (see ``service/rendering.py``),
    or, for a download, the dataset file itself.
    """

    def __post_init__(self) -> None:
        success = (self.responses or {}).get("200")
        if isinstance(success, OpenAPIResponse) and success.content is not None:
            success.content["text/csv"] = OpenAPIMediaType(
                schema=Schema(
                    type=OpenAPIType.STRING,
                    description="CSV with a header row: a list's `items`, one column per field "
                    "(leading context columns such as `board_id` repeat on every row), or a dataset file.",
                )
            )


def _header(description: str) -> OpenAPIHeader:
    return OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), description=description)


@dataclass
class ByteRangeFile(CsvAlternative):
    """A file download that also answers one byte range (``206``), see ``service/byte_ranges.py``."""

    def __post_init__(self) -> None:
        super().__post_init__()
        responses = self.responses if self.responses is not None else {}
        success = responses.get("200")
        if not isinstance(success, OpenAPIResponse):
            return
        accept_ranges = _header("`bytes` on an unfiltered file: it answers `Range` requests.")
        success.headers = {**(success.headers or {}), "Accept-Ranges": accept_ranges}
        partial = OpenAPIResponse(
            description="Partial Content: the one byte range asked for with `Range` (unfiltered files only)",
            headers={
                "Accept-Ranges": accept_ranges,
                "Content-Range": _header("The range sent and the file size, e.g. `bytes 0-99/3807709`."),
            },
            content=success.content,
        )
        others = {code: response for code, response in responses.items() if code != "200"}
        self.responses = {"200": success, "206": partial, **others}
