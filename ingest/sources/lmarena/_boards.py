"""LMArena board naming shared by every LMArena format.

LMArena's formats name the same board differently: the dataset config ``text_style_control``,
the catalog file ``leaderboard-text-style-control.json`` with category ``full``, the legacy CSV
``lmsys.csv``. Every LMArena parser maps its names through here so that one board has one id,
e.g. ``lmarena.text.overall.style_control``.
"""

from __future__ import annotations

from ingest.records import Board

__all__ = (
    "LMARENA",
    "RAW",
    "STYLE_CONTROL",
    "lmarena_board",
    "normalize_arena",
    "normalize_category",
    "split_config",
)

LMARENA = "lmarena"
"""Source id of every LMArena board."""
RAW = "raw"
"""Variant: scores without style control (LMArena's original method)."""
STYLE_CONTROL = "style_control"
"""Variant: style-controlled scores (the website's default view since 2025)."""

_STYLE_CONTROL_SUFFIXES = ("_style_control", "-style-control")

# The arena-catalog files used LMArena's internal category keys; the dataset uses the names
# shown on the website. Both name the same slice of votes.
_CATEGORY_ALIASES = {
    "full": "overall",
    "hard_6": "hard_prompts",
    "hard_english_6": "hard_prompts_english",
    "if": "instruction_following",
    "long_user": "longer_query",
    "multiturn": "multi_turn",
    "no_tie": "exclude_ties",
}


def normalize_arena(name: str) -> str:
    """``text_to_image`` and ``text-to-image`` are the same arena: ids use hyphens."""
    return name.strip().lower().replace("_", "-")


def normalize_category(name: str) -> str:
    """One name per category, e.g. the catalog's ``full`` is the dataset's ``overall``."""
    key = name.strip().lower()
    return _CATEGORY_ALIASES.get(key, key)


def split_config(config: str) -> tuple[str, str]:
    """``text_style_control`` -> (``text``, style control); ``vision`` -> (``vision``, raw)."""
    for suffix in _STYLE_CONTROL_SUFFIXES:
        if config.endswith(suffix):
            return normalize_arena(config.removesuffix(suffix)), STYLE_CONTROL
    return normalize_arena(config), RAW


def lmarena_board(
    arena: str,
    category: str,
    variant: str,
    *,
    metric: str = "rating",
    unit: str = "elo",
) -> Board:
    """The LMArena board for an arena, category and variant, names normalised."""
    return Board(
        source=LMARENA,
        arena=normalize_arena(arena),
        category=normalize_category(category),
        variant=variant,
        metric=metric,
        unit=unit,
    )
