"""Upstream shapes of Artificial Analysis' LLM data: the raw API answer and the collector's copy.

Both are decoded into the same list of ``ModelRow`` (one per model, with the JSON path of its
object), so one piece of code turns either into boards. Shapes are tolerant of extra fields:
AA adds evaluations and model fields over time.

* Raw answer of ``GET /api/v2/data/llms/models``: ``{"status", "prompt_options", "data": [{"id",
  "name", "slug", "release_date", "model_creator": {"id", "name", "slug"}, "evaluations",
  "pricing", "median_output_tokens_per_second", "median_time_to_first_token_seconds",
  "median_time_to_first_answer_token"}]}`` in AA's own order.
* The collector (``Scarlett9826/arena-ai-leaderboards``, ``collectors/artificial_analysis.py``)
  writes ``llms.json`` = ``{"meta", "models"}``: the API rows in the same order, the creator
  flattened (its id dropped), speeds renamed under ``speed``, plus ``ranks`` it computes itself,
  and ``_summary.json`` (top 10 per board and a table of one vendor's models) derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import msgspec

from ingest.sources._payload import decode_json

__all__ = (
    "API_DECODER",
    "COLLECTOR_DECODER",
    "ApiAnswer",
    "CollectorDocument",
    "ModelRow",
    "api_rows",
    "collector_rows",
    "decode",
)

_T = TypeVar("_T")


class _Shape(msgspec.Struct, frozen=True, kw_only=True):
    """Base of the upstream shapes (unknown fields are ignored)."""


class _Creator(_Shape, frozen=True, kw_only=True):
    """``model_creator`` of an API row."""

    id: str | None = None
    """AA's stable creator id."""
    name: str | None = None
    """Display name, e.g. ``Google``."""
    slug: str | None = None
    """e.g. ``google``."""


class _ApiModel(_Shape, frozen=True, kw_only=True):
    """One row of ``$.data``."""

    id: str
    """AA's stable model id (AA: use it as the key, names and slugs may change)."""
    name: str
    """Display name, e.g. ``Gemini 3 Pro Preview (high)``."""
    slug: str | None = None
    """URL name, e.g. ``gemini-3-pro``."""
    release_date: str | None = None
    """As written (``2025-11-18``)."""
    model_creator: _Creator | None = None
    """Who makes the model."""
    evaluations: dict[str, Any] | None = None
    """Evaluation key -> number or null; values are checked one by one to name the key on error."""
    pricing: dict[str, Any] | None = None
    """USD per million tokens."""
    median_output_tokens_per_second: float | None = None
    """Output speed."""
    median_time_to_first_token_seconds: float | None = None
    """Latency."""
    median_time_to_first_answer_token: float | None = None
    """Latency to the first answer token (after reasoning), in seconds despite the name."""


class ApiAnswer(_Shape, frozen=True, kw_only=True):
    """The whole answer of ``GET /api/v2/data/llms/models``."""

    data: list[_ApiModel]
    """The models, in AA's order."""
    status: int | None = None
    """HTTP status echoed in the body (200)."""
    prompt_options: dict[str, Any] | None = None
    """The workload the speed figures were measured with (``parallel_queries``, ``prompt_length``)."""


class _CollectorSpeed(_Shape, frozen=True, kw_only=True):
    """``speed`` of a collector row: the API's three speed fields, renamed."""

    output_tokens_per_second: float | None = None
    """``median_output_tokens_per_second``."""
    ttft_seconds: float | None = None
    """``median_time_to_first_token_seconds``."""
    ttfat_seconds: float | None = None
    """``median_time_to_first_answer_token``."""


class _CollectorModel(_Shape, frozen=True, kw_only=True):
    """One row of ``$.models`` in the collector's ``llms.json``."""

    id: str
    """AA's stable model id."""
    name: str
    """AA's display name."""
    slug: str | None = None
    """AA's slug."""
    creator_slug: str | None = None
    """``model_creator.slug``."""
    creator_name: str | None = None
    """``model_creator.name``."""
    release_date: str | None = None
    """As AA writes it."""
    evaluations: dict[str, Any] | None = None
    """Copied from the API as is."""
    pricing: dict[str, Any] | None = None
    """Copied from the API as is."""
    speed: _CollectorSpeed | None = None
    """The API's speed fields."""
    ranks: dict[str, Any] | None = None
    """Collector's board name (``intelligence_index``, ``gpqa``...) -> its positional rank or null."""


