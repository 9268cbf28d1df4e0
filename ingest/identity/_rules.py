"""Deterministic name rules: normalisation and the variant suffixes sources append.

Only these rules run on the write path; anything they cannot settle against the registry stays
unresolved. They never drop a token they do not know (``-exp``, ``-speciale``, ``-codex``,
``-image``, ``-preview`` all stay), so different models are never merged by a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.identity._registry import NO_VARIANT, VariantSpec

__all__ = ("normalize_name", "peel_suffixes")

_SEPARATORS = re.compile(r"[\s_/()\[\]+,:;]+")
_DASHES = re.compile(r"-{2,}")
_EFFORTS = {"minimal", "low", "medium", "high", "xhigh", "max"}
_MODES = {"thinking", "search", "grounding", "reasoning", "non-thinking", "nothinking"}
_BUDGET = re.compile(r"^\d{1,3}k$")
_DATE8 = re.compile(r"^20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_MONTH = re.compile(r"^(0[1-9]|1[0-2])$")
_DAY = re.compile(r"^(0[1-9]|[12]\d|3[01])$")
_YEAR = re.compile(r"^20\d{2}$")


def normalize_name(name: str) -> str:
    """Case and separators only: ``Gemini 3 Pro Preview (high)`` -> ``gemini-3-pro-preview-high``."""
    text = _SEPARATORS.sub("-", name.strip().lower())
    return _DASHES.sub("-", text).strip("-")


def _peel_one(tokens: list[str]) -> tuple[int, VariantSpec] | None:
    """The variant attribute at the end of ``tokens``: (how many tokens it spans, attribute)."""
    last = tokens[-1]
    before = tokens[-2] if len(tokens) > 1 else ""
    earlier = tokens[-3] if len(tokens) > 2 else ""
    if last == "effort" and before in _EFFORTS:
        return 2, VariantSpec(reasoning_effort=before)
    if last in _EFFORTS:
        return 1, VariantSpec(reasoning_effort=last)
    if last == "thinking" and before == "non":
        return 2, VariantSpec(mode="non-thinking")
    if last in _MODES:
        return 1, VariantSpec(mode="non-thinking" if last == "nothinking" else last)
    if _BUDGET.match(last):
        return 1, VariantSpec(thinking_budget=last)
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
