"""Webhook delivery to a real local receiver that verifies every signature (Standard Webhooks)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from ingest.runner import import_paths
from ingest.webhooks import (
    LEDGER_FILE,
    RETRY_SCHEDULE,
    Subscription,
    deliver_pending,
    register_subscriptions,
)
from tests.conftest import ROOT, SEEDS
from tests.ingest.webhooks.receiver import SECRET, running_receiver

LEGACY_CSV = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys"
RAW = "lmarena.text.overall.raw"
EARLY, LATE = ["2025-03-18", "2025-03-22"], ["2025-03-26", "2025-03-28"]
APRIL = date(2025, 4, 1)


def _import(data_dir: Path, versions: list[str]) -> None:
    summary = import_paths(data_dir, [LEGACY_CSV / f"lmsys_{v}.csv" for v in versions], seeds_dir=SEEDS)
    assert summary.generation is not None


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Data dirs with the legacy CSVs of 18 and 22 March 2025 (5 events), then also 26 and 28 (15)."""
    early = tmp_path_factory.mktemp("early") / "data"
    _import(early, EARLY)
    both = tmp_path_factory.mktemp("both") / "data"
    shutil.copytree(early, both)
    _import(both, LATE)
    return {"early": early, "both": both}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as http:
        yield http


def _copy(template: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    return data_dir


def _subscription(url: str, **filters: object) -> Subscription:
    return Subscription(id="newsroom", url=url, secret=SECRET, **filters)  # type: ignore[arg-type]


class FakeClock:
    """Scheduling time that a test moves; ``sleep`` moves it instead of waiting."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_a_backfill_sends_every_matching_event_once_signed(
    templates: dict[str, Path], tmp_path: Path, client: httpx.Client
) -> None:
    data_dir = _copy(templates["both"], tmp_path)
    with running_receiver() as receiver:
        subscription = _subscription(receiver.url, boards=[RAW], since=date(2025, 3, 20))
        first = deliver_pending(data_dir, [subscription], client)
        second = deliver_pending(data_dir, [subscription], client)

    days = Counter(p["data"]["occurred_on"] for p in receiver.accepted)
    assert receiver.rejected_signatures == 0
    assert first.count("delivered") == len(receiver.accepted) == 14  # all but the co-leaders of 18 March
    assert days == {"2025-03-22": 4, "2025-03-26": 7, "2025-03-28": 3}
    assert second.attempts == []  # idempotent: nothing is sent twice
    leader = next(p for p in receiver.accepted if p["type"] == "change.new_leader")
    assert leader["timestamp"] == "2025-03-26T00:00:00Z"
    assert (
        leader["data"]["event_id"]
        == f"tag:rankledger.dev,2026:board/{RAW}/2025-03-26/new_leader/gemini-2.5-pro"
    )
    assert leader["data"]["model_names"] == ["Gemini-2.5-Pro-Exp-03-25"]


def test_a_new_subscription_gets_only_the_events_published_after_it(
    templates: dict[str, Path], tmp_path: Path, client: httpx.Client
) -> None:
    data_dir = _copy(templates["early"], tmp_path)
    with running_receiver() as receiver:
        fresh = _subscription(receiver.url, kinds=["new_leader", "claim_verdict"])
        register_subscriptions(data_dir, [fresh])  # as `rankledger import` does before loading
        before = deliver_pending(data_dir, [fresh], client, today=APRIL)
        _import(data_dir, LATE)
        after = deliver_pending(data_dir, [fresh], client, today=APRIL)

    assert before.attempts == []
    assert sorted(receiver.accepted_ids()) == [
        "tag:rankledger.dev,2026:board/lmarena.text.overall.raw/2025-03-26/new_leader/gemini-2.5-pro",
        "tag:rankledger.dev,2026:claim/google-gemini-2-5-pro-debuts-first-on-lmarena/2025-03-26/claim_verdict/supported",
    ]
    assert after.count("delivered") == 2


def test_events_older_than_max_age_are_not_news(
    templates: dict[str, Path], tmp_path: Path, client: httpx.Client
) -> None:
    data_dir = _copy(templates["early"], tmp_path)
    with running_receiver() as receiver:
        subscription = _subscription(receiver.url, max_age_days=30)
        register_subscriptions(data_dir, [subscription])
        _import(data_dir, LATE)
        report = deliver_pending(data_dir, [subscription], client, today=date(2026, 12, 1))

    assert report.attempts == []
    assert receiver.received == []


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    templates: dict[str, Path], tmp_path: Path, client: httpx.Client
) -> None:
    data_dir = _copy(templates["both"], tmp_path)
    clock = FakeClock()
    with running_receiver(fail_first=2) as receiver:
        subscription = _subscription(receiver.url, kinds=["new_leader"], since=date(2025, 3, 1))
        report = deliver_pending(data_dir, [subscription], client, wait=60, clock=clock, sleep=clock.sleep)

    assert [(a.attempt, a.status, a.status_code) for a in report.attempts] == [
        (1, "retrying", 503),
        (2, "retrying", 503),
        (3, "delivered", 204),
    ]
    assert clock.slept == [RETRY_SCHEDULE[0], RETRY_SCHEDULE[1]]  # 5 s, then 30 s
    assert receiver.received == [receiver.accepted_ids()[0]] * 3  # one message id on every attempt
    assert report.pending == 0
    with sqlite3.connect(data_dir / LEDGER_FILE) as ledger:
        attempts = ledger.execute("SELECT attempt, status_code FROM attempt ORDER BY attempt").fetchall()
    assert attempts == [(1, 503), (2, 503), (3, 204)]


def test_what_is_left_to_retry_is_sent_by_a_later_run_when_it_is_due(
    templates: dict[str, Path], tmp_path: Path, client: httpx.Client
) -> None:
    data_dir = _copy(templates["both"], tmp_path)
    clock = FakeClock()
    with running_receiver(down=True) as receiver:
        subscription = _subscription(
            receiver.url, boards=[RAW], kinds=["new_leader", "co_leaders"], since=date(2025, 3, 1)
        )
        down = deliver_pending(data_dir, [subscription], client, clock=clock)
        clock.now += 1
        early = deliver_pending(data_dir, [subscription], client, clock=clock)
        receiver.down = False
        clock.now += RETRY_SCHEDULE[0]
        later = deliver_pending(data_dir, [subscription], client, clock=clock)

    # a failing endpoint gets one attempt; the other event queues behind its retry
    assert [(a.status, a.status_code) for a in down.attempts] == [("retrying", 503)]
    assert down.pending == 1
    assert early.attempts == []
    assert [(a.attempt, a.status) for a in later.attempts] == [(2, "delivered"), (1, "delivered")]
    assert sorted(p["type"] for p in receiver.accepted) == ["change.co_leaders", "change.new_leader"]


def _deliver_command(data_dir: Path, webhooks_file: Path) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "service.cli",
            "webhooks",
            "deliver",
            "--data-dir",
            str(data_dir),
            "--webhooks-file",
            str(webhooks_file),
            "--wait",
            "0",
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_restart_in_the_middle_neither_repeats_nor_loses_an_event(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    data_dir = _copy(templates["both"], tmp_path)
    webhooks_file = tmp_path / "webhooks.toml"
    with running_receiver(block_at=3) as receiver:
        webhooks_file.write_text(
            f'[[subscription]]\nid = "newsroom"\nurl = "{receiver.url}"\nsecret = "{SECRET}"\n'
            'since = 2025-03-01\nboards = ["lmarena.text.overall.raw"]\n',
            encoding="utf-8",
        )
        first = _deliver_command(data_dir, webhooks_file)
        assert receiver.arrived.wait(60), first.communicate(timeout=5)
        first.send_signal(signal.SIGKILL)  # killed while the third delivery is in flight
        first.communicate(timeout=30)
        receiver.release.set()
        second = _deliver_command(data_dir, webhooks_file)
        _, errors = second.communicate(timeout=120)

    accepted = receiver.accepted_ids()
    assert second.returncode == 0, errors.decode()
    assert len(accepted) == 15
    assert len(set(accepted)) == 15  # none accepted twice, none lost
    in_flight = receiver.received[2]
    assert receiver.received.count(in_flight) == 2  # sent again after the restart, with the same webhook-id
    assert Counter(receiver.received) - Counter(accepted) == Counter({in_flight: 1})
    assert b"15 delivered" not in errors  # the second run sent only what the first had not
    assert b"13 delivered" in errors


def test_rankledger_import_delivers_the_events_it_publishes(
    templates: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.cli import main

    data_dir = _copy(templates["early"], tmp_path)
    webhooks_file = tmp_path / "webhooks.toml"
    with running_receiver() as receiver:
        webhooks_file.write_text(
            f'[[subscription]]\nid = "newsroom"\nurl = "{receiver.url}"\nsecret_env = "NEWSROOM_SECRET"\n'
            'kinds = ["new_leader"]\nsince = 2025-03-01\n',
            encoding="utf-8",
        )
        monkeypatch.setenv("NEWSROOM_SECRET", SECRET)
        monkeypatch.setenv("RANKLEDGER_WEBHOOKS_FILE", str(webhooks_file))
        files = [str(LEGACY_CSV / f"lmsys_{v}.csv") for v in LATE]
        status = main(["import", *files, "--data-dir", str(data_dir)])

    assert status == 0
    assert receiver.accepted_ids() == [
        f"tag:rankledger.dev,2026:board/{RAW}/2025-03-26/new_leader/gemini-2.5-pro"
    ]
