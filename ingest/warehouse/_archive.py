"""Content-addressed archive of raw payloads: every byte we were given is kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ("archive_payload", "payload_sha256")


def payload_sha256(content: bytes) -> str:
    """Hex sha256 of a payload: its address in the archive."""
    return hashlib.sha256(content).hexdigest()


def archive_payload(data_dir: Path, content: bytes) -> tuple[str, Path]:
    """Store ``content`` under ``raw/<aa>/<sha256>`` once; returns its sha256 and path."""
    sha = payload_sha256(content)
    path = data_dir / "raw" / sha[:2] / sha
    if not path.exists():
        if not path.parent.is_dir():  # a stat is cheaper than a mkdir that fails
            path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{sha}.partial")
        partial.write_bytes(content)
        partial.replace(path)
    return sha, path
