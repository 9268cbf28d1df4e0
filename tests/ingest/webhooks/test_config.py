"""The webhooks file: strictly read, errors name the file, the place and the problem."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from ingest.webhooks import Subscription, WebhookConfigError, load_subscriptions, signed_headers
from tests.ingest.webhooks.receiver import SECRET

VALID = f"""
[[subscription]]
id = "newsroom"
url = "https://example.org/hooks/rankledger"
secret = "{SECRET}"
kinds = ["new_leader", "co_leaders"]
since = 2025-11-01
"""


def _load(tmp_path: Path, text: str) -> list[Subscription]:
    path = tmp_path / "webhooks.toml"
    path.write_text(text, encoding="utf-8")
    return list(load_subscriptions(path))


def test_a_valid_file_gives_its_subscriptions(tmp_path: Path) -> None:
    (subscription,) = _load(tmp_path, VALID)

    assert subscription.id == "newsroom"
    assert str(subscription.since) == "2025-11-01"
    assert subscription.max_age_days == 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (VALID.replace("new_leader", "new_king"), "unknown kind(s) new_king"),
        (VALID.replace('id = "newsroom"', 'id = "News Room"'), "$.subscription[0].id"),
        (VALID + 'colour = "red"\n', "unknown field `colour`"),
        (VALID.replace(f'secret = "{SECRET}"', 'secret = "whsec_not base64!"'), "not whsec_ + base64"),
        (VALID.replace(f'secret = "{SECRET}"', 'secret_env = "RANKLEDGER_TEST_UNSET_SECRET"'), "is not set"),
        (VALID + VALID, "used twice: newsroom"),
        ("[[subscription]\n", "not valid TOML"),
    ],
)
def test_a_bad_file_is_an_error_naming_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(WebhookConfigError, match=r"webhooks\.toml") as error:
        _load(tmp_path, text)

    assert message in str(error.value)


def test_the_signature_verifies_with_the_reference_implementation() -> None:
    body = b'{"type":"change.new_leader","data":{}}'
    now = int(datetime.now(UTC).timestamp())
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    headers = signed_headers(key, "tag:rankledger.dev,2026:x", now, body)

    assert Webhook(SECRET).verify(body, headers) == {"type": "change.new_leader", "data": {}}
    assert headers["webhook-signature"] == Webhook(SECRET).sign(
        "tag:rankledger.dev,2026:x", datetime.fromtimestamp(now, tz=UTC), body
    )
