"""Reading the dataset as JSON: datasets-server ``/rows`` pages and the collector's JSON copy.

Envelopes (pages, the collector's ``meta``) are typed Structs, tolerant of extra fields; the
rows themselves are checked by the shared row reader, the same one the Parquet files go through.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import msgspec

from ingest.records import RawPayload, Snapshot
from ingest.sources._payload import decode_json
from ingest.sources.lmarena.dataset._rows import Problems, config_of, snapshots_from_rows

__all__ = (
    "parse_collector_json",
    "parse_rows_pages",
)


class _Feature(msgspec.Struct):
    name: str


class _PageRow(msgspec.Struct):
    row_idx: int
    row: dict[str, Any]
    truncated_cells: list[str] = msgspec.field(default_factory=list)


class _RowsPage(msgspec.Struct):
    """One answer of ``datasets-server.huggingface.co/rows``: at most 100 rows of a split."""

    features: list[_Feature]
    rows: list[_PageRow]
    num_rows_total: int
    partial: bool = False


class _CollectorMeta(msgspec.Struct):
    subset: str
    leaderboard_publish_date: str
    n_rows: int | None = None


class _CollectorSnapshot(msgspec.Struct):
    """``data/lmarena/<date>/<config>.json``: one config's ``latest`` split, its date moved to ``meta``."""

    meta: _CollectorMeta
    rows: list[dict[str, Any]]


class _RunSummaryMeta(msgspec.Struct):
    run_date: str
    n_subsets_total: int


class _RunSummary(msgspec.Struct):
    """``_summary.json``: the collector's run report (counts, errors), not a leaderboard."""

    meta: _RunSummaryMeta
    subsets: list[dict[str, Any]]


_PAGE = msgspec.json.Decoder(_RowsPage)
_PAGES = msgspec.json.Decoder(list[_RowsPage])
_TOP_LEVEL = msgspec.json.Decoder(dict[str, msgspec.Raw])
_COLLECTOR_SNAPSHOT = msgspec.json.Decoder(_CollectorSnapshot)
_RUN_SUMMARY = msgspec.json.Decoder(_RunSummary)


def parse_rows_pages(raw: RawPayload, *, source: str) -> list[Snapshot]:
    """Snapshots from one ``/rows`` page, or from a JSON list of the pages of one config.

    Snapshots are marked truncated unless the payload holds every row of the split
    (``row_idx`` 0 to ``num_rows_total - 1``) and no page says ``partial``.
    """
    problems = Problems(source, raw.origin)
    config = config_of(raw, problems)
    concatenated = raw.content.lstrip()[:1] == b"["
    decoded = _decode(_PAGES if concatenated else _PAGE, raw.content, problems)
    pages: list[_RowsPage] = decoded if concatenated else [decoded]
    prefixes = [f"$[{number}]" for number in range(len(pages))] if concatenated else ["$"]
    if not pages:
        raise problems.at("$", "no pages")
    total = pages[0].num_rows_total
    seen: set[int] = set()
    rows = []
    for prefix, page in zip(prefixes, pages, strict=True):
        if page.num_rows_total != total:
            raise problems.at(
                f"{prefix}.num_rows_total",
                f"{page.num_rows_total} differs from the first page's {total}: the dataset changed "
                "while it was paged; fetch it again",
            )
        for index, page_row in enumerate(page.rows):
            where = f"{prefix}.rows[{index}]"
            if page_row.row_idx in seen:
                raise problems.at(f"{where}.row_idx", f"row {page_row.row_idx} appears twice")
            if page_row.truncated_cells:
                raise problems.at(
                    f"{where}.truncated_cells",
                    f"the server cut cells {page_row.truncated_cells}; their values are incomplete",
                )
            seen.add(page_row.row_idx)
            rows.append((partial(_json_location, f"{where}.row"), page_row.row))
    if not rows:
        raise problems.at(f"{prefixes[0]}.rows", "no rows")
    complete = seen == set(range(total)) and not any(page.partial for page in pages)
    return snapshots_from_rows(rows, config=config, problems=problems, truncated=not complete)


def parse_collector_json(raw: RawPayload, *, source: str) -> list[Snapshot]:
    """Snapshots from the collector's JSON copy; its run summary (``_summary.json``) gives none."""
    problems = Problems(source, raw.origin)
    top_level = _decode(_TOP_LEVEL, raw.content, problems)
    if "subsets" in top_level and "rows" not in top_level:
        # A run report: validated so that a mangled file still fails, but it holds no leaderboard.
        _decode(_RUN_SUMMARY, raw.content, problems)
        return []
    collected = _decode(_COLLECTOR_SNAPSHOT, raw.content, problems)
    meta = collected.meta
    if meta.n_rows is not None and meta.n_rows != len(collected.rows):
        raise problems.at(
            "$.rows", f"meta.n_rows says {meta.n_rows} rows but the file holds {len(collected.rows)}"
        )
    if not collected.rows:
        raise problems.at("$.rows", "no rows")
    try:
        published_at = date.fromisoformat(meta.leaderboard_publish_date)
    except ValueError:
        raise problems.at(
            "$.meta.leaderboard_publish_date",
            f"expected a date YYYY-MM-DD, got {meta.leaderboard_publish_date!r}",
        ) from None
    rows = [(partial(_json_location, f"$.rows[{index}]"), row) for index, row in enumerate(collected.rows)]
    return snapshots_from_rows(rows, config=meta.subset, problems=problems, published_at=published_at)


def _json_location(prefix: str, column: str) -> str:
    return f"{prefix}.{column}"


def _decode(decoder: msgspec.json.Decoder[Any], content: bytes, problems: Problems) -> Any:
    """Decoded content, or a ParseError at its JSON path or line and column (see decode_json)."""
    return decode_json(
        decoder, content, source=problems.source, origin=problems.origin, expected="the dataset's JSON"
    )
