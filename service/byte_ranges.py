"""Byte ranges (RFC 9110 §14): how polars, DuckDB, pyarrow and fsspec read a remote file
(a ``HEAD`` for its size, then the footer and the column chunks of a Parquet file they need).

One range per request: ``bytes=0-99``, open-ended ``bytes=100-`` and suffix ``bytes=-500``; the
answer is ``206 Partial Content`` with ``Content-Range``. A range starting past the end (or a
zero-length suffix, or any range of an empty file) is ``416`` with ``Content-Range: bytes */<size>``.
A request asking for several ranges at once gets the whole file with ``200``, as RFC 9110 §14.2
allows (a server may ignore ``Range``); so does a ``Range`` header that does not parse, or another
unit than bytes. ``If-Range`` lets the range through only if it holds the file's strong ``ETag``
(or exactly its ``Last-Modified`` date); otherwise the whole file is sent.

This module parses and reads; export files use it directly (streaming the range from disk), and
``service/range_responses.py`` applies it to every other ``GET`` response.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

__all__ = (
    "ByteRange",
    "RangeNotSatisfiableError",
    "if_range_holds",
    "read_range",
    "requested_range",
)

_SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)", re.ASCII | re.IGNORECASE)
_CHUNK = 1 << 20


class RangeNotSatisfiableError(ValueError):
    """The requested range lies outside the file (answered with 416)."""


@dataclass(frozen=True)
class ByteRange:
    """An inclusive range of byte positions within a file of known size."""

    start: int
    """First byte position (0-based)."""
    end: int
    """Last byte position, included."""

    @property
    def length(self) -> int:
        """Bytes in the range (the ``Content-Length`` of the 206)."""
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        """``Content-Range`` of the 206, e.g. ``bytes 0-99/3807709``."""
        return f"bytes {self.start}-{self.end}/{size}"


def requested_range(header: str | None, size: int) -> ByteRange | None:
    """The single range a ``Range`` header asks for, clipped to the file; ``None``: send it all.

    Raises:
        RangeNotSatisfiableError: The range starts at or past ``size`` (or is a zero-length suffix).
    """
    if not header:
        return None
    match = _SINGLE_RANGE.fullmatch(header.replace(" ", ""))
    if match is None:
        return None  # several ranges, another unit, or not a range at all: the whole file
    first, last = match.groups()
    if not first:
        if not last:
            return None
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiableError(f"bytes=-{last} of a {size}-byte file")
        return ByteRange(start=max(0, size - suffix), end=size - 1)
    start = int(first)
    if last and int(last) < start:
        return None  # an invalid range-spec: ignore the header
    if start >= size:
        raise RangeNotSatisfiableError(f"{header} starts past the end of a {size}-byte file")
    return ByteRange(start=start, end=min(int(last), size - 1) if last else size - 1)


def if_range_holds(if_range: str | None, etag: str, last_modified: str | None) -> bool:
    """Whether ``If-Range`` lets a range through: strong ETag equality, or the exact date."""
    if not if_range:
        return True
    value = if_range.strip()
    if value.startswith(('"', "W/")):
        return not etag.startswith("W/") and value == etag
    if last_modified is None:
        return False
    try:
        return parsedate_to_datetime(value) == parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False


def read_range(path: Path, byte_range: ByteRange) -> Iterator[bytes]:
    """The range's bytes, in chunks of at most 1 MiB."""
    with path.open("rb") as file:
        file.seek(byte_range.start)
        remaining = byte_range.length
        while remaining > 0:
            chunk = file.read(min(_CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk
