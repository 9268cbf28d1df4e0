"""Tokens from the environment, sent only to the hosts they belong to.

``GITHUB_TOKEN`` lifts GitHub's API limit from 60 to 5,000 requests an hour; ``HF_TOKEN`` lets
Hugging Face rate-limit per account rather than per address. Each goes as ``Authorization:
Bearer`` to its own API hosts and nowhere else, not even to the CDN a Hub download redirects to
(every redirect hop passes through this transport again and is checked by its exact host). The
tokens live in headers only: no URL, log line or error message carries them.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

__all__ = ("TOKEN_HOSTS", "CredentialsTransport", "tokens_by_host")

TOKEN_HOSTS: Mapping[str, frozenset[str]] = {
    "GITHUB_TOKEN": frozenset({"api.github.com"}),
    "HF_TOKEN": frozenset({"huggingface.co", "datasets-server.huggingface.co"}),
}
"""Environment variable -> the exact hosts its token is sent to."""


def tokens_by_host(environ: Mapping[str, str]) -> dict[str, str]:
    """Host -> token, for the variables of ``TOKEN_HOSTS`` set (non-empty) in ``environ``."""
    tokens: dict[str, str] = {}
    for variable, hosts in TOKEN_HOSTS.items():
        token = environ.get(variable, "").strip()
        if token:
            tokens.update(dict.fromkeys(hosts, token))
    return tokens


class CredentialsTransport(httpx.BaseTransport):
    """Wraps a transport, adding the host's token to requests that carry no ``Authorization``."""

    def __init__(self, inner: httpx.BaseTransport, tokens: Mapping[str, str]) -> None:
        self._inner = inner
        self._tokens = dict(tokens)

    def __repr__(self) -> str:
        return f"CredentialsTransport(hosts={sorted(self._tokens)})"

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        token = self._tokens.get(request.url.host)
        if token is not None and "authorization" not in request.headers:
            request.headers["Authorization"] = f"Bearer {token}"
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()
