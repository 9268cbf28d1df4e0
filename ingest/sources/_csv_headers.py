"""Telling a reader which known CSV header a file's header is closest to, and how it differs."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ("closest_header",)


def closest_header(eras: Mapping[str, tuple[str, ...]], columns: tuple[str, ...]) -> str:
    """``closest is the <era> era: missing x; unexpected y`` for a header that matches no era."""
    era, closest = min(eras.items(), key=lambda item: len(set(item[1]) ^ set(columns)))
    missing = [c for c in closest if c not in columns]
    unexpected = [c for c in columns if c not in closest]
    parts = [
        f"missing {', '.join(missing)}" if missing else "",
        f"unexpected {', '.join(unexpected)}" if unexpected else "",
    ]
    differences = "; ".join(p for p in parts if p) or "columns out of order"
    return f"closest is the {era} era: {differences}"
