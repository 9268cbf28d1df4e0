"""Where a LiveBench table finds its release's category map when the payload does not carry it.

In order: the hints already given (a live fetch pairs each table with its map; ``rankledger
import TABLE --categories FILE`` passes one), a map beside the archived table (same folder or a
sibling folder), then a map archived in the warehouse by an earlier import. Beside the table and
in the warehouse, the map chosen is the newest version not later than the table's (a release's
map may gain tasks after a table version, see ``livebench``); only a later one is used when no
other exists, and then as the later version it is.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from ingest.archived_files import manifest_row
from ingest.records import RawPayload
from ingest.sources._format import PayloadArchive
from ingest.sources.livebench._scores import FORMAT_NAME

__all__ = (
    "CATEGORIES_NAME",
    "TABLE_NAME",
    "archive_hints",
    "category_map_hints",
    "stored_hints",
    "table_name",
)

TABLE_NAME = re.compile(r"table_(\d{4}_\d{2}_\d{2})(?:@(\d{4}-\d{2}-\d{2})[^/\\]*)?\.csv$")
"""``table_<release>.csv``, optionally ``table_<release>@<version date>…csv`` (archived versions)."""
CATEGORIES_NAME = re.compile(r"categories_(\d{4}_\d{2}_\d{2})(?:@(\d{4}-\d{2}-\d{2})[^/\\]*)?\.json$")
"""``categories_<release>.json``, optionally with ``@<version date>…`` like a table."""


def table_name(raw: RawPayload) -> tuple[str, re.Match[str] | None]:
    """The table's file name and release, from the manifest's ``source_path`` or the origin."""
    name = ""
    for text in (raw.hints.get("source_path", ""), raw.origin):
        name = re.split(r"[\\/]", text.strip())[-1]
        if (match := TABLE_NAME.search(name)) is not None:
            return name, match
    return name, None


def _archived_version(path: Path, version_in_name: str | None) -> date | None:
    row = manifest_row(path) or {}
    if row.get("version_date"):
        return date.fromisoformat(row["version_date"][:10])
    if row.get("commit_time"):
        return datetime.fromisoformat(row["commit_time"]).astimezone(UTC).date()
    return date.fromisoformat(version_in_name) if version_in_name else None


def _map_hints(text: str, origin: str, version: date | None) -> dict[str, str]:
    # All three keys always, so hints from two places never mix (an empty date: unknown).
    version_text = "" if version is None else version.isoformat()
    return {"categories_json": text, "categories_origin": origin, "categories_version_date": version_text}


def _choose(found: list[tuple[date, str]], table_version: date | None) -> int:
    """Index of the newest map version not later than the table's (else of the oldest one)."""
    order = sorted(range(len(found)), key=lambda i: (found[i][0], i))
    not_later = [i for i in order if table_version is None or found[i][0] <= table_version]
    return not_later[-1] if not_later else order[0]


def category_map_hints(path: Path) -> dict[str, str]:
    """The hints that hand a category map file to the parser: its text, origin and version date
    (from its manifest row or its file name; empty when unknown, so every task it names must be
    a column of the table)."""
    name = CATEGORIES_NAME.search(path.name)
    version = _archived_version(path, name[2] if name else None)
    return _map_hints(path.read_bytes().decode("utf-8", "replace"), str(path), version)


def archive_hints(path: Path) -> dict[str, str]:
    """For an archived table, its release's category map found beside it.

    Looked for beside the table, then in sibling folders (``history/`` tables use the maps in
    ``release_latest/``); names ``categories_<release>.json`` or ``categories_<release>@<date>….json``.
    """
    match = TABLE_NAME.search(path.name)
    if match is None:
        return {}
    folders = [
        path.parent,
        *sorted(p for p in path.parent.parent.iterdir() if p.is_dir() and p != path.parent),
    ]
    candidates: list[tuple[date, Path]] = []
    for folder in folders:
        for candidate in sorted(folder.glob(f"categories_{match[1]}*.json")):
            if (name := CATEGORIES_NAME.fullmatch(candidate.name)) is not None and name[1] == match[1]:
                candidates.append((_archived_version(candidate, name[2]) or date.min, candidate))
    if not candidates:
        return {}
    table_version = _archived_version(path, match[2])
    version, chosen = candidates[_choose([(d, str(p)) for d, p in candidates], table_version)]
    text = chosen.read_bytes().decode("utf-8", "replace")
    return _map_hints(text, str(chosen), None if version == date.min else version)


def _table_version(raw: RawPayload, version_in_name: str | None) -> date | None:
    """The table's version date as far as it is known (``parse`` reports a malformed one)."""
    try:
        if version_date := raw.hints.get("version_date"):
            return date.fromisoformat(version_date[:10])
        if commit_time := raw.hints.get("commit_time"):
            return datetime.fromisoformat(commit_time).astimezone(UTC).date()
    except ValueError:
        return None
    return date.fromisoformat(version_in_name) if version_in_name else raw.published_hint


def stored_hints(raw: RawPayload, archive: PayloadArchive) -> dict[str, str]:
    """For a table without its map, the map of its release archived by an earlier import.

    An archived map's version date is its retrieval date (for an archived file, its upstream
    commit time), so a map fetched after the table counts as the later version.
    """
    if "categories_json" in raw.hints or raw.content.lstrip().startswith(b"{"):
        return {}
    _, match = table_name(raw)
    if match is None:
        return {}
    pattern = re.compile(rf"categories_{match[1]}(?:@[^/\\]*)?\.json$")
    stored = archive.accepted_payloads(FORMAT_NAME, pattern)
    if not stored:
        return {}
    found = [(payload.retrieved_at.astimezone(UTC).date(), payload.origin) for payload in stored]
    chosen = _choose(found, _table_version(raw, match[2]))
    text = stored[chosen].content.decode("utf-8", "replace")
    return _map_hints(text, f"{found[chosen][1]} (archived in the warehouse)", found[chosen][0])
