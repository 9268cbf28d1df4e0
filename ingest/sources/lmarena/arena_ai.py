"""arena.ai's boards, from the community's daily JSON scrape (``arena-ai-leaderboards`` on GitHub).

Every board on arena.ai as the website shows it, scraped daily since 2026-03-19. Two formats:
v1 (until early July 2026) has a ``ci`` per model and, for the big boards, only the top 10-50 rows;
v2 (from 2026-07-30 in the archive) has the full list with ``ci_low``/``ci_high``, a rank spread,
the preliminary flag, prices and, on the agent board, ``signals`` instead of a score.

What the fields mean, checked against the official dataset (``lmarena_hf_dataset_json``, 2026-08-11):

* ``ci`` (v1) and ``ci_low``/``ci_high`` (v2) are ± half-widths, not bounds: v2 always has
  ``ci_low == ci_high`` and equals the dataset's ``rating_upper - rating`` rounded; v1's ``ci`` equals
  v2's on the same board date. Bounds are therefore ``score ∓ half-width`` (±0.5, the score being
  rounded to an integer by the website).
* The website's default view differs per arena: text and vision match the dataset's style-control
  configs, search and document its raw configs, the others have only a raw config.
* ``code`` (v1) and ``code-webdev`` (v2) are the dataset's ``webdev`` board; ``code-image-to-webdev``
  is the dataset's ``webdev`` config, category ``image_to_webdev``.
* The agent board has no score: v2 gives null plus ``signals``; v1's ``score`` column was filled
  from an unidentified column (not ordered by rank, decimals lost on 2026-07-09), kept in ``extra``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import msgspec

from ingest.errors import FetchError, ParseError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources._payload import FormatErrors
from ingest.sources.lmarena._arena_ai_json import (
    BOARD_DECODER,
    FORMAT_NAME,
    INDEX_DECODER,
    POINTER_DECODER,
    BoardFile,
    Model,
    carried_over_boards,
    decode,
    published_date,
)
from ingest.sources.lmarena._boards import LMARENA, RAW, STYLE_CONTROL, lmarena_board

__all__ = (
    "ARCHIVE_URL",
    "FORMATS",
    "carried_over_boards",
    "fetch",
    "parse",
    "sniff",
)

ARCHIVE_URL = "https://raw.githubusercontent.com/aabao325/arena-ai-leaderboards/main/data"
"""The scrape's ``data/`` folder; the fork kept running after ``oolong-tea-2026``'s original."""

# Scraper board slug -> (arena, category, variant) of the dataset board with the same numbers.
_BOARDS: dict[str, tuple[str, str, str]] = {
    "text": ("text", "overall", STYLE_CONTROL),
    "vision": ("vision", "overall", STYLE_CONTROL),
    "search": ("search", "overall", RAW),
    "document": ("document", "overall", RAW),
    "code": ("webdev", "overall", RAW),
    "code-webdev": ("webdev", "overall", RAW),
    "code-image-to-webdev": ("webdev", "image_to_webdev", RAW),
    "text-to-image": ("text-to-image", "overall", RAW),
    "image-edit": ("image-edit", "overall", RAW),
    "text-to-video": ("text-to-video", "overall", RAW),
    "image-to-video": ("image-to-video", "overall", RAW),
    "video-edit": ("video-edit", "overall", RAW),
    "agent": ("agent", "overall", RAW),
}
_SCORELESS_BOARDS = frozenset({"agent"})
# v1 cut the big boards (text, vision, later code) at a whole page of the website's table; the
# small boards' v1 lists are complete (same models as v2's full lists, same last row).
_V1_PAGE_SIZES = frozenset({10, 20, 30, 40, 50})
# Top-level keys only (values left undecoded) to tell the three kinds of file apart.
_TOP_LEVEL_DECODER = msgspec.json.Decoder(dict[str, msgspec.Raw])


def sniff(origin: str, head: bytes) -> bool:
    """A board file, an ``_index.json`` or a ``latest.json`` of the scrape."""
    if not head.lstrip().startswith(b"{"):
        return False
    if b'"meta"' in head and b'"models"' in head and b"arena.ai/leaderboard" in head:
        return True
    if b'"leaderboards"' in head and b'"errors"' in head and b'"model_count"' in head:
        return True
    return origin.endswith("latest.json") and b'"path"' in head and b'"fetched_at"' in head


def parse(raw: RawPayload) -> list[Snapshot]:
    """One snapshot per board file; ``_index.json`` and ``latest.json`` give none.

    ``raw.hints["carried_over"] == "true"`` (set by the importer or ``fetch`` from the folder's
    ``_index.json``, see ``carried_over_boards``) marks the board as copied from an older snapshot.
    """
    keys = decode(_TOP_LEVEL_DECODER, raw.content, raw.origin).keys()
    if "leaderboards" in keys and "models" not in keys:
        decode(INDEX_DECODER, raw.content, raw.origin)
        return []
    if "path" in keys and "models" not in keys:
        decode(POINTER_DECODER, raw.content, raw.origin)
        return []
    board_file = decode(BOARD_DECODER, raw.content, raw.origin)
    return [_snapshot(board_file, raw)]


def _snapshot(board_file: BoardFile, raw: RawPayload) -> Snapshot:
    meta = board_file.meta
    slug = meta.leaderboard
    if slug not in _BOARDS:
        raise ParseError(
            source=FORMAT_NAME,
            origin=raw.origin,
            location="$.meta.leaderboard",
            problem=f"unknown board {slug!r}: add it to _BOARDS once its variant is checked",
        )
    models = board_file.models
    if not models:
        raise ParseError(source=FORMAT_NAME, origin=raw.origin, location="$.models", problem="no models")
    if meta.model_count is not None and meta.model_count != len(models):
        raise ParseError(
            source=FORMAT_NAME,
            origin=raw.origin,
            location="$.meta.model_count",
            problem=f"says {meta.model_count} models but $.models holds {len(models)}",
        )
    version = 1 if models[0].ci_low is msgspec.UNSET else 2
    scoreless = slug in _SCORELESS_BOARDS
    entries = tuple(
        _entry(model, f"$.models[{i}]", version, scoreless, raw.origin) for i, model in enumerate(models)
    )
    # A page without a date (null in 91 of 225 v1 files) was at least current when fetched.
    published = (
        published_date(meta.last_updated, meta.fetched_at, raw.origin)
        or raw.published_hint
        or meta.fetched_at.date()
    )
    # Same Board as the dataset's agent config, whose score is an index, not an Elo rating.
    metric, unit = ("score", "index") if scoreless else ("rating", "elo")
    return Snapshot(
        board=lmarena_board(*_BOARDS[slug], metric=metric, unit=unit),
        published_at=published,
        entries=entries,
        truncated=version == 1 and len(models) in _V1_PAGE_SIZES,
        carried_over=raw.hints.get("carried_over") == "true",
    )


def _entry(model: Model, path: str, version: int, scoreless: bool, origin: str) -> Entry:
    def missing(field: str) -> ParseError:
        problem = f"no `{field}` field, which every format v{version} model has"
        return FormatErrors(FORMAT_NAME)(origin, path, problem)

    extra: dict[str, Any] = {}
    if version == 1:
        if model.ci is msgspec.UNSET:
            raise missing("ci")
        below = above = model.ci
    else:
        if model.ci_low is msgspec.UNSET:
            raise missing("ci_low")
        if model.ci_high is msgspec.UNSET:
            raise missing("ci_high")
        if model.rank_spread is msgspec.UNSET:
            raise missing("rank_spread")
        below, above = model.ci_low, model.ci_high
        extra = {
            "rank_spread": None if model.rank_spread is None else list(model.rank_spread),
            "model_url": model.model_url,
            "price_prompt": model.price_prompt,
            "price_completion": model.price_completion,
            "context_length": model.context_length,
            "signals": msgspec.to_builtins(model.signals),
        }
    score = model.score
    if scoreless:
        # Not the board's ranking metric: kept for the record, never served as a score.
        extra |= {"listed_score": score, "listed_ci": below}
        score = below = above = None
    lower = upper = None
    if score is not None and below is not None and above is not None:
        lower, upper = score - below, score + above
    return Entry(
        model_name=model.model,
        rank=model.rank,
        score=score,
        ci_lower=lower,
        ci_upper=upper,
        votes=model.votes,
        organization=model.vendor,
        license=model.license,
        preliminary=model.preliminary,
        extra={key: value for key, value in extra.items() if value is not None},
    )


def _get(client: httpx.Client, url: str) -> bytes:
    try:
        response = client.get(url, follow_redirects=True)
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc}") from exc
    if response.status_code != httpx.codes.OK:
        raise FetchError(f"{url}: HTTP {response.status_code} (has the scrape repository moved?)")
    return response.content


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """The newest scrape folder: its ``_index.json`` and every board file this parser knows.

    ``latest.json`` names the folder; boards listed under the index's ``errors`` are fetched too
    (their file is the older copy) and get the hint ``carried_over=true``. Boards unknown to
    ``_BOARDS`` are skipped until their variant has been checked.
    """
    pointer_url = f"{ARCHIVE_URL}/latest.json"
    pointer = decode(POINTER_DECODER, _get(client, pointer_url), pointer_url)
    if not pointer.path.replace("-", "").isalnum():
        raise FetchError(f"{pointer_url}: unexpected folder {pointer.path!r}")
    folder = f"{ARCHIVE_URL}/{pointer.path}"
    index_url = f"{folder}/_index.json"
    index_content = _get(client, index_url)
    retrieved_at = datetime.now(UTC)
    index = decode(INDEX_DECODER, index_content, index_url)
    carried = carried_over_boards(index_content, origin=index_url)
    payloads = [RawPayload(origin=index_url, content=index_content, retrieved_at=retrieved_at)]
    for slug in sorted((set(index.leaderboards) | carried) & _BOARDS.keys()):
        url = f"{folder}/{slug}.json"
        payloads.append(
            RawPayload(
                origin=url,
                content=_get(client, url),
                retrieved_at=datetime.now(UTC),
                hints={"board": slug, "carried_over": "true" if slug in carried else "false"},
            )
        )
    return payloads


def archive_hints(path: Path) -> dict[str, str]:
    """An archived board file is carried over when its folder's ``_index.json`` lists an error for it."""
    index = path.parent / "_index.json"
    if path.name.startswith("_") or not index.is_file():
        return {}
    carried = carried_over_boards(index.read_bytes(), origin=str(index))
    return {"carried_over": "true" if path.stem in carried else "false"}


FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat(
        name=FORMAT_NAME,
        source=LMARENA,
        description="arena.ai boards, daily community JSON scrape (arena-ai-leaderboards), 2026-03 on",
        precedence=40,
        sniff=sniff,
        parse=parse,
        fetch=fetch,
        archive_hints=archive_hints,
    ),
)
"""The scrape's one format (both eras are read by the same parser)."""
