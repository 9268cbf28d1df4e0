"""LMArena's official per-category ratings from the ``lmarena/arena-catalog`` repository (JSON).

Shape: ``{"<category>": {"<model_key>": {"rating", "rating_q975", "rating_q025"}}}``; the overall
board is category ``full``. There is no rank, vote count, organisation or licence, and the content
says neither which board it is nor when it was computed. The board therefore comes from the file
name (``data/leaderboard-text-style-control.json``, archived as ``leaderboard-text-style-control@
2025-05-24_209556bee.json``) and the date from outside the file: the manifest's ``version_date``
(the data date in the commit subject) or, live, the latest commit touching the file.
"""

from __future__ import annotations

import re
from datetime import date

import httpx
import msgspec

from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources._github_commits import fetch_at_latest_commit
from ingest.sources._payload import FormatErrors, decode_json
from ingest.sources.lmarena._boards import LMARENA, RAW, STYLE_CONTROL, lmarena_board

__all__ = ("FORMAT", "FORMATS")

_NAME = "lmarena-catalog-json"
_EXPECTED = "LMArena catalog JSON"
_REPO = "lmarena/arena-catalog"

# File stem after "leaderboard-" -> (arena, variant).
_BOARDS = {
    "text": ("text", RAW),
    "text-style-control": ("text", STYLE_CONTROL),
    "vision": ("vision", RAW),
    "vision-style-control": ("vision", STYLE_CONTROL),
    "image": ("text-to-image", RAW),
    # The predecessor of leaderboard-text.json (last version 2025-03-04). Its `full` ratings round
    # to the legacy CSV's non-style-controlled arena_score of elo_results_20250304 for every model
    # both list, and its unrounded intervals reproduce that CSV's published ranks (tests/ingest).
    "data": ("text", RAW),
}
_LIVE_STEMS = ("text", "text-style-control", "vision", "vision-style-control", "image")
_OVERALL = "full"
# "Update leaderboard data 2025-05-24 00:00:09": the date the ratings were computed.
_SUBJECT_DATE = re.compile(r"Update leaderboard data (\d{4})-(\d{2})-(\d{2})")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Rating(msgspec.Struct):
    """One model in one category; unknown fields are tolerated."""

    rating: float
    rating_q975: float
    rating_q025: float


# Decoded one level at a time: msgspec reports dict keys as `[...]`, and error messages must name
# the category and the model.
_object_decoder = msgspec.json.Decoder(dict[str, msgspec.Raw])
_rating_decoder = msgspec.json.Decoder(_Rating)


_error = FormatErrors(_NAME)
"""The ``ParseError``s of this format."""


def _key_path(path: str, key: str, *, dotted: bool) -> str:
    if dotted and _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{msgspec.json.encode(key).decode()}]"


def _stem(text: str) -> str:
    """``data/leaderboard-text.json`` / ``leaderboard-text@2025-05-24_x.json`` / ``text`` -> ``text``."""
    name = re.split(r"[\\/]", text.strip())[-1].lower()
    return name.split("@", 1)[0].removesuffix(".json").removeprefix("leaderboard-")


def _board_of(raw: RawPayload) -> tuple[str, str]:
    # The manifest's source_path is the upstream's own name; the origin may be a renamed copy.
    for text in (raw.hints.get("source_path", ""), raw.hints.get("board", ""), raw.origin):
        if text and (board := _BOARDS.get(_stem(text))) is not None:
            return board
    known = ", ".join(f"leaderboard-{stem}.json" for stem in _BOARDS)
    raise _error(
        raw,
        "file name",
        "the catalog JSON does not say which board it is; name the file like the upstream "
        f"({known}) or pass hints source_path",
    )


def _published_at(raw: RawPayload) -> date:
    if raw.published_hint is None:
        raise _error(
            raw,
            "published date",
            "the catalog JSON carries no date; supply it as published_hint: the manifest's version_date, "
            "a date in the file name (leaderboard-text@2025-05-24.json), or fetch live (date of the commit)",
        )
    return raw.published_hint


def _decode_object(raw: RawPayload, data: bytes | msgspec.Raw, path: str) -> dict[str, msgspec.Raw]:
    return decode_json(_object_decoder, data, source=_NAME, origin=raw.origin, expected=_EXPECTED, path=path)


def _entry(raw: RawPayload, model: str, data: msgspec.Raw, path: str) -> Entry:
    rating = decode_json(
        _rating_decoder, data, source=_NAME, origin=raw.origin, expected=_EXPECTED, path=path
    )
    if rating.rating_q025 > rating.rating_q975:
        raise _error(raw, path, f"rating_q025 {rating.rating_q025} is above rating_q975 {rating.rating_q975}")
    return Entry(
        model_name=model,
        score=rating.rating,
        ci_lower=rating.rating_q025,
        ci_upper=rating.rating_q975,
    )


def parse(raw: RawPayload) -> list[Snapshot]:
    """One snapshot per category, entries in descending rating order; ``ParseError`` on bad input."""
    categories = _decode_object(raw, raw.content, "$")
    arena, variant = _board_of(raw)
    published_at = _published_at(raw)
    if _OVERALL not in categories:
        raise _error(raw, "$", f"no `{_OVERALL}` (overall) category; found {', '.join(sorted(categories))}")
    snapshots = []
    for category, models_json in categories.items():
        category_path = _key_path("$", category, dotted=True)
        models = _decode_object(raw, models_json, category_path)
        entries = [
            _entry(raw, model, data, _key_path(category_path, model, dotted=False))
            for model, data in models.items()
        ]
        if not entries:
            continue
        # Upstream order is arbitrary before 2025-11 (alphabetical by key); the board is by rating.
        entries.sort(key=lambda entry: -(entry.score or 0.0))
        snapshots.append(
            Snapshot(
                board=lmarena_board(arena, category, variant),
                published_at=published_at,
                entries=tuple(entries),
            )
        )
    return snapshots


def sniff(origin: str, head: bytes) -> bool:
    """A JSON object whose leaves carry LMArena's ``rating_q975`` / ``rating_q025`` bounds."""
    return head.lstrip()[:1] == b"{" and b'"rating_q975"' in head and b'"rating_q025"' in head


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """The current catalog files, each downloaded at the commit that last changed it, dated by it."""
    return [
        fetch_at_latest_commit(client, _REPO, f"data/leaderboard-{stem}.json", subject_date=_SUBJECT_DATE)
        for stem in _LIVE_STEMS
    ]


FORMAT = SourceFormat(
    name=_NAME,
    source=LMARENA,
    description="LMArena per-category ratings with 95% bounds (lmarena/arena-catalog leaderboard-*.json)",
    precedence=20,
    sniff=sniff,
    parse=parse,
    fetch=fetch,
)
"""The ``lmarena-catalog-json`` format."""

FORMATS: tuple[SourceFormat, ...] = (FORMAT,)
"""Every format of this module (the one above)."""
