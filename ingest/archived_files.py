"""Reading archived upstream files from disk, with their provenance.

Archived copies (``seeds/``, ``tests/fixtures/``, a user's download folder) sit beside a
``manifest.csv`` that says where each file came from: upstream repo and path, commit, commit time
and the upstream's own version date. That row is the file's provenance line; when it is missing
the date in the file name is used.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from ingest.dates import date_from_groups
from ingest.records import RawPayload

__all__ = (
    "MANIFEST_NAME",
    "iter_archived_files",
    "manifest_row",
    "read_archived_file",
)

MANIFEST_NAME = "manifest.csv"
"""File name of the provenance manifest in an archive folder."""

# Manifest columns that carry the upstream's own publication date, most specific first.
_PUBLISHED_COLUMNS = ("upstream_version", "version_date", "version_date_utc")
_DATE_IN_NAME = re.compile(r"(\d{4})[-_.](\d{2})[-_.](\d{2})")
_SKIPPED_NAMES = {MANIFEST_NAME, "PROVENANCE.md", "README.md"}


def _find_manifest(path: Path) -> tuple[Path, str] | None:
    """The nearest ``manifest.csv`` above ``path`` and the file's path relative to it."""
    for folder in path.parents:
        manifest = folder / MANIFEST_NAME
        if manifest.is_file():
            return manifest, path.relative_to(folder).as_posix()
    return None


@lru_cache(maxsize=64)
def _manifest_rows(manifest: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    """A manifest's rows by their ``file`` (the first row of each), read once per folder import
    (``mtime_ns`` notices an edited manifest)."""
    with manifest.open(newline="", encoding="utf-8") as handle:
        rows: dict[str, dict[str, str]] = {}
        for row in csv.DictReader(handle):
            file = row.get("file")
            if file is not None:
                rows.setdefault(file, row)
        return rows


def manifest_row(path: Path) -> dict[str, str] | None:
    """The provenance row for ``path`` from the nearest manifest, if it lists the file."""
    found = _find_manifest(path.resolve())
    if found is None:
        return None
    manifest, relative = found
    rows = _manifest_rows(manifest, manifest.stat().st_mtime_ns)
    # Some manifests list files by path below the manifest, others by bare file name.
    for key in (relative, relative.rsplit("/", 1)[-1]):
        if (row := rows.get(key)) is not None:
            return row
    return None


def _date_in(text: str) -> date | None:
    return date_from_groups(_DATE_IN_NAME.search(text))


def read_archived_file(path: Path) -> RawPayload:
    """The file's bytes with its provenance: retrieval time and upstream date when known."""
    content = path.read_bytes()
    row = manifest_row(path) or {}
    published = next((d for c in _PUBLISHED_COLUMNS if (d := _date_in(row.get(c, ""))) is not None), None)
    if published is None:
        published = _date_in(path.name)
    commit_time = row.get("commit_time")
    if commit_time:
        retrieved_at = datetime.fromisoformat(commit_time).astimezone(UTC)
    else:
        retrieved_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return RawPayload(
        origin=str(path),
        content=content,
        retrieved_at=retrieved_at,
        published_hint=published,
        hints={k: v for k, v in row.items() if v},
    )


def iter_archived_files(path: Path) -> Iterator[Path]:
    """``path`` itself, or every data file below a folder in a stable order (manifests skipped)."""
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        if child.is_file() and child.name not in _SKIPPED_NAMES and not child.name.startswith("."):
            yield child
