"""Reading the dashboard's HTML in tests: tables, links and the assets a page loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ("Page", "read_page")


@dataclass
class Table:
    """A table's body rows (cell texts, whitespace collapsed) and its ``id``."""

    id: str | None
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Page:
    """What a test looks at in a page."""

    tables: list[Table] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    """Every ``<a href>``: (href, text)."""
    api_links: list[str] = field(default_factory=list)
    """The hrefs in the page's "this page as data" box."""
    assets: list[str] = field(default_factory=list)
    """URLs the page loads by itself: scripts, stylesheets, images, icons."""
    title: str = ""

    def table(self, table_id: str) -> list[list[str]]:
        return next(t.rows for t in self.tables if t.id == table_id)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_body = False
        self._link: tuple[str, list[str]] | None = None
        self._in_api_box = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self.page.tables.append(Table(id=attributes.get("id")))
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []
        elif tag == "a" and attributes.get("href"):
            self._link = (attributes["href"] or "", [])
            if self._in_api_box:
                self.page.api_links.append(attributes["href"] or "")
        elif tag == "aside" and "api-links" in (attributes.get("class") or ""):
            self._in_api_box = True
        elif tag in {"script", "img", "iframe"} and attributes.get("src"):
            self.page.assets.append(attributes["src"] or "")
        elif tag == "link" and attributes.get("href"):
            self.page.assets.append(attributes["href"] or "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag == "tr" and self._row is not None:
            self.page.tables[-1].rows.append(self._row)
            self._row = None
        elif tag in {"td", "th"} and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "a" and self._link is not None:
            href, text = self._link
            self.page.links.append((href, " ".join("".join(text).split())))
            self._link = None
        elif tag == "aside":
            self._in_api_box = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link[1].append(data)
        if self._in_title:
            self.page.title += data


def read_page(html: str) -> Page:
    """The tables, links and assets of an HTML page."""
    reader = _Reader()
    reader.feed(html)
    return reader.page
