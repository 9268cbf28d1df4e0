"""The HTTP client live fetches use: tokens per host, conditional requests, retries.

``fetch_client`` stacks three transports under one ``httpx.Client``, outermost first:
``CredentialsTransport`` (``GITHUB_TOKEN`` / ``HF_TOKEN`` to their own hosts only),
``ConditionalTransport`` (``ETag`` / ``Last-Modified`` kept in the data dir, a ``304`` replayed as
the cached ``200``) and ``RetryingTransport`` (backoff with jitter, ``Retry-After``, whole bodies
or an error). Source fetchers take the client as it is and know nothing of the layers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx

from ingest.fetching._conditional import CACHE_STATUS_HEADER, ConditionalTransport
from ingest.fetching._credentials import TOKEN_HOSTS, CredentialsTransport, tokens_by_host
from ingest.fetching._retry import (
    RETRY_STATUSES,
    RetryingTransport,
    RetryPolicy,
    TruncatedBodyError,
    UnexpectedHtmlError,
    retry_after_seconds,
)

__all__ = (
    "CACHE_STATUS_HEADER",
    "HTTP_CACHE_DIR",
    "RETRY_STATUSES",
    "TOKEN_HOSTS",
    "USER_AGENT",
    "ConditionalTransport",
    "CredentialsTransport",
    "RetryPolicy",
    "RetryingTransport",
    "TruncatedBodyError",
    "UnexpectedHtmlError",
    "fetch_client",
    "retry_after_seconds",
    "tokens_by_host",
)

USER_AGENT = "rankledger/0.1 (+https://github.com/rankledger)"
"""Sent with every live request, so upstreams can tell who is asking."""
HTTP_CACHE_DIR = Path("cache") / "http"
"""Where conditional-request validators and bodies are kept, inside the data dir."""


def fetch_client(
    data_dir: Path,
    *,
    environ: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Client:
    """The client for live fetches into ``data_dir``; ``transport`` replaces the network (tests)."""
    network = transport or httpx.HTTPTransport()
    retrying = RetryingTransport(network, policy, sleep=sleep)
    conditional = ConditionalTransport(retrying, data_dir / HTTP_CACHE_DIR)
    tokens = tokens_by_host(os.environ if environ is None else environ)
    return httpx.Client(
        transport=CredentialsTransport(conditional, tokens),
        timeout=httpx.Timeout(60.0, connect=15.0),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )
