"""The Open LLM Leaderboard's own dataset, ``open-llm-leaderboard/contents`` on the Hugging Face Hub.

The leaderboard app read its table from this dataset's one Parquet file
(``data/train-00000-of-00001.parquet``); the leaderboard was retired in 2025 and the dataset is
frozen at its last commit. Its columns carry display names (``fullname``, ``Average ⬆️``,
``IFEval``, ``IFEval Raw``, ``#Params (B)``, ``Hub License``...); ``Model`` is an HTML link, so the
name is ``fullname`` (the repo id).

The merged / MoE / flagged columns changed meaning. Until late 2024 the app wrote ``Not_Merged``
and stored MoE and Flagged negated (the fboulnois CSV copies of that time show it: every row
"flagged", Mixtral "not MoE"); the final dataset has ``Merged`` and its backend reads ``Merged``,
``MoE`` and ``Flagged`` as they are. A file with ``Not_Merged`` is read the old way.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

import httpx
import msgspec
import polars as pl

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload
from ingest.sources._format import FetchSettings
from ingest.sources._payload import FormatErrors
from ingest.sources.open_llm_leaderboard._rows import BENCHMARKS, FACTS, OpenLlmRow

__all__ = ("DATASET_FILE", "PARQUET_MAGIC", "fetch_contents_parquet", "read_dataset_rows")

PARQUET_MAGIC = b"PAR1"
DATASET = "open-llm-leaderboard/contents"
DATASET_FILE = re.compile(r"open[-_]llm[-_]leaderboard.*train-\d{5}-of-\d{5}\.parquet$")
"""Origins this reader claims: the dataset's file name under an Open LLM Leaderboard path."""
_INFO_URL = f"https://huggingface.co/api/datasets/{DATASET}"
_FILE_PATH = "data/train-00000-of-00001.parquet"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _DatasetInfo(msgspec.Struct, rename="camel"):
    """What the fetch needs of the Hub's dataset info; other fields are ignored."""

    sha: str
    last_modified: datetime


_INFO = msgspec.json.Decoder(_DatasetInfo)


def _cell(error: Any, column: str, value: Any, kind: str) -> Any:
    """A typed Parquet cell; ``error(column, problem)`` builds the ParseError."""
    if value is None:
        return None
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if (
        kind == "integer"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer()
    ):
        return int(value)
    if kind == "flag" and isinstance(value, bool):
        return value
    if kind == "text" and isinstance(value, str):
        return value.strip() or None
    if kind == "date" and isinstance(value, str) and _DATE.match(value.strip()):
        return value.strip()[:10]
    raise error(column, f"expected a {kind} value, got {value!r}")


def _read_frame(source: str, raw: RawPayload) -> pl.DataFrame:
    error = FormatErrors(source).of(raw)
    if not raw.content.strip():
        raise error("file", "the file is empty")
    if not raw.content.startswith(PARQUET_MAGIC):
        found = "an HTML page (an error page?)" if raw.content.lstrip()[:1] == b"<" else repr(raw.content[:8])
        raise error("file", f"not a Parquet file: expected the magic bytes PAR1, found {found}")
    try:
        return pl.read_parquet(io.BytesIO(raw.content))
    except (pl.exceptions.PolarsError, OSError, ValueError) as read_error:
        raise error("file", f"unreadable Parquet ({read_error}); is the download truncated?") from read_error


def read_dataset_rows(source: str, raw: RawPayload) -> list[OpenLlmRow]:
    """Every row of the dataset's Parquet file, typed; ``ParseError`` naming row and column."""
    frame = _read_frame(source, raw)
    required = ["fullname", *(c for b in BENCHMARKS for c in (b.dataset_column, b.dataset_raw_column) if c)]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ParseError(
            source=source,
            origin=raw.origin,
            location=f"column {missing[0]}",
            problem=f"missing column(s) {', '.join(missing)}; the file has {', '.join(frame.columns)}",
        )
    if frame.height == 0:
        raise ParseError(source=source, origin=raw.origin, location="file", problem="the file holds no rows")
    negated = "Not_Merged" in frame.columns
    columns = set(frame.columns)
    rows = []
    for index, row in enumerate(frame.iter_rows(named=True)):

        def error(column: str, problem: str, index: int = index) -> ParseError:
            return ParseError(
                source=source, origin=raw.origin, location=f"row {index}, column {column}", problem=problem
            )

        name = _cell(error, "fullname", row["fullname"], "text")
        if name is None:
            raise error("fullname", "no model name")
        scores, raw_scores = {}, {}
        for b in BENCHMARKS:
            if (score := _cell(error, b.dataset_column, row[b.dataset_column], "number")) is None:
                raise error(b.dataset_column, "no score")
            scores[b.category] = score
            if b.dataset_raw_column is not None:
                if (
                    raw_score := _cell(error, b.dataset_raw_column, row[b.dataset_raw_column], "number")
                ) is None:
                    raise error(b.dataset_raw_column, "no raw score")
                raw_scores[b.category] = raw_score
        facts: dict[str, Any] = {}
        for fact in FACTS:
            column = next((c for c in fact.dataset_columns if c in columns), None)
            if column is not None:
                facts[fact.key] = _cell(error, column, row[column], fact.kind)
        merged_column = "Not_Merged" if negated else "Merged"
        for key, column in (("merged", merged_column), ("moe", "MoE"), ("flagged", "Flagged")):
            if column in columns and (flag := _cell(error, column, row[column], "flag")) is not None:
                facts[key] = not flag if negated else flag
        rows.append(
            OpenLlmRow(
                model_name=name,
                scores=scores,
                raw_scores=raw_scores,
                license=_cell(error, "Hub License", row.get("Hub License"), "text"),
                facts={key: value for key, value in facts.items() if value is not None},
            )
        )
    return rows


def _get(client: httpx.Client, url: str) -> bytes:
    # Hub file URLs answer 302 to a CDN, so redirects must be followed.
    try:
        response = client.get(url, follow_redirects=True)
    except httpx.HTTPError as error:
        raise FetchError(f"GET {url} failed: {error}") from error
    if not response.is_success:
        raise FetchError(
            f"GET {url} answered HTTP {response.status_code}; try again later or import a saved copy"
        )
    return response.content


def fetch_contents_parquet(
    client: httpx.Client, *, settings: FetchSettings | None = None
) -> list[RawPayload]:
    """The dataset's Parquet file at its latest commit, dated by that commit (UTC)."""
    try:
        info = _INFO.decode(_get(client, _INFO_URL))
    except msgspec.DecodeError as error:
        raise FetchError(f"GET {_INFO_URL}: unexpected answer from the Hub API ({error})") from error
    url = f"https://huggingface.co/datasets/{DATASET}/resolve/{info.sha}/{_FILE_PATH}"
    return [
        RawPayload(
            origin=url,
            content=_get(client, url),
            retrieved_at=datetime.now(UTC),
            published_hint=info.last_modified.astimezone(UTC).date(),
            hints={"dataset": DATASET, "revision": info.sha, "source_path": _FILE_PATH},
        )
    ]
