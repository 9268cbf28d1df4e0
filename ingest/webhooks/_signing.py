"""Standard Webhooks signatures (https://www.standardwebhooks.com/): what a receiver verifies.

The signed content is ``{webhook-id}.{webhook-timestamp}.{body}``; the signature is HMAC-SHA256
with the secret's key, base64-encoded and versioned ``v1,``. The tests verify these headers with
the reference implementation (PyPI ``standardwebhooks``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

__all__ = ("signed_headers",)


def signed_headers(key: bytes, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt (``timestamp``: Unix seconds, now)."""
    content = f"{message_id}.{timestamp}.".encode() + body
    signature = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": f"v1,{signature}",
    }
