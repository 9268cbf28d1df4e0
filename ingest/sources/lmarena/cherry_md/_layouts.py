"""The table layouts (column eras) of the Cherry Studio LMArena pages, and which board each one is.

A layout is recognised by its header row, compared without whitespace (the pages write both
``价格 $/百万 Token`` and ``价格 $/百万Token``). Which variant a layout shows was settled by
comparing page scores with LMArena's own files for the same dates; the evidence is in
``docs/lmarena-cherry-variants.md``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ingest.sources.lmarena._boards import RAW, STYLE_CONTROL

__all__ = (
    "AGENT_METRICS",
    "LAYOUTS",
    "Column",
    "Layout",
    "arena_of_page",
    "find_layout",
    "normalize_header",
    "top30_variant",
)


def normalize_header(text: str) -> str:
    """Header text without any whitespace, for matching."""
    return "".join(text.split())


class Column(enum.Enum):
    """What a column holds, whatever its header says."""

    RANK = "rank"
    RANK_STYLE_CONTROL = "rank_style_control"
    RANK_SPREAD = "rank_spread"
    MODEL = "model"
    SCORE = "score"
    CI = "ci"
    VOTES = "votes"
    ORGANIZATION = "organization"
    LICENSE = "license"
    KNOWLEDGE_CUTOFF = "knowledge_cutoff"
    PRICE = "price"
    CONTEXT = "context"
    AGENT_METRIC = "agent_metric"
    SESSIONS = "sessions"

    # Members are singletons compared by identity: hash them so too (Enum's own __hash__ is
    # Python code, run on every lookup of every cell of every row).
    __hash__ = object.__hash__


@dataclass(frozen=True)
class Layout:
    """One column era of the pages."""

    era: str
    """Short name of the era, e.g. ``2025-11-15 rank spread``."""
    columns: tuple[tuple[str, Column], ...]
    """Header text (as on the first page of the era) and what the column holds."""
    variant: str | None
    """LMArena variant of the scores; ``None`` when it depends on the arena (top-30 pages)."""
    top30: bool = False
    """The page lists only the top 30 of the board."""
    logos: bool = False
    """Model cells may start with the provider logo's alt text (the full-page website scrapes)."""

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(normalize_header(header) for header, _ in self.columns)

    @property
    def carries_organization(self) -> bool:
        """No organisation column: the model cell may carry ``<organisation> · <licence>``."""
        return all(column is not Column.ORGANIZATION for _, column in self.columns)


_C = Column
_EARLY = (
    ("排名(UB)", _C.RANK),
    ("排名(StyleCtrl)", _C.RANK_STYLE_CONTROL),
    ("模型名", _C.MODEL),
    ("分数", _C.SCORE),
    ("置信区间", _C.CI),
    ("票数", _C.VOTES),
    ("服务商", _C.ORGANIZATION),
)
_WEBSITE = (
    ("模型", _C.MODEL),
    ("分数", _C.SCORE),
    ("95% 置信区间 (±)", _C.CI),
    ("票数", _C.VOTES),
    ("组织/公司", _C.ORGANIZATION),
    ("许可证", _C.LICENSE),
)
_GLUED = (
    ("Rank", _C.RANK),
    ("Rank Spread", _C.RANK_SPREAD),
    ("模型", _C.MODEL),
    ("分数", _C.SCORE),
    ("票数", _C.VOTES),
)
_TOP30 = (("排名", _C.RANK), ("排名区间", _C.RANK_SPREAD), ("模型", _C.MODEL))
AGENT_METRICS = {
    "净改进率": "net_improvement",
    "确认成功率": "confirmed_success",
    "赞踩比": "praise_vs_complaint",
    "可控性": "steerability",
    "Bash 恢复率": "bash_recovery",
    "工具幻觉率": "tool_hallucination",
}
"""Agent-board metric headers -> the ``extra`` keys (arena.ai's own signal names)."""

