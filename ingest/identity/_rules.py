"""Deterministic name rules: normalisation and the variant suffixes sources append.

Only these rules run on the write path; anything they cannot settle against the registry stays
unresolved. They never drop a token they do not know (``-exp``, ``-speciale``, ``-codex``,
``-image``, ``-preview`` all stay), so different models are never merged by a rule. Tokens that
are also product names stay too: a bare ``max`` (Qwen-Max, GPT-5.1-Codex-Max) is only an effort
as ``max-effort``, and a bare ``32k`` (Step-1V-32K, GPT-4-32k: context windows) is only a
thinking budget next to ``thinking`` or an effort.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.identity._registry import NO_VARIANT, VariantSpec

__all__ = ("normalize_name", "peel_suffixes")

_SEPARATORS = re.compile(r"[\s_/()\[\]+,:;]+")
# ``Command R+`` is a model of its own (LMArena's ``command-r-plus``), not ``Command R``: a ``+``
# glued to a name reads "plus"; a spaced one joins a system and its model (``SWE-agent + GPT 4``).
_GLUED_PLUS = re.compile(r"(?<=[a-z0-9])\+(?=$|[\s)\]/,:;])")
_DASHES = re.compile(r"-{2,}")
_EFFORTS = {"minimal", "low", "medium", "high", "xhigh", "max"}
# ``max`` alone is a product tier as often as an effort: only ``max-effort`` is peeled.
_BARE_EFFORTS = _EFFORTS - {"max"}
_MODES = {"thinking", "search", "grounding", "reasoning"}
_NEGATED_MODES = {"thinking", "reasoning"}
_BUDGET = re.compile(r"^\d{1,3}k$")
_DATE8 = re.compile(r"^20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_MONTH = re.compile(r"^(0[1-9]|1[0-2])$")
_DAY = re.compile(r"^(0[1-9]|[12]\d|3[01])$")
_YEAR = re.compile(r"^20\d{2}$")
_HARNESS_NAME = re.compile(r"^[a-z][a-z0-9]*$")


def normalize_name(name: str) -> str:
    """Case and separators only: ``Gemini 3 Pro Preview (high)`` -> ``gemini-3-pro-preview-high``."""
    text = _GLUED_PLUS.sub("-plus", name.strip().lower())
    text = _SEPARATORS.sub("-", text)
    return _DASHES.sub("-", text).strip("-")


def _peel_mode(last: str, before: str) -> tuple[int, VariantSpec] | None:
    """Modes: ``thinking``, ``non-reasoning``, ``no-thinking``, ``adaptive-reasoning``, ``web-search``..."""
    if last in _NEGATED_MODES and before in {"non", "no"}:
        return 2, VariantSpec(mode=f"non-{last}")
    if last == "nothinking":
        return 1, VariantSpec(mode="non-thinking")
    if last in _NEGATED_MODES and before == "adaptive":
        return 2, VariantSpec(mode=f"adaptive-{last}")
    if last == "search" and before == "web":
        return 2, VariantSpec(mode="search")
    if last == "auto" and before == "thinking":
        return 2, VariantSpec(mode="thinking", thinking_budget="auto")
    if last == "thinking" and _BUDGET.match(before):
        return 2, VariantSpec(mode="thinking", thinking_budget=before)
    if last in _MODES:
        return 1, VariantSpec(mode=last)
    return None


def _peel_date(tokens: list[str]) -> tuple[int, VariantSpec] | None:
    """Date suffixes: ``20251101``, ``2025-11-18``, ``11-2025``, ``05-06``, ``0528``."""
    last = tokens[-1]
    before = tokens[-2] if len(tokens) > 1 else ""
    earlier = tokens[-3] if len(tokens) > 2 else ""
    if _DATE8.match(last):
        return 1, VariantSpec(date_version=last)
    if _DAY.match(last) and _MONTH.match(before) and _YEAR.match(earlier):
        return 3, VariantSpec(date_version=f"{earlier}-{before}-{last}")
    if _YEAR.match(last) and _MONTH.match(before):
        return 2, VariantSpec(date_version=f"{last}-{before}")
    if _DAY.match(last) and _MONTH.match(before) and len(tokens) > 2:
        return 2, VariantSpec(date_version=f"{before}-{last}")
    if _MMDD.match(last) and len(tokens) > 1:
        return 1, VariantSpec(date_version=last)
    return None


def _peel_one(tokens: list[str]) -> tuple[int, VariantSpec] | None:
    """The variant attribute at the end of ``tokens``: (how many tokens it spans, attribute)."""
    last = tokens[-1]
    before = tokens[-2] if len(tokens) > 1 else ""
    if last == "effort" and before in _EFFORTS:
        return 2, VariantSpec(reasoning_effort=before)
    if last in _BARE_EFFORTS:
        return 1, VariantSpec(reasoning_effort=last)
    # ``gpt-5.4-high (codex-harness)``: the agent harness LMArena ran the model in.
    if last == "harness" and _HARNESS_NAME.match(before) and before not in _EFFORTS | _MODES:
        return 2, VariantSpec(harness=before)
    mode = _peel_mode(last, before)
    if mode is not None:
        return mode
    # A budget only where thinking or an effort names it: ``thinking-32k``, ``high-32k``.
    if _BUDGET.match(last) and (before == "thinking" or before in _EFFORTS):
        return 1, VariantSpec(thinking_budget=last)
    return _peel_date(tokens)


def peel_suffixes(normalized: str) -> Iterator[tuple[str, VariantSpec]]:
    """Stems of a normalised name with the variant attributes peeled off, shortest peel first.

    ``claude-opus-4-5-20251101-thinking-32k`` yields ``claude-opus-4-5-20251101-thinking``
    (budget 32k), ``claude-opus-4-5-20251101`` (+ mode thinking), ``claude-opus-4-5``
    (+ date 20251101). An attribute already peeled is not peeled twice.
    """
    tokens = normalized.split("-")
    variant = NO_VARIANT
    while len(tokens) > 1:
        peeled = _peel_one(tokens)
        if peeled is None:
            return
        span, attribute = peeled
        overlap = any(getattr(attribute, f) and getattr(variant, f) for f in attribute.__struct_fields__)
        if overlap or span >= len(tokens):
            return
        tokens = tokens[:-span]
        variant = variant.merged(attribute)
        yield "-".join(tokens), variant
