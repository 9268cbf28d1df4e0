"""Dates written in text as year, month and day (a file name, a commit subject, a CSV cell)."""

from __future__ import annotations

import re
from datetime import date

__all__ = ("date_from_groups",)


def date_from_groups(match: re.Match[str] | None) -> date | None:
    """The date whose year, month and day are groups 1 to 3 of ``match``; ``None`` without a match
    or for a day that does not exist."""
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
