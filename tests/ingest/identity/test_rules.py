"""The deterministic name rules: normalisation and the variant suffixes they peel.

Every name here is one a source really writes (see the provenance in ``seeds/models.toml``).
A rule may only peel tokens that never tell two models apart; the second half of this file pins
the tokens it must leave alone.
"""

from __future__ import annotations

import pytest

from ingest.identity import NO_VARIANT, VariantSpec, normalize_name, peel_suffixes


def _root(name: str) -> tuple[str, VariantSpec]:
    """The shortest stem the rules reach and the attributes peeled on the way."""
    normalized = normalize_name(name)
    stems = list(peel_suffixes(normalized))
    return stems[-1] if stems else (normalized, NO_VARIANT)


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("Gemini 3 Pro Preview (high)", "gemini-3-pro-preview-high"),
        ("FLUX.1 [dev] (fp8)", "flux.1-dev-fp8"),
        ("Qwen3-Coder 480B/A35B Instruct", "qwen3-coder-480b-a35b-instruct"),
        # a spaced "+" joins an agent system and its model ...
        ("SWE-agent + GPT 4o (2024-05-13)", "swe-agent-gpt-4o-2024-05-13"),
        # ... a glued one is part of the name: Command R+ is not Command R
        ("Command R+ (04-2024)", "command-r-plus-04-2024"),
        ("Command A+", "command-a-plus"),
    ],
)
def test_normalize_name_folds_case_and_separators_only(name: str, normalized: str) -> None:
    assert normalize_name(name) == normalized


@pytest.mark.parametrize(
    ("name", "stem", "variant"),
    [
        (
            "claude-opus-4-5-20251101-thinking-32k",
            "claude-opus-4-5",
            VariantSpec(mode="thinking", thinking_budget="32k", date_version="20251101"),
        ),
        (
            "claude-opus-4-5-20251101-thinking-64k-high-effort",
            "claude-opus-4-5",
            VariantSpec(
                mode="thinking", reasoning_effort="high", thinking_budget="64k", date_version="20251101"
            ),
        ),
        (
            "claude-opus-4-6-thinking-auto-high-effort",
            "claude-opus-4-6",
            VariantSpec(mode="thinking", reasoning_effort="high", thinking_budget="auto"),
        ),
        (
            "Claude Opus 4.6 (Non-reasoning, High Effort)",
            "claude-opus-4.6",
            VariantSpec(mode="non-reasoning", reasoning_effort="high"),
        ),
        (
            "Claude Opus 5 (Adaptive Reasoning, Max Effort)",
            "claude-opus-5",
            VariantSpec(mode="adaptive-reasoning", reasoning_effort="max"),
        ),
        ("qwen3-235b-a22b-no-thinking", "qwen3-235b-a22b", VariantSpec(mode="non-thinking")),
        (
            "gpt-5.1-2025-11-13-nothinking",
            "gpt-5.1",
            VariantSpec(mode="non-thinking", date_version="2025-11-13"),
        ),
        (
            "claude-sonnet-4-20250514 (32k thinking)",
            "claude-sonnet-4",
            VariantSpec(mode="thinking", thinking_budget="32k", date_version="20250514"),
        ),
        ("gpt-5.4-high (codex-harness)", "gpt-5.4", VariantSpec(reasoning_effort="high", harness="codex")),
        (
            "gemini-3.1-flash-image (nano-banana-2) [web-search]",
            "gemini-3.1-flash-image-nano-banana-2",
            VariantSpec(mode="search"),
        ),
        (
            "gemini-3-pro-preview-11-2025-high",
            "gemini-3-pro-preview",
            VariantSpec(reasoning_effort="high", date_version="2025-11"),
        ),
        ("Gemini 3 Pro Preview (2025-11-18)", "gemini-3-pro-preview", VariantSpec(date_version="2025-11-18")),
        ("gemini-2.5-pro-preview-05-06", "gemini-2.5-pro-preview", VariantSpec(date_version="05-06")),
        ("deepseek-r1-0528", "deepseek-r1", VariantSpec(date_version="0528")),
    ],
)
def test_peel_suffixes_reaches_the_model_with_explicit_attributes(
    name: str, stem: str, variant: VariantSpec
) -> None:
    assert _root(name) == (stem, variant)


def test_peel_suffixes_yields_every_stem_shortest_peel_first() -> None:
    stems = [stem for stem, _ in peel_suffixes("claude-opus-4-5-20251101-thinking-32k")]
    assert stems == ["claude-opus-4-5-20251101-thinking", "claude-opus-4-5-20251101", "claude-opus-4-5"]


@pytest.mark.parametrize(
    "name",
    [
        # product tiers, not efforts: only "max-effort" is an effort
        "qwen3.8-max",
        "gpt-5.1-codex-max",
        "flux-2-max",
        # context windows, not thinking budgets: a budget needs "thinking" or an effort beside it
        "step-1v-32k",
        "hunyuan-standard-256k",
        # different models or products: the rules know none of these tokens
        "deepseek-v3.2-exp",
        "deepseek-v3.2-speciale",
        "gpt-5-codex",
        "gemini-3-pro-image-preview",
        "kimi-k2.5-instant",
    ],
)
def test_peel_suffixes_keeps_tokens_that_name_a_different_model(name: str) -> None:
    assert list(peel_suffixes(normalize_name(name))) == []


def test_a_mode_is_peeled_once() -> None:
    """``search`` after ``non-reasoning`` is a second mode: the rules stop rather than drop one."""
    assert [stem for stem, _ in peel_suffixes("gpt-5.2-search-non-reasoning")] == ["gpt-5.2-search"]
