"""A webhook receiver for the tests: a real HTTP server on 127.0.0.1 that verifies every request
with the Standard Webhooks reference implementation (PyPI ``standardwebhooks``)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SECRET = "whsec_" + "cmFua2xlZGdlci10ZXN0LXJlY2VpdmVyLWtleS0zMmJ5dGVz"
"""``whsec_`` + base64 of a 32-byte key."""


@dataclass
class Receiver:
    """What arrived, and how to answer."""

    url: str = ""
    fail_first: int = 0
    """Answer 503 to this many requests before accepting."""
    down: bool = False
    """Answer 503 to everything while set."""
    block_at: int | None = None
    """Hold the request with this number (1-based) until ``release`` is set, then answer 503."""
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    received: list[str] = field(default_factory=list)
    """``webhook-id`` of every request whose signature verified."""
    accepted: list[dict[str, Any]] = field(default_factory=list)
    """Payloads answered with 204."""
    rejected_signatures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accepted_ids(self) -> list[str]:
        return [payload["data"]["event_id"] for payload in self.accepted]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    verifier = Webhook(SECRET)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            try:
                payload = verifier.verify(body, dict(self.headers.items()))
            except WebhookVerificationError:
                with receiver.lock:
                    receiver.rejected_signatures += 1
                self._answer(401)
                return
            with receiver.lock:
                receiver.received.append(self.headers["webhook-id"])
                number = len(receiver.received)
                failing = receiver.down or number <= receiver.fail_first
            if receiver.block_at == number:
                receiver.arrived.set()
                receiver.release.wait(60)
                self._answer(503)
                return
            if failing:
                self._answer(503)
                return
            assert payload == json.loads(body)
            with receiver.lock:
                receiver.accepted.append(payload)
            self._answer(204)

        def _answer(self, status: int) -> None:
            try:
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()
            except OSError:  # the sender is gone (killed in the middle of a delivery)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running_receiver(**settings: Any) -> Iterator[Receiver]:
    """A receiver listening on a free port of 127.0.0.1 until the block ends."""
    receiver = Receiver(**settings)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.release.set()
        server.shutdown()
        server.server_close()
        thread.join(10)
