"""Artificial Analysis (artificialanalysis.ai): intelligence, coding and math indices and evaluations.

AA benchmarks LLMs itself and publishes, per model, composite indices (0-100) and the evaluations
behind them (fractions 0-1), plus prices and speeds. Two formats:

* ``artificial-analysis-api-json``: the raw answer of ``GET /api/v2/data/llms/models`` (live, with
  a key, see ``fetch``). AA publishes no rank and **no data date**: the snapshot is dated by the
  fetch (``published_hint``, else the UTC date of ``retrieved_at``).
* ``artificial-analysis-collector-json``: the daily copy by ``Scarlett9826/arena-ai-leaderboards``
  (``data/artificial_analysis/<date>/llms.json``), dated by its ``meta.snapshot_date``, with ranks
  the collector computed (positional: ties broken by AA's list order). Its ``_summary.json`` is
  a digest of ``llms.json`` and parses to no snapshot.

One board per evaluation key with at least one value: ``artificial-analysis.llm.<key without
artificial_analysis_>.default`` (``...intelligence_index.default``, ``...gpqa.default``). A model with
a null value is not on that board. AA's terms require attribution to https://artificialanalysis.ai/.
"""

from __future__ import annotations

import re
from datetime import UTC, date
from typing import Any

import httpx
import msgspec

from ingest.errors import ParseError
from ingest.records import Board, Entry, RawPayload, Snapshot
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources.artificial_analysis._fetch import (
    API_KEY_ENV,
    API_URL,
    ATTRIBUTION,
    MIN_INTERVAL,
    cache_dir_in,
    fetch_models,
    read_api_key,
)
from ingest.sources.artificial_analysis._json import (
    API_DECODER,
    COLLECTOR_DECODER,
    ModelRow,
    api_rows,
    collector_rows,
    decode,
)

__all__ = (
    "API_KEY_ENV",
    "API_URL",
    "ATTRIBUTION",
    "FORMATS",
    "MIN_INTERVAL",
    "SOURCE",
    "artificial_analysis_board",
    "fetch",
    "fetch_models",
    "parse_api_json",
    "parse_collector_json",
)

SOURCE = "artificial-analysis"
"""Source id of every board of this module."""
_API_FORMAT = "artificial-analysis-api-json"
_COLLECTOR_FORMAT = "artificial-analysis-collector-json"
_INDEX_PREFIX = "artificial_analysis_"
_CATEGORY = re.compile(r"[a-z0-9_]+")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COLLECTOR_SOURCE = re.compile(rb'"source"\s*:\s*"artificial_analysis"')
_API_DATA = re.compile(rb'^\s*\{.*"data"\s*:\s*\[', re.DOTALL)


def artificial_analysis_board(metric: str) -> Board:
    """The board of one evaluation key: AA's indices are on a 0-100 scale, other evaluations 0-1."""
    category = metric.removeprefix(_INDEX_PREFIX)
    return Board(
        source=SOURCE,
        arena="llm",
        category=category,
        variant="default",
        metric=metric,
        unit="index" if category.endswith("_index") else "fraction",
        higher_is_better=True,
    )


def _key_path(path: str, key: str) -> str:
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{msgspec.json.encode(key).decode()}]"


def _score(raw: RawPayload, source: str, row: ModelRow, metric: str, value: Any) -> float | None:
    """The value as a float, ``None`` when null; ``ParseError`` naming the JSON path otherwise."""
    if value is None:
        return None
    path = _key_path(f"{row.path}.evaluations", metric)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParseError(
            source=source,
            origin=raw.origin,
            location=path,
            problem=f"expected a number or null, got {value!r}",
        )
    if not _CATEGORY.fullmatch(metric.removeprefix(_INDEX_PREFIX)):
        problem = "evaluation keys must be lower-case letters, digits and _ to become a board id"
        raise ParseError(source=source, origin=raw.origin, location=path, problem=problem)
    # AA gives evaluations as fractions; a percent here would silently look like a 100x jump.
    if artificial_analysis_board(metric).unit == "fraction" and not 0.0 <= value <= 1.0:
        problem = f"{value} is outside 0-1, the scale AA uses for evaluations (rescaled to percent?)"
        raise ParseError(source=source, origin=raw.origin, location=path, problem=problem)
    return float(value)


def _rank(raw: RawPayload, source: str, row: ModelRow, board: Board) -> int | None:
    rank = row.ranks.get(board.category)
    if rank is None:
        return None
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
        location = _key_path(f"{row.path}.ranks", board.category)
        problem = f"expected a rank (an integer from 1) or null, got {rank!r}"
        raise ParseError(source=source, origin=raw.origin, location=location, problem=problem)
    return rank


def _extra(row: ModelRow) -> dict[str, Any]:
    """Naming facts for the identity registry (``aa_id`` is AA's stable key), prices and speeds."""
    extra: dict[str, Any] = {
        "aa_id": row.aa_id,
        "slug": row.slug,
        "creator_name": row.creator_name,
        "creator_slug": row.creator_slug,
        "release_date": row.release_date,
        "pricing": {
            k: v for k, v in row.pricing.items() if isinstance(v, int | float) and not isinstance(v, bool)
        },
        "speed": dict(row.speed),
    }
    if row.creator_id is not None:
        extra["aa_creator_id"] = row.creator_id
    return extra


