"""How one value is written in a CSV cell, the same in the API's CSV and the command line's."""

from __future__ import annotations

from typing import Any

import msgspec

__all__ = ("csv_cell",)


def csv_cell(value: Any) -> Any:
    """Booleans as ``true``/``false``, lists and objects as JSON text, ``None`` as an empty cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    if value is None:
        return ""
    return value
