"""LMArena's official leaderboard dataset (``lmarena-ai/leaderboard-dataset``, CC BY 4.0).

One config per arena and variant (``text``, ``text_style_control``, ``webdev``, ``agent``...),
each with a ``latest`` and a ``full`` split (``full`` = every past ``leaderboard_publish_date``).
Three ways the same rows arrive, three formats, one snapshot per (config, category, publish date):

* ``lmarena-dataset-parquet``: the dataset's own files ``<config>/<split>-00000-of-00001.parquet``.
  Parquet keeps its column names in the footer, out of reach of a 64 KiB head, so the sniffer
  accepts the ``PAR1`` magic together with that file name; the config comes from the path, the
  URL or ``hints["config"]`` (Parquet content does not name it).
* ``lmarena-dataset-rows``: datasets-server ``/rows`` JSON pages (100 rows each). The fetch joins
  all pages of a config into one payload, a JSON list of the pages as served; ``parse`` takes that
  list or a single page. The config comes from the URL's ``config=`` or ``hints["config"]``.
* ``lmarena-dataset-json``: the collector copy in ``Scarlett9826/arena-ai-leaderboards``
  (``{"meta": {...}, "rows": [...]}``, the publish date moved to ``meta``). Its run report
  ``_summary.json`` is recognised too and parses to no snapshots, so a folder import passes it.
"""

from __future__ import annotations

import re

from ingest.records import RawPayload, Snapshot
from ingest.sources._format import SourceFormat
from ingest.sources.lmarena._boards import LMARENA
from ingest.sources.lmarena.dataset._fetch import (
    fetch_config_rows,
    fetch_full_parquet,
    fetch_latest_parquet,
    fetch_latest_rows,
    parquet_url,
)
from ingest.sources.lmarena.dataset._json import parse_collector_json, parse_rows_pages
from ingest.sources.lmarena.dataset._parquet import PARQUET_MAGIC, parse_dataset_parquet
from ingest.sources.lmarena.dataset._rows import KNOWN_CONFIGS

__all__ = (
    "COLLECTOR_JSON_FORMAT",
    "FORMATS",
    "KNOWN_CONFIGS",
    "PARQUET_FORMAT",
    "ROWS_FORMAT",
    "fetch_config_rows",
    "fetch_full_parquet",
    "fetch_latest_parquet",
    "fetch_latest_rows",
    "parquet_url",
)

_PARQUET_NAME = "lmarena-dataset-parquet"
_ROWS_NAME = "lmarena-dataset-rows"
_COLLECTOR_NAME = "lmarena-dataset-json"

_DATASET_FILE = re.compile(r"(?:^|[/\\])(?:latest|full)-\d{5}-of-\d{5}\.parquet$")
_COLLECTOR_SOURCE = re.compile(rb'"source"\s*:\s*"lmarena"')
_COLLECTOR_SNAPSHOT_KEYS = (re.compile(rb'"subset"\s*:'), re.compile(rb'"leaderboard_publish_date"\s*:'))
_COLLECTOR_SUMMARY_KEY = re.compile(rb'"n_subsets_total"\s*:')


def sniff_parquet(origin: str, head: bytes) -> bool:
    """Parquet magic plus the dataset's file name ``latest|full-00000-of-00001.parquet``."""
    return head.startswith(PARQUET_MAGIC) and _DATASET_FILE.search(origin) is not None


def sniff_rows(origin: str, head: bytes) -> bool:
    """A datasets-server page (or list of pages) whose features include the dataset's date column."""
    start = head.lstrip()[:1]
    return (
        start in (b"{", b"[")
        and b'"row_idx"' in head
        and b'"features"' in head
        and b'"leaderboard_publish_date"' in head
    )


def sniff_collector_json(origin: str, head: bytes) -> bool:
    """The collector's ``meta`` with ``"source": "lmarena"`` and a subset, or its run summary."""
    if head.lstrip()[:1] != b"{" or b'"meta"' not in head or _COLLECTOR_SOURCE.search(head) is None:
        return False
    snapshot = all(key.search(head) is not None for key in _COLLECTOR_SNAPSHOT_KEYS)
    return snapshot or _COLLECTOR_SUMMARY_KEY.search(head) is not None


def parse_parquet(raw: RawPayload) -> list[Snapshot]:
    """Snapshots of one config's ``latest`` or ``full`` Parquet file."""
    return parse_dataset_parquet(raw, source=_PARQUET_NAME)


def parse_rows(raw: RawPayload) -> list[Snapshot]:
    """Snapshots of one ``/rows`` page or of a JSON list of a config's pages."""
    return parse_rows_pages(raw, source=_ROWS_NAME)


def parse_collector(raw: RawPayload) -> list[Snapshot]:
    """Snapshots of one collector file; none for its ``_summary.json``."""
    return parse_collector_json(raw, source=_COLLECTOR_NAME)


PARQUET_FORMAT = SourceFormat(
    name=_PARQUET_NAME,
    source=LMARENA,
    description="LMArena leaderboard dataset on Hugging Face, per-config Parquet (latest or full split)",
    precedence=10,
    sniff=sniff_parquet,
    parse=parse_parquet,
    fetch=fetch_latest_parquet,
)
"""The dataset's own Parquet files; the live fetch downloads ``latest`` of every known config."""

ROWS_FORMAT = SourceFormat(
    name=_ROWS_NAME,
    source=LMARENA,
    description="LMArena leaderboard dataset through datasets-server /rows JSON pages",
    precedence=11,
    sniff=sniff_rows,
    parse=parse_rows,
    fetch=fetch_latest_rows,
)
"""The same rows as JSON pages; the live fetch pages through ``latest`` of every known config."""

COLLECTOR_JSON_FORMAT = SourceFormat(
    name=_COLLECTOR_NAME,
    source=LMARENA,
    description="Collector's JSON copy of the LMArena dataset's latest split (arena-ai-leaderboards)",
    precedence=12,
    sniff=sniff_collector_json,
    parse=parse_collector,
)
"""A third party's daily JSON copy of ``latest``: archive only."""

FORMATS: tuple[SourceFormat, ...] = (PARQUET_FORMAT, ROWS_FORMAT, COLLECTOR_JSON_FORMAT)
"""The dataset's formats, best first."""
