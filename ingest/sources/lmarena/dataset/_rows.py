"""Rows of LMArena's leaderboard dataset turned into Snapshots, whichever file carried them.

The dataset (``lmarena-ai/leaderboard-dataset``) reaches rankledger as Parquet, as
datasets-server JSON pages or as a collector's JSON copy. Each reader hands its rows here as
plain mappings of column name to value, so the checks (numbers, whole ranks, interval order,
dates) and the grouping into one snapshot per (config, category, publish date) are the same for
all three, and the same rows give the same snapshots.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ingest.errors import ParseError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources.lmarena._boards import lmarena_board, split_config

__all__ = (
    "AGENT_COLUMNS",
    "KNOWN_CONFIGS",
    "PUBLISH_DATE",
    "RATING_COLUMNS",
    "ColumnSet",
    "Locator",
    "Problems",
    "columns_for",
    "config_of",
    "snapshots_from_rows",
)

KNOWN_CONFIGS = (
    "text",
    "text_style_control",
    "vision",
    "vision_style_control",
    "webdev",
    "search",
    "search_style_control",
    "document",
    "document_style_control",
    "text_to_image",
    "image_edit",
    "text_to_video",
    "image_to_video",
    "video_edit",
    "agent",
)
"""The dataset's configs (one per arena and variant) that the live fetch downloads."""

PUBLISH_DATE = "leaderboard_publish_date"
"""Column holding the leaderboard's own date (``YYYY-MM-DD`` string upstream)."""

Locator = Callable[[str], str]
"""Where a column of one row is, for error messages: ``$.rows[3].rating``, ``row 3, column rating``."""

_CONFIG_NAME = re.compile(r"[a-z0-9][a-z0-9_]*")
# The dataset's file layout: <config>/<split>-00000-of-00001.parquet.
_DATA_FILE = re.compile(r"(?:^|/)([a-z0-9][a-z0-9_]*)/(?:latest|full)-\d{5}-of-\d{5}\.parquet$")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, kw_only=True)
class ColumnSet:
    """Which upstream columns fill an Entry: Arena-score configs and Agent Arena configs differ."""

    score: str
    """Column of the headline score."""
    ci_lower: str
    """Column of the lower 95% bound (absolute)."""
    ci_upper: str
    """Column of the upper 95% bound (absolute)."""
    votes: str
    """Column counted into ``Entry.votes``."""
    extra_numbers: tuple[str, ...]
    """Optional columns kept in ``Entry.extra`` as floats."""
    extra_counts: tuple[str, ...]
    """Optional columns kept in ``Entry.extra`` as whole numbers."""
    metric: str
    """The board's metric name."""
    unit: str
    """The board's unit."""

    @property
    def required(self) -> tuple[str, ...]:
        """Columns every row must have (the publish date aside, which a collector moves to its meta)."""
        return (
            "model_name",
            "organization",
            "license",
            self.score,
            self.ci_lower,
            self.ci_upper,
            self.votes,
            "rank",
            "category",
        )

    @property
    def optional(self) -> tuple[str, ...]:
        """Columns kept in ``extra`` when present."""
        return (*self.extra_numbers, *self.extra_counts)


RATING_COLUMNS = ColumnSet(
    score="rating",
    ci_lower="rating_lower",
    ci_upper="rating_upper",
    votes="vote_count",
    extra_numbers=("variance",),
    extra_counts=(),
    metric="rating",
    unit="elo",
)
"""Bradley-Terry Arena scores: every config but the Agent Arena ones."""

AGENT_COLUMNS = ColumnSet(
    score="score",
    ci_lower="score_ci_lower",
    ci_upper="score_ci_upper",
    votes="observation_count",
    extra_numbers=(),
    extra_counts=("session_count",),
    metric="score",
    # An IPS estimate centred near 0 (tau-hat), not an Elo rating.
    unit="index",
)
"""Agent Arena: IPS scores counted in signal observations, with sessions on the side."""


def columns_for(config: str) -> ColumnSet:
    """Agent Arena configs (``agent``, ``agent_steerability``...) use score columns, the rest ratings."""
    return AGENT_COLUMNS if config == "agent" or config.startswith("agent_") else RATING_COLUMNS


@dataclass(frozen=True)
class Problems:
    """Builds the ParseErrors of one payload: format name and origin are always named."""

    source: str
    """Format name."""
    origin: str
    """File path or URL of the payload."""

    def at(self, location: str, problem: str) -> ParseError:
        """A ParseError at ``location``."""
        return ParseError(source=self.source, origin=self.origin, location=location, problem=problem)


def config_of(raw: RawPayload, problems: Problems) -> str:
    """The dataset config of a payload whose content does not name it.

    Taken from ``hints["config"]`` (a manifest column or the fetcher), else from the URL's
    ``config=`` query parameter (datasets-server), else from the dataset's file layout
    ``.../<config>/latest-00000-of-00001.parquet``.
    """
    origin = raw.origin.replace("\\", "/")
    candidates = [raw.hints.get("config", "")]
    candidates += parse_qs(urlsplit(origin).query).get("config", [])
    if (match := _DATA_FILE.search(urlsplit(origin).path or origin)) is not None:
        candidates.append(match[1])
    config = next((c.strip() for c in candidates if c.strip()), "")
    if not config:
        raise problems.at(
            "origin",
            "cannot tell which dataset config (text, vision, agent...) this is: name it in a manifest "
            "`config` column, or keep the dataset's path <config>/latest-00000-of-00001.parquet",
        )
    if _CONFIG_NAME.fullmatch(config) is None:
        raise problems.at("origin", f"{config!r} is not a dataset config name (lowercase, digits, _)")
    return config


