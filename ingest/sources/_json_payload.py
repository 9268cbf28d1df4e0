"""Decoding an upstream JSON payload with a typed msgspec decoder, errors made readable.

Every JSON format needs the same four answers: an empty file, an HTML page saved as JSON, JSON
that stops early or is malformed (named by line and column, as editors count), and JSON of the
wrong shape (named by its JSON path, e.g. ``$.models[3].score``).
"""

from __future__ import annotations

import re
from typing import TypeVar

import msgspec

from ingest.errors import ParseError

__all__ = ("decode_json", "line_and_column")

T = TypeVar("T")

_AT_PATH = re.compile(r"^(?P<problem>.*) - at `\$(?P<path>[^`]*)`$", re.DOTALL)
_MISSING_FIELD = re.compile(r"missing required field `(?P<field>[^`]+)`")
_AT_BYTE = re.compile(r"\(byte (?P<byte>\d+)\)")


def line_and_column(content: bytes, message: str) -> str:
    """``line L, column C`` for msgspec's ``(byte N)``, or the end of the file when it stopped early."""
    match = _AT_BYTE.search(message)
    if match is None:
        return f"end of file (byte {len(content)})"
    offset = int(match["byte"])
    line = content.count(b"\n", 0, offset) + 1
    column = offset - (content.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def decode_json(
    decoder: msgspec.json.Decoder[T],
    content: bytes | msgspec.Raw,
    *,
    source: str,
    origin: str,
    expected: str,
    path: str = "$",
) -> T:
    """Decode ``content``; anything that is not ``expected`` raises ``ParseError`` saying where.

    ``path`` is where ``content`` sits in the file, for a part decoded on its own (a
    ``msgspec.Raw`` taken from the whole, already known to be well-formed JSON).
    """
    if isinstance(content, bytes) and not content.strip():
        raise ParseError(source=source, origin=origin, location="line 1", problem="the file is empty")
    if isinstance(content, bytes) and content.lstrip()[:1] == b"<":
        raise ParseError(
            source=source,
            origin=origin,
            location="line 1",
            problem=f"this is an HTML page (an error page saved by mistake?), not {expected}",
        )
    try:
        return decoder.decode(content)
    except msgspec.ValidationError as error:
        match = _AT_PATH.match(str(error))
        problem, inner = (match["problem"], match["path"]) if match else (str(error), "")
        # msgspec names a missing field at its object's path; the field itself is the place.
        if missing := _MISSING_FIELD.search(problem):
            inner += f".{missing['field']}"
        raise ParseError(source=source, origin=origin, location=path + inner, problem=problem) from error
    except msgspec.DecodeError as error:
        hint = "the file stops early: truncated download?" if "truncated" in str(error) else "edited by hand?"
        raise ParseError(
            source=source,
            origin=origin,
            location=line_and_column(bytes(content), str(error)),
            problem=f"not valid JSON: {error} ({hint})",
        ) from error
