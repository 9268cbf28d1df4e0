"""Named board scopes a claim may use instead of listing board ids.

Articles say "tops the major leaderboards" without naming them. ``major`` fixes what we check such
a phrase against: one headline board per general-purpose leaderboard, the view a reader lands on.
A member ending in ``.*`` is a board family whose newest board on the day is meant (LiveBench
publishes one board per release; its site shows the newest). Documented in ``docs/claims.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ("SCOPES", "is_family", "scope_boards")

SCOPES: Mapping[str, tuple[str, ...]] = {
    "major": (
        # LMArena text, overall, style control on: the website's default view since 2025.
        "lmarena.text.overall.style_control",
        # LMArena's other two headline arenas.
        "lmarena.webdev.overall.raw",
        "lmarena.vision.overall.style_control",
        # LiveBench's global average, newest release on the day.
        "livebench.llm.global.*",
        # Artificial Analysis Intelligence Index, the figure its home page leads with.
        "artificial-analysis.llm.intelligence_index.default",
        # SWE-bench bash-only: every model in the same minimal agent, so it ranks models, not systems.
        "swebench.bash-only.overall.default",
    ),
    "lmarena-text": ("lmarena.text.overall.style_control",),
}
"""Scope name -> board ids or families, in the order checks are listed."""


def is_family(board_ref: str) -> bool:
    """``livebench.llm.global.*`` names a family; ``lmarena.text.overall.raw`` one board."""
    return board_ref.endswith(".*")


def scope_boards(scope: str | None, boards: list[str]) -> list[str]:
    """The board refs a claim is checked on: its scope's members, then its explicit boards."""
    refs = list(SCOPES[scope]) if scope is not None else []
    return refs + [b for b in boards if b not in refs]
