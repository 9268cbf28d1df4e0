"""LMArena (formerly LMSYS Chatbot Arena): every format its leaderboards came in over the years.

One module (or package) per format: the official Hugging Face dataset (``dataset/``), the
arena-catalog JSON (``catalog``), the legacy Chatbot Arena CSV (``legacy_csv``), the arena.ai
daily JSON archive (``arena_ai``), Cherry Studio's markdown scrapes (``cherry_md/``) and the wide
Elo CSV (``wide_elo``). Board ids and names shared by all of them are in ``_boards``.
"""

from __future__ import annotations

from ingest.sources._format import SourceFormat
from ingest.sources.lmarena import arena_ai, catalog, cherry_md, dataset, legacy_csv, wide_elo

__all__ = ("FORMATS",)

FORMATS: tuple[SourceFormat, ...] = (
    *dataset.FORMATS,
    *catalog.FORMATS,
    *legacy_csv.FORMATS,
    *arena_ai.FORMATS,
    *cherry_md.FORMATS,
    *wide_elo.FORMATS,
)
"""LMArena's formats, in sniffing order (most specific first)."""