# Eras up to 2025-10-01 re-published the legacy pickle CSVs (un-styled scores, with the
# style-control rank beside them); from 2025-10-09 the scraper read the website's default view,
# which is style-controlled.
LAYOUTS: tuple[Layout, ...] = (
    Layout("2025-01 rank UB + style-control rank", _EARLY, RAW),
    Layout("2025-05-18 + licence", (*_EARLY, ("协议", _C.LICENSE)), RAW),
    Layout("2025-06 + licence, knowledge cutoff", (*_EARLY, ("许可协议", _C.LICENSE),
                                                   ("知识截止日期", _C.KNOWLEDGE_CUTOFF)), RAW),
    Layout("2025-10-09 website, rank UB", (("排名 (UB)", _C.RANK), *_WEBSITE), STYLE_CONTROL, logos=True),
    Layout("2025-11-15 rank spread", (("Rank", _C.RANK), ("Rank Spread(Upper-Lower)", _C.RANK_SPREAD),
                                      *_WEBSITE), STYLE_CONTROL, logos=True),
    Layout("2025-12-20 rank spread", (("Rank", _C.RANK), ("Rank Spread", _C.RANK_SPREAD), *_WEBSITE),
           STYLE_CONTROL, logos=True),
    Layout("2026-02-10 glued cells", _GLUED, STYLE_CONTROL, logos=True),
    Layout("2026-03-11 + price, context", (*_GLUED, ("Price $/M", _C.PRICE), ("Context", _C.CONTEXT)),
           STYLE_CONTROL, logos=True),
    Layout("2026-07-29 top 30", (*_TOP30, ("分数", _C.SCORE), ("票数", _C.VOTES),
                                 ("价格 $/百万 Token", _C.PRICE), ("上下文", _C.CONTEXT)), None, top30=True),
    Layout("2026-07-29 top 30, no price", (*_TOP30, ("分数", _C.SCORE), ("票数", _C.VOTES)), None,
           top30=True),
    Layout("2026-07-29 top 30, agent", (*_TOP30, *((h, _C.AGENT_METRIC) for h in AGENT_METRICS),
                                        ("会话数", _C.SESSIONS)), None, top30=True),
)  # fmt: skip
_BY_KEY = {layout.key: layout for layout in LAYOUTS}

# The top-30 pages link their arena.ai board; the title is the fallback, then the manifest hint.
# arena.ai's "code/webdev" board (renamed from "code" in July 2026) is the dataset's `webdev`.
_BOARD_PATHS = {"code/webdev": "webdev", "code-webdev": "webdev"}
_TITLES = {"文本榜单": "text", "视觉榜单": "vision", "搜索榜单": "search", "文生图榜单": "text-to-image",
           "代码 / Web 开发榜单": "webdev", "Agent 智能体榜单": "agent"}  # fmt: skip
_BOARD_LINK = re.compile(r"arena\.ai/leaderboard/(?P<path>[a-z0-9/-]+)\)")
_TITLE = re.compile(r"^# (?P<title>.+?)\s*$", re.MULTILINE)
# On the top-30 pages only text and vision show style-controlled scores (they match the dataset's
# `*_style_control` configs); search, webdev, text-to-image and agent match the plain configs.
_STYLE_CONTROLLED_TOP30 = frozenset({"text", "vision"})


def find_layout(headers: list[str]) -> Layout | None:
    """The layout whose header row this is, if known."""
    return _BY_KEY.get(tuple(normalize_header(h) for h in headers))


def arena_of_page(page: str, arena_hint: str | None) -> str | None:
    """The arena a top-30 page shows: its arena.ai link, else its title, else the origin's hint."""
    if (link := _BOARD_LINK.search(page)) is not None:
        path = link["path"].strip("/")
        return _BOARD_PATHS.get(path, path)
    if (title := _TITLE.search(page)) is not None and title["title"] in _TITLES:
        return _TITLES[title["title"]]
    if arena_hint:
        # Manifest rows say e.g. "code-webdev (top 30)".
        hint = arena_hint.split()[0].strip().lower()
        return _BOARD_PATHS.get(hint, hint)
    return None


def top30_variant(arena: str) -> str:
    """The variant a top-30 page of this arena shows."""
    return STYLE_CONTROL if arena in _STYLE_CONTROLLED_TOP30 else RAW
