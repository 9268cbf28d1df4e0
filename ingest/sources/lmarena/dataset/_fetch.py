"""Live downloads of LMArena's leaderboard dataset from Hugging Face (injected httpx client only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import httpx
import msgspec

from ingest.errors import FetchError
from ingest.records import RawPayload
from ingest.sources._format import FetchSettings
from ingest.sources.lmarena.dataset._rows import KNOWN_CONFIGS

__all__ = (
    "DATASET",
    "ROWS_PER_PAGE",
    "ROWS_URL",
    "fetch_config_rows",
    "fetch_full_parquet",
    "fetch_latest_parquet",
    "fetch_latest_rows",
    "parquet_url",
)

DATASET = "lmarena-ai/leaderboard-dataset"
"""The dataset's id on the Hugging Face Hub."""
ROWS_URL = "https://datasets-server.huggingface.co/rows"
"""datasets-server endpoint serving a split as JSON pages."""
ROWS_PER_PAGE = 100
"""The most rows datasets-server returns per page."""


class _PageCount(msgspec.Struct):
    """What paging needs of a ``/rows`` page; the parser checks the rest."""

    rows: list[msgspec.Raw]
    num_rows_total: int


_PAGE_COUNT = msgspec.json.Decoder(_PageCount)


def parquet_url(config: str, split: str = "latest") -> str:
    """The file URL of one config's split (``latest`` or ``full``)."""
    return f"https://huggingface.co/datasets/{DATASET}/resolve/main/{config}/{split}-00000-of-00001.parquet"


def fetch_latest_parquet(
    client: httpx.Client,
    configs: Sequence[str] = KNOWN_CONFIGS,
    *,
    settings: FetchSettings | None = None,
) -> list[RawPayload]:
    """The ``latest`` Parquet file of every config; any HTTP error stops the fetch with a FetchError."""
    return [_fetch_parquet(client, config, "latest") for config in configs]


def fetch_full_parquet(client: httpx.Client, config: str) -> RawPayload:
    """The ``full`` Parquet file of one config: every publish date (``text`` is about 58 MB)."""
    return _fetch_parquet(client, config, "full")


def fetch_latest_rows(
    client: httpx.Client,
    configs: Sequence[str] = KNOWN_CONFIGS,
    *,
    settings: FetchSettings | None = None,
) -> list[RawPayload]:
    """Every config's ``latest`` split through datasets-server, one payload per config."""
    return [fetch_config_rows(client, config) for config in configs]


def fetch_config_rows(client: httpx.Client, config: str, split: str = "latest") -> RawPayload:
    """All ``/rows`` pages of one config, as ONE payload: a JSON list of the pages.

    Each page's bytes are kept exactly as served and joined as ``[page0,page1,...]``, so the
    payload is the upstream answer and its sha256 changes only when upstream does. The origin is
    the first page's URL (it names the config).
    """
    pages: list[bytes] = []
    first_url: httpx.URL | None = None
    offset, total = 0, None
    while total is None or offset < total:
        url = httpx.URL(
            ROWS_URL,
            params={
                "dataset": DATASET,
                "config": config,
                "split": split,
                "offset": offset,
                "length": ROWS_PER_PAGE,
            },
        )
        first_url = first_url or url
        content = _get(client, url).content
        try:
            page = _PAGE_COUNT.decode(content)
        except msgspec.DecodeError as error:
            raise FetchError(f"{url}: the answer is not a datasets-server rows page ({error})") from None
        if total is not None and page.num_rows_total != total:
            raise FetchError(
                f"{url}: the split changed while paging ({total} then {page.num_rows_total} rows)"
            )
        if not page.rows and offset < page.num_rows_total:
            raise FetchError(f"{url}: an empty page before row {page.num_rows_total}")
        total = page.num_rows_total
        pages.append(content)
        offset += len(page.rows)
    return RawPayload(
        origin=str(first_url),
        content=b"[" + b",".join(pages) + b"]",
        retrieved_at=datetime.now(UTC),
        hints={"config": config, "split": split},
    )


def _fetch_parquet(client: httpx.Client, config: str, split: str) -> RawPayload:
    url = parquet_url(config, split)
    response = _get(client, httpx.URL(url))
    return RawPayload(
        origin=url,
        content=response.content,
        retrieved_at=datetime.now(UTC),
        hints={"config": config, "split": split},
    )


def _get(client: httpx.Client, url: httpx.URL) -> httpx.Response:
    # Hub file URLs answer 302 to a CDN, so redirects must be followed.
    try:
        response = client.get(url, follow_redirects=True)
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: {error}") from error
    if not response.is_success:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
    return response
