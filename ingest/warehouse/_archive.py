"""Content-addressed archive of raw payloads: every byte we were given is kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ("archive_path", "archive_payload", "payload_sha256", "store_archived")


def payload_sha256(content: bytes) -> str:
    """Hex sha256 of a payload: its address in the archive."""
    return hashlib.sha256(content).hexdigest()


def archive_path(data_dir: Path, sha256: str) -> Path:
    """Where the payload with this sha256 is kept: ``raw/<aa>/<sha256>``."""
    return data_dir / "raw" / sha256[:2] / sha256


def store_archived(path: Path, content: bytes) -> None:
    """Write ``content`` to its archive ``path`` once (via a hidden partial file, then a rename)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)


def archive_payload(data_dir: Path, content: bytes) -> tuple[str, Path]:
    """Store ``content`` under ``raw/<aa>/<sha256>`` once; returns its sha256 and path."""
    sha = payload_sha256(content)
    path = archive_path(data_dir, sha)
    store_archived(path, content)
    return sha, path