def snapshots_from_rows(
    rows: Iterable[tuple[Locator, Mapping[str, Any]]],
    *,
    config: str,
    problems: Problems,
    published_at: date | None = None,
    truncated: bool = False,
) -> list[Snapshot]:
    """One snapshot per (category, publish date), entries by rank then model name.

    ``published_at`` stands in for the per-row ``leaderboard_publish_date`` when the file states
    one date for all rows (the collector's JSON). Snapshots come ordered by date, then category.
    """
    columns = columns_for(config)
    arena, variant = split_config(config)
    groups: dict[tuple[date, str], list[Entry]] = {}
    for locate, row in rows:
        category = _name(row, "category", locate, problems)
        day = published_at if published_at is not None else _day(row, locate, problems)
        groups.setdefault((day, category), []).append(_entry(row, columns, locate, problems))
    return [
        Snapshot(
            board=lmarena_board(arena, category, variant, metric=columns.metric, unit=columns.unit),
            published_at=day,
            entries=tuple(sorted(entries, key=_rank_order)),
            truncated=truncated,
        )
        for (day, category), entries in sorted(groups.items(), key=lambda item: item[0])
    ]


def _rank_order(entry: Entry) -> tuple[bool, int, str]:
    # Unranked rows (NaN rank upstream) go last; ties keep a stable, readable order.
    return (entry.rank is None, entry.rank or 0, entry.model_name)


def _entry(row: Mapping[str, Any], columns: ColumnSet, locate: Locator, problems: Problems) -> Entry:
    ci_lower = _number(row, columns.ci_lower, locate, problems)
    ci_upper = _number(row, columns.ci_upper, locate, problems)
    if ci_lower is not None and ci_upper is not None and ci_lower > ci_upper:
        raise problems.at(
            locate(columns.ci_lower), f"lower bound {ci_lower} is above the upper bound {ci_upper}"
        )
    extra: dict[str, Any] = {}
    for column in columns.extra_numbers:
        if column in row and (number := _number(row, column, locate, problems)) is not None:
            extra[column] = number
    for column in columns.extra_counts:
        if column in row and (count := _whole(row, column, locate, problems, minimum=0)) is not None:
            extra[column] = count
    return Entry(
        model_name=_name(row, "model_name", locate, problems),
        rank=_whole(row, "rank", locate, problems, minimum=1),
        score=_number(row, columns.score, locate, problems),
        ci_lower=ci_lower,
        ci_upper=ci_upper,
        votes=_whole(row, columns.votes, locate, problems, minimum=0),
        organization=_text(row, "organization", locate, problems),
        license=_text(row, "license", locate, problems),
        extra=extra,
    )


def _cell(row: Mapping[str, Any], column: str, locate: Locator, problems: Problems) -> Any:
    if column not in row:
        raise problems.at(locate(column), f"missing field `{column}`")
    return row[column]


def _number(row: Mapping[str, Any], column: str, locate: Locator, problems: Problems) -> float | None:
    value = _cell(row, column, locate, problems)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise problems.at(locate(column), f"expected a number, got {value!r}")
    number = float(value)
    if math.isnan(number):
        # The dataset writes NaN for rows it could not rate (e.g. falcon-180b-chat, korean, 2024).
        return None
    if math.isinf(number):
        raise problems.at(locate(column), f"expected a finite number, got {value!r}")
    return number


def _whole(
    row: Mapping[str, Any], column: str, locate: Locator, problems: Problems, *, minimum: int
) -> int | None:
    # Ranks and counts are float64 in some configs (``text``: rank 1.0, vote_count 2724.0).
    number = _number(row, column, locate, problems)
    if number is None:
        return None
    if not number.is_integer() or number < minimum:
        raise problems.at(locate(column), f"expected a whole number >= {minimum}, got {number!r}")
    return int(number)


def _text(row: Mapping[str, Any], column: str, locate: Locator, problems: Problems) -> str | None:
    value = _cell(row, column, locate, problems)
    if value is not None and not isinstance(value, str):
        raise problems.at(locate(column), f"expected text, got {value!r}")
    return value


def _name(row: Mapping[str, Any], column: str, locate: Locator, problems: Problems) -> str:
    value = _text(row, column, locate, problems)
    if value is None or not value.strip():
        raise problems.at(locate(column), f"`{column}` is empty")
    return value


def _day(row: Mapping[str, Any], locate: Locator, problems: Problems) -> date:
    value = _cell(row, PUBLISH_DATE, locate, problems)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise problems.at(locate(PUBLISH_DATE), f"expected a date YYYY-MM-DD, got {value!r}")
