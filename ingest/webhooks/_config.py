"""Webhook subscriptions: a hand-edited TOML file (``RANKLEDGER_WEBHOOKS_FILE``), strictly read.

```toml
[[subscription]]
id = "newsroom"                                   # slug: the delivery ledger's key, keep it stable
url = "https://example.org/hooks/rankledger"
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # or secret_env = "NEWSROOM_WEBHOOK_SECRET"
boards = ["lmarena.text.overall.style_control"]   # optional filters; all given must match
kinds = ["new_leader", "co_leaders"]
models = ["gemini-3-pro"]
since = 2025-11-01                                # optional backfill (see docs/changes.md)
```
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from datetime import date
from pathlib import Path
from typing import Annotated

import msgspec

from ingest.changes import KINDS
from ingest.errors import IngestError

__all__ = ("SECRET_PREFIX", "Subscription", "WebhookConfigError", "load_subscriptions")

SECRET_PREFIX = "whsec_"
"""Standard Webhooks secrets are ``whsec_`` + base64 of the key bytes."""
_AT_PATH = re.compile(r" - at `(\$[^`]*)`")

Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]


class WebhookConfigError(IngestError):
    """The webhooks file is missing, not TOML, or a subscription in it is invalid."""


class Subscription(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Where to send which events, and the secret to sign them with."""

    id: Slug
    """Stable name of the subscription: the delivery ledger remembers what it was sent by it."""
    url: Annotated[str, msgspec.Meta(pattern=r"^https?://")]
    """Endpoint receiving a POST per event."""
    secret: str | None = None
    """``whsec_`` + base64 key (Standard Webhooks); or name an environment variable in ``secret_env``."""
    secret_env: str | None = None
    """Environment variable holding the secret (keeps it out of the file)."""
    boards: list[str] = msgspec.field(default_factory=list)
    """Only events concerning one of these boards (empty: all)."""
    kinds: list[str] = msgspec.field(default_factory=list)
    """Only these kinds of events (empty: all)."""
    models: list[str] = msgspec.field(default_factory=list)
    """Only events about or naming one of these model ids (empty: all)."""
    since: date | None = None
    """Backfill: every matching event from this day on, even those published before the
    subscription was first seen (otherwise only events first published after it)."""
    max_age_days: Annotated[int, msgspec.Meta(ge=1)] = 30
    """Without ``since``: events about a day older than this (a backfilled archive, a rule
    change) are news no more and are not sent."""

    def __post_init__(self) -> None:
        if (self.secret is None) == (self.secret_env is None):
            raise ValueError("give exactly one of `secret` and `secret_env`")
        unknown = sorted(set(self.kinds) - set(KINDS))
        if unknown:
            raise ValueError(f"unknown kind(s) {', '.join(unknown)}; kinds are {', '.join(KINDS)}")

    def key(self) -> bytes:
        """The signing key: the secret's base64 part decoded (read from the environment if named)."""
        secret = self.secret if self.secret is not None else os.environ.get(self.secret_env or "")
        if not secret:
            raise WebhookConfigError(
                f"subscription {self.id!r}: environment variable {self.secret_env} is not set or empty"
            )
        try:
            key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
        except (binascii.Error, ValueError) as error:
            raise WebhookConfigError(
                f"subscription {self.id!r}: the secret is not {SECRET_PREFIX} + base64 ({error})"
            ) from error
        if len(key) < 24:
            raise WebhookConfigError(
                f"subscription {self.id!r}: the secret key is {len(key)} bytes; use 24 to 64"
            )
        return key


class _File(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    subscription: list[Subscription] = msgspec.field(default_factory=list)


def load_subscriptions(path: Path) -> list[Subscription]:
    """The file's subscriptions, or a ``WebhookConfigError`` naming the file, the place and the problem."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise WebhookConfigError(f"{path}: cannot read the webhooks file ({error.strerror})") from error
    try:
        subscriptions = msgspec.toml.decode(content, type=_File).subscription
    except msgspec.ValidationError as error:
        found = _AT_PATH.search(str(error))
        where = f"{found[1]}: " if found else ""
        raise WebhookConfigError(f"{path}: {where}{_AT_PATH.sub('', str(error))}") from error
    except msgspec.DecodeError as error:
        raise WebhookConfigError(f"{path}: not valid TOML: {error}") from error
    ids = [s.id for s in subscriptions]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise WebhookConfigError(f"{path}: subscription id(s) used twice: {', '.join(repeated)}")
    for subscription in subscriptions:
        try:
            subscription.key()  # a bad secret is an error now, not at the first delivery
        except WebhookConfigError as error:
            raise WebhookConfigError(f"{path}: {error}") from error
    return subscriptions
