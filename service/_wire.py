"""The bases of every wire schema: a response body, and a paged list body."""

from __future__ import annotations

from typing import Any

import msgspec

__all__ = ("Paged", "WireStruct")


class WireStruct(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every response body."""


class Paged(WireStruct, frozen=True, kw_only=True):
    """Base of list bodies: the page of ``items`` returned and how many there are in all."""

    items: list[Any]
    """This page of the list: at most ``limit`` items, after skipping ``offset``."""
    total: int | None = None
    """Items before paging (see ``limit``/``offset`` and the ``Link`` header)."""
    limit: int | None = None
    """Items per page asked for (``null``: the list is not paged)."""
    offset: int = 0
    """Items skipped before this page."""
