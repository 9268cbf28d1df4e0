"""``rankledger webhooks deliver``, and the webhook steps around every command that publishes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import httpx

from ingest.runner import RunSummary
from ingest.webhooks import (
    DeliveryReport,
    Subscription,
    deliver_pending,
    load_subscriptions,
    register_subscriptions,
)
from service.settings import Settings

__all__ = ("AFTER_PUBLISH_WAIT", "after_publish", "before_ingest", "register")

AFTER_PUBLISH_WAIT = 10.0
"""Seconds an import or ingest keeps retrying its deliveries before leaving them to
``rankledger webhooks deliver`` (its first two retries come 5 and 30 s after a failure)."""


def _subscriptions(settings: Settings) -> list[Subscription]:
    return load_subscriptions(settings.webhooks_file) if settings.webhooks_file is not None else []


def before_ingest(settings: Settings) -> list[Subscription]:
    """Load the webhooks file (a bad one stops the command) and register new subscriptions, so
    the events this run publishes are news for them."""
    subscriptions = _subscriptions(settings)
    if subscriptions:
        register_subscriptions(settings.data_dir, subscriptions)
    return subscriptions


def _deliver(settings: Settings, subscriptions: list[Subscription], wait: float) -> DeliveryReport:
    with httpx.Client(follow_redirects=False) as client:
        return deliver_pending(settings.data_dir, subscriptions, client, wait=wait)


def _print_report(report: DeliveryReport) -> None:
    for attempt in report.attempts:
        outcome = f"HTTP {attempt.status_code}" if attempt.status_code is not None else attempt.error
        print(
            f"webhook {attempt.status:9} {attempt.subscription_id} {attempt.event_id} "
            f"(attempt {attempt.attempt}, {outcome})",
            file=sys.stderr,
        )
    print(
        f"webhooks: {report.count('delivered')} delivered, {report.count('retrying')} to retry, "
        f"{report.count('failed')} given up; {report.pending} pending",
        file=sys.stderr,
    )


def after_publish(settings: Settings, subscriptions: list[Subscription], summary: RunSummary) -> None:
    """After a run that published a generation: deliver its new events."""
    if summary.generation is not None and subscriptions:
        _print_report(_deliver(settings, subscriptions, AFTER_PUBLISH_WAIT))


def _deliver_command(args: argparse.Namespace) -> int:
    settings = Settings.from_env(data_dir=args.data_dir, webhooks_file=args.webhooks_file)
    if settings.webhooks_file is None:
        print(
            "rankledger: no webhooks file: set RANKLEDGER_WEBHOOKS_FILE or --webhooks-file", file=sys.stderr
        )
        return 2
    report = _deliver(settings, _subscriptions(settings), args.wait)
    _print_report(report)
    return 1 if report.count("retrying") or report.count("failed") else 0


def register(commands: Any, data_dir_parent: argparse.ArgumentParser) -> None:
    """Add ``webhooks deliver`` to the top-level subcommands."""
    webhooks = commands.add_parser(
        "webhooks",
        help="signed webhooks for change events (see docs/changes.md)",
        description="Deliver change events to the subscriptions of the webhooks file (Standard Webhooks).",
    )
    actions = webhooks.add_subparsers(dest="webhooks_command", required=True, metavar="ACTION")
    deliver = actions.add_parser(
        "deliver",
        parents=[data_dir_parent],
        help="send every subscription the events it has not had yet, and the retries now due",
        description=(
            "Send each subscription of the webhooks file the change events it has not had yet and the "
            "retries now due, signed per Standard Webhooks; every attempt goes to the delivery ledger "
            "(data/webhooks/ledger.sqlite3). Exits 1 if a delivery is left to retry or failed."
        ),
    )
    deliver.add_argument(
        "--webhooks-file", type=Path, help="subscriptions (TOML; env RANKLEDGER_WEBHOOKS_FILE)"
    )
    deliver.add_argument(
        "--wait", type=float, default=60.0, help="seconds to keep retrying failed deliveries (default 60)"
    )
    deliver.set_defaults(handler=_deliver_command)
