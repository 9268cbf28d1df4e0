"""Atom 1.0 (RFC 4287) feeds of change events: one entry per event, newest first.

Entry ids are the events' ``tag:`` URIs, so a reader never shows an event twice, even after the
warehouse is rebuilt. An entry is dated by the day of the snapshot that shows the change and
links to the board as of that day.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from service.schemas_changes import ChangeEvent

__all__ = ("ATOM_MEDIA_TYPE", "atom_feed")

ATOM_MEDIA_TYPE = "application/atom+xml"
_ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", _ATOM)


def _stamp(day: date) -> str:
    """RFC 3339 date-time of the day's start in UTC (a snapshot is dated by day only)."""
    return datetime.combine(day, time(), tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attributes)
    element.text = text
    return element


def atom_feed(
    *,
    feed_id: str,
    title: str,
    self_url: str,
    alternate_url: str,
    base_url: str,
    updated: datetime,
    events: Sequence[ChangeEvent],
) -> bytes:
    """The feed document, UTF-8 with an XML declaration.

    ``updated`` is used when there is no entry (otherwise the newest entry's day);
    ``base_url`` (scheme and host) makes the events' API paths absolute.
    """
    feed = ET.Element(f"{{{_ATOM}}}feed")
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    newest = max((e.occurred_on for e in events), default=None)
    _add(feed, "updated", _stamp(newest) if newest else updated.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _add(feed, "link", rel="self", type=ATOM_MEDIA_TYPE, href=self_url)
    _add(feed, "link", rel="alternate", type="application/json", href=alternate_url)
    author = _add(feed, "author")
    _add(author, "name", "rankledger")
    _add(feed, "generator", "rankledger")
    for event in events:
        entry = _add(feed, "entry")
        _add(entry, "id", event.event_id)
        _add(entry, "title", event.title)
        _add(entry, "published", _stamp(event.occurred_on))
        _add(entry, "updated", _stamp(event.occurred_on))
        _add(entry, "link", rel="alternate", href=base_url + event.link)
        _add(entry, "category", term=event.kind)
        if event.board_id is not None:
            _add(entry, "category", term=event.board_id, label="board")
        _add(entry, "summary", event.summary, type="text")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
