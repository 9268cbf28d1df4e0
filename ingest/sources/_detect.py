"""Telling a payload's format from its content, and saying why when no format recognises it.

Each format's ``sniff`` looks at the first 64 KiB (and the name). When none says yes, the error
says why, as ``--format`` would: every candidate format of the same kind of file (CSV, JSON,
Markdown, YAML, Parquet) parses the payload, and its complaint (line, column, JSON path,
missing column) goes into the message, identical complaints once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import msgspec

from ingest.errors import ParseError, UnknownFormatError
from ingest.records import RawPayload
from ingest.sources._format import SourceFormat

__all__ = ("SNIFF_BYTES", "detect", "with_archive_hints")

SNIFF_BYTES = 65536
"""How much of the payload the sniffers see."""
_SUFFIX_KINDS = {
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".parquet": "parquet",
}
_MAX_REASON = 300


def with_archive_hints(raw: RawPayload, source_format: SourceFormat) -> RawPayload:
    """Facts that live beside an archived file (a folder's index) merged into its hints; the
    payload's own hints (given on the command line) win."""
    if source_format.archive_hints is None or not Path(raw.origin).is_file():
        return raw
    extra_hints = source_format.archive_hints(Path(raw.origin))
    return msgspec.structs.replace(raw, hints={**extra_hints, **raw.hints})


def detect(formats: Sequence[SourceFormat], raw: RawPayload, *, explain: bool) -> SourceFormat:
    """The first format whose sniffer recognises the payload, else ``UnknownFormatError``.

    With ``explain``, the error carries what each candidate format says about the payload.
    """
    head = raw.content[:SNIFF_BYTES]
    for source_format in formats:
        if source_format.sniff(raw.origin, head):
            return source_format
    if not raw.content.strip():
        raise UnknownFormatError(raw.origin, "the file is empty")
    if head.lstrip()[:1] == b"<":
        raise UnknownFormatError(
            raw.origin, "it looks like an HTML page, perhaps an error page saved by mistake"
        )
    encoding = _wide_encoding(head)
    detail = f"it is {encoding} text; rankledger reads UTF-8: convert it first" if encoding else ""
    if not explain:
        raise UnknownFormatError(raw.origin, detail)
    kind = _payload_kind(raw.origin, head, encoding)
    candidates = [f for f in formats if _format_kind(f) == kind]
    raise UnknownFormatError(raw.origin, detail, _reasons(candidates, raw, kind))


def _wide_encoding(head: bytes) -> str | None:
    """``UTF-16``/``UTF-32`` when the payload is text in one of them (by its byte-order mark or NULs)."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if (
        not head.startswith(b"PAR1")
        and b"\x00" in head[:64]
        and head[:64].count(b"\x00") * 3 >= len(head[:64])
    ):
        return "UTF-16"
    return None


def _payload_kind(origin: str, head: bytes, encoding: str | None) -> str:
    """csv, json, md, yaml or parquet: by the file's suffix, else by its first characters."""
    suffix = Path(origin.split("?", 1)[0]).suffix.lower()
    if suffix in _SUFFIX_KINDS:
        return _SUFFIX_KINDS[suffix]
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.decode(encoding.lower() if encoding else "utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if text[:1] in ("{", "["):
        return "json"
    if text[:1] in ("|", "#"):
        return "md"
    if text.startswith("- "):
        return "yaml"
    return "csv"


def _format_kind(source_format: SourceFormat) -> str:
    """A format's kind of file: the last part of its name (``lmarena-dataset-rows`` pages are JSON)."""
    kind = source_format.name.rsplit("-", 1)[-1]
    return "json" if kind == "rows" else kind


def _reasons(candidates: Sequence[SourceFormat], raw: RawPayload, kind: str) -> list[str]:
    """One line per distinct complaint: ``name[, name...]: location: problem``."""
    said: dict[str, list[str]] = {}
    for source_format in candidates:
        said.setdefault(_complaint(source_format, raw), []).append(source_format.name)
    if not said:
        return [f"no format reads {kind} files like this one"]
    return [f"{', '.join(names)}: {complaint}" for complaint, names in said.items()]


def _complaint(source_format: SourceFormat, raw: RawPayload) -> str:
    """What parsing the payload with this format says (it is pure: no I/O, no side effect)."""
    try:
        snapshots = source_format.parse(with_archive_hints(raw, source_format))
    except ParseError as error:
        complaint = f"{error.location}: {error.problem}"
    except Exception as error:  # a parser fed a foreign file may fail in any way; only its words matter
        complaint = str(error) or type(error).__name__
    else:
        return (
            f"reads it ({len(snapshots)} snapshot(s)) though the file does not look like its usual "
            f"shape; if that is right, import it with --format {source_format.name}"
        )
    return complaint if len(complaint) <= _MAX_REASON else complaint[: _MAX_REASON - 1] + "…"
