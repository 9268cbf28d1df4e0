"""SWE-bench leaderboards (``SWE-bench/swe-bench.github.io``, CC BY-NC 4.0).

One board per upstream leaderboard (``Verified``, ``Lite``, ``Test``, ``Multimodal``,
``bash-only``): ``swebench.<name, lowercase>.overall.default``, score = ``resolved``, the percent of
task instances solved. Entries are agent systems: ``model_name`` is the system name as written,
``extra`` says which harness runs which model (see ``_names``) plus the run's facts.

Two formats (shapes in ``_results``): ``swebench-leaderboards-json`` (2024-10 on; the
live file) and ``swebench-legacy-json`` (2024-04/07). Neither carries its own date:
``published_at`` is the date of the version (the manifest's ``version_date``, live: the UTC date
of the commit that last changed the file). The site ranks by ``resolved`` and the files are
sorted that way; entries keep that order (ties stay in file order) and carry no rank: equal
percentages are real ties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

import httpx
import msgspec

from ingest.errors import ParseError
from ingest.records import Board, Entry, RawPayload, Snapshot
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources._github_commits import fetch_at_latest_commit
from ingest.sources._payload import FormatErrors, decode_json
from ingest.sources.swebench._results import (
    SWEBENCH,
    LegacyResult,
    Result,
    entry_from_result,
    leaderboards_decoder,
    legacy_decoder,
    parse_submission_date,
)

__all__ = ("FORMATS", "LEADERBOARDS_FORMAT", "LEGACY_FORMAT", "swebench_board")

_LEADERBOARDS_NAME = "swebench-leaderboards-json"
_LEGACY_NAME = "swebench-legacy-json"
_REPO = "SWE-bench/swe-bench.github.io"
_LIVE_PATH = "data/leaderboards.json"

_LEADERBOARDS_START = re.compile(rb'\s*\{\s*"leaderboards"\s*:\s*\[')
_LEGACY_START = re.compile(rb'\s*\{\s*"(?:test|lite)_leaderboard"\s*:\s*\[')
_LEGACY_KEY = re.compile(r"(?P<board>[a-z]+)_leaderboard")
_ARENA = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MSGSPEC_ERROR = re.compile(r"(?P<problem>.*?)(?: - at `\$(?P<path>[^`]*)`)?", re.DOTALL)
_MISSING_FIELD = re.compile(r"missing required field `(?P<field>[^`]+)`")
_T = TypeVar("_T")


def swebench_board(leaderboard: str) -> Board:
    """The board of one upstream leaderboard name (``Verified`` -> ``swebench.verified.overall.default``)."""
    return Board(
        source=SWEBENCH,
        arena=leaderboard.strip().lower().replace(" ", "-"),
        category="overall",
        variant="default",
        metric="resolved",
        unit="percent",
        higher_is_better=True,
    )


def _error(name: str, raw: RawPayload, location: str, problem: str) -> ParseError:
    return FormatErrors(name)(raw, location, problem)


def _published_at(name: str, raw: RawPayload) -> date:
    if raw.published_hint is None:
        raise _error(
            name,
            raw,
            "published date",
            "the SWE-bench JSON carries no version date; supply it as published_hint: the manifest's "
            "version_date, a date in the file name (leaderboards_2025-12-11.json), or fetch live",
        )
    return raw.published_hint


def _decode(name: str, raw: RawPayload, decoder: msgspec.json.Decoder[_T]) -> _T:
    return decode_json(
        decoder, raw.content, source=name, origin=raw.origin, expected="SWE-bench JSON", saved_as=".json"
    )


def _submission_date(name: str, raw: RawPayload, result: Result | LegacyResult, path: str) -> date | None:
    if result.date is None or not result.date.strip():
        return None
    day = parse_submission_date(result.date)
    if day is None:
        raise _error(name, raw, f"{path}.date", f"expected a date like 2024-04-02, got {result.date!r}")
    return day


def _snapshot(
    name: str,
    raw: RawPayload,
    board: Board,
    published_at: date,
    results: Iterable[tuple[str, Result | LegacyResult, float]],
) -> Snapshot:
    entries: list[Entry] = []
    for path, result, score in results:
        if not result.name.strip():
            raise _error(name, raw, f"{path}.name", "empty system name")
        if not 0.0 <= score <= 100.0:
            raise _error(name, raw, f"{path}.resolved", f"expected a percentage 0-100, got {score}")
        day = _submission_date(name, raw, result, path)
        entries.append(entry_from_result(result, score=score, board=board.arena, day=day))
    # The site lists by resolved, descending; a stable sort keeps upstream order among ties.
    entries.sort(key=lambda entry: -(entry.score or 0.0))
    return Snapshot(board=board, published_at=published_at, entries=tuple(entries))


def parse_leaderboards(raw: RawPayload) -> list[Snapshot]:
    """One snapshot per leaderboard of a ``{"leaderboards": [...]}`` file; ``ParseError`` on bad input."""
    name = _LEADERBOARDS_NAME
    document = _decode(name, raw, leaderboards_decoder)
    published_at = _published_at(name, raw)
    snapshots: list[Snapshot] = []
    arenas: set[str] = set()
    for index, leaderboard in enumerate(document.leaderboards):
        path = f"$.leaderboards[{index}]"
        board = swebench_board(leaderboard.name)
        if not _ARENA.fullmatch(board.arena):
            raise _error(name, raw, f"{path}.name", f"unusable board name {leaderboard.name!r}")
        if board.arena in arenas:
            raise _error(name, raw, f"{path}.name", f"board {leaderboard.name!r} is listed twice")
        arenas.add(board.arena)
        if not leaderboard.results:
            continue
        results = ((f"{path}.results[{i}]", r, r.resolved) for i, r in enumerate(leaderboard.results))
        snapshots.append(_snapshot(name, raw, board, published_at, results))
    if not snapshots:
        raise _error(name, raw, "$.leaderboards", "no leaderboard with results")
    return snapshots


def _legacy_score(raw: RawPayload, path: str, result: LegacyResult) -> float:
    if isinstance(result.resolved, float):
        return result.resolved
    text = result.resolved.strip()
    if not _NUMBER.fullmatch(text):
        raise _error(
            _LEGACY_NAME, raw, f"{path}.resolved", f"expected a percentage like '12.29', got {text!r}"
        )
    return float(text)


def parse_legacy(raw: RawPayload) -> list[Snapshot]:
    """One snapshot per ``<board>_leaderboard`` list of a 2024 ``template/data.json``."""
    name = _LEGACY_NAME
    document = _decode(name, raw, legacy_decoder)
    published_at = _published_at(name, raw)
    snapshots: list[Snapshot] = []
    for key, results in document.items():
        match = _LEGACY_KEY.fullmatch(key)
        if match is None:
            raise _error(name, raw, f"$.{key}", "expected keys like test_leaderboard, lite_leaderboard")
        if not results:
            continue
        scored = (
            (f"$.{key}[{i}]", result, _legacy_score(raw, f"$.{key}[{i}]", result))
            for i, result in enumerate(results)
        )
        snapshots.append(_snapshot(name, raw, swebench_board(match["board"]), published_at, scored))
    if not snapshots:
        raise _error(name, raw, "$", "no *_leaderboard list with results")
    return snapshots


def sniff_leaderboards(origin: str, head: bytes) -> bool:
    """A JSON object whose first key is ``leaderboards``, a list."""
    return _LEADERBOARDS_START.match(head) is not None


def sniff_legacy(origin: str, head: bytes) -> bool:
    """A JSON object whose first key is ``test_leaderboard`` or ``lite_leaderboard``, a list."""
    return _LEGACY_START.match(head) is not None


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """``data/leaderboards.json`` at the commit that last changed it, dated by that commit (UTC)."""
    # The commit subjects state no data date ("Add ... results"); the site shows the file as
    # committed, so the commit's UTC date is the version date (as in the archive).
    return [fetch_at_latest_commit(client, _REPO, _LIVE_PATH)]


LEADERBOARDS_FORMAT = SourceFormat(
    name=_LEADERBOARDS_NAME,
    source=SWEBENCH,
    description="SWE-bench leaderboards JSON, 2024-10 on (swe-bench.github.io data/leaderboards.json)",
    precedence=10,
    sniff=sniff_leaderboards,
    parse=parse_leaderboards,
    fetch=fetch,
)
"""The ``swebench-leaderboards-json`` format (the live file)."""

LEGACY_FORMAT = SourceFormat(
    name=_LEGACY_NAME,
    source=SWEBENCH,
    description="SWE-bench test/lite leaderboards JSON, 2024-04/07 (swe-bench.github.io template/data.json)",
    precedence=20,
    sniff=sniff_legacy,
    parse=parse_legacy,
)
"""The ``swebench-legacy-json`` format (archive only)."""

FORMATS: tuple[SourceFormat, ...] = (LEADERBOARDS_FORMAT, LEGACY_FORMAT)
"""SWE-bench's formats, best first."""