class _CollectorMeta(_Shape, frozen=True, kw_only=True):
    """``$.meta`` of ``llms.json``."""

    snapshot_date: date
    """The collector's run date: the only date the data carries."""
    fetched_at: str | None = None
    """When the collector called the API."""
    source_url: str | None = None
    """The API endpoint."""


class CollectorDocument(_Shape, frozen=True, kw_only=True):
    """``llms.json`` (``meta`` and ``models``) or ``_summary.json`` (``top10_per_board``)."""

    meta: _CollectorMeta | None = None
    """Present in ``llms.json``."""
    models: list[_CollectorModel] | None = None
    """Present in ``llms.json``."""
    top10_per_board: dict[str, Any] | None = None
    """Present in ``_summary.json`` only; a digest of ``llms.json`` with nothing new."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelRow:
    """One model of either shape, normalised; ``path`` is where its object sits in the payload."""

    path: str
    """``$.data[3]`` or ``$.models[3]``: named in every error about this model."""
    aa_id: str
    """AA's stable model id."""
    name: str
    """AA's display name, as written."""
    slug: str | None
    """AA's slug."""
    creator_id: str | None
    """AA's creator id (the collector drops it)."""
    creator_name: str | None
    """Who makes the model."""
    creator_slug: str | None
    """Creator slug."""
    release_date: str | None
    """As written."""
    evaluations: dict[str, Any]
    """Evaluation key -> value, unchecked."""
    pricing: dict[str, Any]
    """Price fields, unchecked."""
    speed: dict[str, float | None]
    """The API's three speed fields under the API's names."""
    ranks: dict[str, Any]
    """The collector's ranks by its board name; empty for the raw API (AA publishes none)."""


API_DECODER = msgspec.json.Decoder(ApiAnswer)
"""Decoder of the raw API answer, built once."""
COLLECTOR_DECODER = msgspec.json.Decoder(CollectorDocument)
"""Decoder of the collector's files, built once."""


def decode(decoder: msgspec.json.Decoder[_T], content: bytes, *, source: str, origin: str) -> _T:
    """Decode a payload; empty, HTML, malformed or mis-shaped input is a ``ParseError`` with its place."""
    return decode_json(decoder, content, source=source, origin=origin, expected="Artificial Analysis JSON")


def api_rows(answer: ApiAnswer) -> list[ModelRow]:
    """The rows of a raw API answer."""
    rows = []
    for index, model in enumerate(answer.data):
        creator = model.model_creator or _Creator()
        rows.append(
            ModelRow(
                path=f"$.data[{index}]",
                aa_id=model.id,
                name=model.name,
                slug=model.slug,
                creator_id=creator.id,
                creator_name=creator.name,
                creator_slug=creator.slug,
                release_date=model.release_date,
                evaluations=model.evaluations or {},
                pricing=model.pricing or {},
                speed={
                    "median_output_tokens_per_second": model.median_output_tokens_per_second,
                    "median_time_to_first_token_seconds": model.median_time_to_first_token_seconds,
                    "median_time_to_first_answer_token": model.median_time_to_first_answer_token,
                },
                ranks={},
            )
        )
    return rows


def collector_rows(models: list[_CollectorModel]) -> list[ModelRow]:
    """The rows of the collector's ``llms.json``, with speeds under the API's own names."""
    rows = []
    for index, model in enumerate(models):
        speed = model.speed or _CollectorSpeed()
        rows.append(
            ModelRow(
                path=f"$.models[{index}]",
                aa_id=model.id,
                name=model.name,
                slug=model.slug,
                creator_id=None,
                creator_name=model.creator_name,
                creator_slug=model.creator_slug,
                release_date=model.release_date,
                evaluations=model.evaluations or {},
                pricing=model.pricing or {},
                speed={
                    "median_output_tokens_per_second": speed.output_tokens_per_second,
                    "median_time_to_first_token_seconds": speed.ttft_seconds,
                    "median_time_to_first_answer_token": speed.ttfat_seconds,
                },
                ranks=model.ranks or {},
            )
        )
    return rows