def _snapshots(raw: RawPayload, source: str, rows: list[ModelRow], published_at: date) -> list[Snapshot]:
    """One snapshot per evaluation key that has a value; entries by descending score, ties in AA's order."""
    seen: dict[str, str] = {}
    for row in rows:
        if (first := seen.setdefault(row.aa_id, row.path)) != row.path:
            problem = f"model id {row.aa_id} appears twice (also at {first})"
            raise ParseError(source=source, origin=raw.origin, location=f"{row.path}.id", problem=problem)
    entries: dict[str, list[Entry]] = {}
    for row in rows:
        for metric, value in row.evaluations.items():
            # Keys are registered even when null so that boards come in AA's key order.
            board_entries = entries.setdefault(metric, [])
            score = _score(raw, source, row, metric, value)
            if score is None:
                continue
            board = artificial_analysis_board(metric)
            board_entries.append(
                Entry(
                    model_name=row.name,
                    rank=_rank(raw, source, row, board),
                    score=score,
                    organization=row.creator_name,
                    extra=_extra(row),
                )
            )
    snapshots = []
    for metric, board_entries in entries.items():
        if not board_entries:
            continue
        board_entries.sort(key=lambda entry: -(entry.score or 0.0))
        snapshots.append(
            Snapshot(
                board=artificial_analysis_board(metric),
                published_at=published_at,
                entries=tuple(board_entries),
            )
        )
    return snapshots


def parse_api_json(raw: RawPayload) -> list[Snapshot]:
    """Boards from the raw API answer, dated by the fetch (AA states no data date)."""
    answer = decode(API_DECODER, raw.content, source=_API_FORMAT, origin=raw.origin)
    if answer.status is not None and answer.status != httpx.codes.OK:
        problem = f"the answer reports status {answer.status}, not 200: an error answer saved as data?"
        raise ParseError(source=_API_FORMAT, origin=raw.origin, location="$.status", problem=problem)
    if not answer.data:
        raise ParseError(source=_API_FORMAT, origin=raw.origin, location="$.data", problem="no models")
    published_at = raw.published_hint or raw.retrieved_at.astimezone(UTC).date()
    return _snapshots(raw, _API_FORMAT, api_rows(answer), published_at)


def parse_collector_json(raw: RawPayload) -> list[Snapshot]:
    """Boards of the collector's ``llms.json``, dated by ``meta.snapshot_date``; none from its summary."""
    document = decode(COLLECTOR_DECODER, raw.content, source=_COLLECTOR_FORMAT, origin=raw.origin)
    if document.models is None and document.top10_per_board is not None:
        return []
    if document.meta is None or document.models is None:
        missing = "meta" if document.meta is None else "models"
        problem = f"no `{missing}`: not the collector's llms.json (nor its _summary.json)"
        raise ParseError(
            source=_COLLECTOR_FORMAT, origin=raw.origin, location=f"$.{missing}", problem=problem
        )
    if not document.models:
        raise ParseError(
            source=_COLLECTOR_FORMAT, origin=raw.origin, location="$.models", problem="no models"
        )
    rows = collector_rows(document.models)
    return _snapshots(raw, _COLLECTOR_FORMAT, rows, document.meta.snapshot_date)


def _sniff_api_json(origin: str, head: bytes) -> bool:
    """An object with a ``data`` list whose rows carry ``model_creator`` and ``evaluations``."""
    return bool(_API_DATA.match(head)) and b'"model_creator"' in head and b'"evaluations"' in head


def _sniff_collector_json(origin: str, head: bytes) -> bool:
    """``llms.json`` (``"source": "artificial_analysis"`` in its meta) or ``_summary.json``."""
    if head.lstrip()[:1] != b"{":
        return False
    is_llms = bool(_COLLECTOR_SOURCE.search(head)) and b'"snapshot_date"' in head
    is_summary = b'"top10_per_board"' in head and b'"creator_slug"' in head
    return is_llms or is_summary


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """The current API answer, with the key ``RANKLEDGER_AA_API_KEY`` of ``settings.credentials``,
    cached in ``settings.data_dir`` (``settings`` default: from the environment).

    The cache lives in ``<data dir>/cache/artificial_analysis/`` (``./data`` by default): within an
    hour of the last call the cached answer is returned without calling AA, and later calls are
    conditional (``If-None-Match`` / ``If-Modified-Since``) when AA sent validators.
    """
    settings = settings or FetchSettings.from_env()
    return [fetch_models(client, read_api_key(settings.credentials), cache_dir_in(settings.data_dir))]


FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat(
        name=_API_FORMAT,
        source=SOURCE,
        description="Artificial Analysis LLM indices and evaluations, raw answer of /api/v2/data/llms/models",
        precedence=10,
        sniff=_sniff_api_json,
        parse=parse_api_json,
        fetch=fetch,
        credential_env=API_KEY_ENV,
    ),
    SourceFormat(
        name=_COLLECTOR_FORMAT,
        source=SOURCE,
        description="Artificial Analysis LLM data, daily collector copy (arena-ai-leaderboards llms.json)",
        precedence=20,
        sniff=_sniff_collector_json,
        parse=parse_collector_json,
    ),
)
"""The raw API answer (live) and the collector's archived copy."""
