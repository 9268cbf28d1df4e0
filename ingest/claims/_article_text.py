"""Plain sentences from an article in plain text, Markdown or HTML, English or Chinese.

Sentences end at the full-width ideographic full stop, exclamation and question marks and
semicolon (U+3002, U+FF01, U+FF1F, U+FF1B), at ``!?;`` and at a full stop followed by a space (not
after abbreviations such as "No." or "vs."); paragraph and block boundaries end
them too. Line breaks inside a paragraph join the lines (with a space unless both sides are CJK).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ("Article", "read_article", "split_sentences")

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}
_HTML = re.compile(r"<\s*(html|body|p|div|article|br|h[1-6]|span|section)\b", re.IGNORECASE)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Ending punctuation, then any closing quotes or brackets (corner brackets, curly quotes, U+FF09).
_END = re.compile("[\u3002\uff01\uff1f\uff1b!?;]+[\u300d\u300f\u201d\u2019\"')\uff09]*|\u2026+|\\.(?=\\s)")
_ABBREVIATIONS = {"no", "vs", "e.g", "i.e", "mr", "ms", "dr", "inc", "u.s", "st", "approx", "etc", "fig"}
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"(\*\*|__|[*_`~])")
_MARKDOWN_BLOCK = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)")


@dataclass
class Article:
    """An article's title (from HTML ``<title>`` or a first Markdown heading) and paragraphs."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """Every sentence, in order."""
        return [s for p in self.paragraphs for s in split_sentences(p)]


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.skipping = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK_TAGS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_TAGS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.blocks[-1].append(data)


def _join_lines(text: str) -> str:
    """One paragraph's lines joined: no space between two CJK characters, else one space."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = ""
    for line in lines:
        if joined and not (_CJK.match(joined[-1]) and _CJK.match(line[0])):
            joined += " "
        joined += line
    return re.sub(r"[ \t\u00a0]+", " ", joined).strip()


def _markdown_paragraphs(text: str) -> tuple[str | None, list[str]]:
    title = None
    paragraphs: list[str] = []
    current: list[str] = []
    in_code = False
    for raw in text.splitlines():
        if raw.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", raw))
        if title is None and re.match(r"^\s*#\s+", raw):
            title = line.lstrip("# ").strip()
        if not line.strip() or _MARKDOWN_BLOCK.match(line):
            paragraphs.append("\n".join(current))
            current = []
        if line.strip():
            current.append(_MARKDOWN_BLOCK.sub("", line))
    paragraphs.append("\n".join(current))
    return title, [p for p in (_join_lines(p) for p in paragraphs) if p]


def read_article(text: str) -> Article:
    """Paragraphs of an article, whatever its markup (HTML detected by its tags, else Markdown)."""
    if _HTML.search(text):
        parser = _HtmlText()
        parser.feed(text)
        parser.close()
        title = _join_lines(" ".join(parser.title)) or None
        paragraphs = [_join_lines("".join(block)) for block in parser.blocks]
        return Article(title=title, paragraphs=[p for p in paragraphs if p])
    title, paragraphs = _markdown_paragraphs(text)
    return Article(title=title, paragraphs=paragraphs)


def _is_abbreviation(text: str, stop: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[:stop])
    return word is not None and word[1].lower().rstrip(".") in _ABBREVIATIONS


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, ending punctuation kept."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        if match[0] == "." and _is_abbreviation(paragraph, match.start()):
            continue
        sentence = paragraph[start : match.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences
