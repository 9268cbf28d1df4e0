"""Signed webhooks (Standard Webhooks) for change events, with a delivery ledger in the data dir.

Subscriptions come from a TOML file (``load_subscriptions``); ``deliver_pending`` sends every
subscription the events it has not had yet, retrying with backoff; ``register_subscriptions``
runs before an ingest. See ``docs/changes.md``.
"""

from __future__ import annotations

from ingest.webhooks._config import SECRET_PREFIX, Subscription, WebhookConfigError, load_subscriptions
from ingest.webhooks._delivery import (
    RETRY_SCHEDULE,
    Attempt,
    DeliveryReport,
    deliver_pending,
    register_subscriptions,
)
from ingest.webhooks._ledger import DELIVERED, FAILED, LEDGER_FILE, RETRYING
from ingest.webhooks._signing import signed_headers

__all__ = (
    "DELIVERED",
    "FAILED",
    "LEDGER_FILE",
    "RETRYING",
    "RETRY_SCHEDULE",
    "SECRET_PREFIX",
    "Attempt",
    "DeliveryReport",
    "Subscription",
    "WebhookConfigError",
    "deliver_pending",
    "load_subscriptions",
    "register_subscriptions",
    "signed_headers",
)
