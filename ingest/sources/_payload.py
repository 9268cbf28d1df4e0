"""Reading an upstream payload: bytes to text or to typed JSON, with errors made readable.

Every format needs the same answers: an empty file, bytes that are not UTF-8 text, an HTML page
saved in the file's place, JSON that stops early or is malformed (named by line and column, as
editors count), and JSON of the wrong shape (named by its JSON path, e.g. ``$.models[3].score``).
Each names the format and the file (``FormatErrors``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import msgspec

from ingest.errors import ParseError
from ingest.records import RawPayload

__all__ = ("FormatErrors", "decode_json", "decode_text", "line_and_column")

T = TypeVar("T")

_AT_PATH = re.compile(r"^(?P<problem>.*) - at `\$(?P<path>[^`]*)`$", re.DOTALL)
_MISSING_FIELD = re.compile(r"missing required field `(?P<field>[^`]+)`")
_AT_BYTE = re.compile(r"\(byte (?P<byte>\d+)\)")


@dataclass(frozen=True)
class FormatErrors:
    """The ``ParseError``s of one format: ``raise _error(raw, "line 3", "a score is missing")``."""

    source: str
    """The format (or source) the errors name first."""

    def __call__(self, payload: RawPayload | str, location: str, problem: str) -> ParseError:
        """The error at ``location`` of ``payload`` (a payload or its origin)."""
        origin = payload if isinstance(payload, str) else payload.origin
        return ParseError(source=self.source, origin=origin, location=location, problem=problem)

    def of(self, payload: RawPayload | str) -> Callable[[str, str], ParseError]:
        """The errors of one payload: ``fail = errors.of(raw)`` then ``raise fail("line 1", ...)``."""
        return lambda location, problem: self(payload, location, problem)


def _html_page(expected: str, saved_as: str | None) -> str:
    mistake = f"saved as {saved_as}" if saved_as else "saved by mistake"
    return f"this is an HTML page (an error page {mistake}?), not {expected}"


def decode_text(raw: RawPayload, *, source: str, expected: str, saved_as: str | None = None) -> str:
    """The payload as text (UTF-8, a leading byte-order mark dropped).

    Raises:
        ParseError: the file is empty, is not UTF-8 (the first bad byte named) or is an HTML page
            (an error page saved as ``saved_as``, e.g. ``.csv``) rather than ``expected``.
    """
    fail = FormatErrors(source).of(raw)
    try:
        text = raw.content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(f"byte {error.start}", "not UTF-8 text") from None
    if not text.strip():
        raise fail("line 1", "the file is empty")
    if text.lstrip().startswith("<"):
        raise fail("line 1", _html_page(expected, saved_as))
    return text


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
    saved_as: str | None = None,
) -> T:
    """Decode ``content``; anything that is not ``expected`` raises ``ParseError`` saying where.

    ``path`` is where ``content`` sits in the file, for a part decoded on its own (a
    ``msgspec.Raw`` taken from the whole, already known to be well-formed JSON); ``saved_as``
    (``.json``) says what an HTML page in its place was saved as.
    """
    if isinstance(content, bytes) and not content.strip():
        raise ParseError(source=source, origin=origin, location="line 1", problem="the file is empty")
    if isinstance(content, bytes) and content.lstrip()[:1] == b"<":
        raise ParseError(
            source=source,
            origin=origin,
            location="line 1",
            problem=_html_page(expected, saved_as),
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
