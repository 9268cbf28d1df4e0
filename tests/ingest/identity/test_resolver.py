"""The hard cases of model identity, resolved against the real registry (``seeds/models.toml``).

Each name is written exactly as its source writes it, with the structured facts the parser keeps
beside it (SWE-bench's ``model`` and ``harness``, Artificial Analysis' ``slug``). A name must land
on the expected model AND variant; different models must stay apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from ingest.identity import Resolution, Resolver, VariantSpec, load_registry
from ingest.sources_catalog import load_sources

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

Case = tuple[str, str, dict[str, str], VariantSpec]
"""(source, name as written, the entry's hints, expected variant)."""


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    known = {s.id for s in load_sources(SEEDS / "sources.toml")}
    return Resolver(load_registry(SEEDS / "models.toml", known_sources=known))


def _swebench(model: str, harness: str) -> dict[str, str]:
    return {"model": model, "harness": harness}


GEMINI_3_PRO: list[Case] = [
    ("lmarena", "gemini-3-pro", {}, VariantSpec()),
    ("lmarena", "gemini-3-pro-grounding", {}, VariantSpec(mode="grounding")),
    (
        "livebench",
        "gemini-3-pro-preview-11-2025-high",
        {},
        VariantSpec(reasoning_effort="high", date_version="2025-11"),
    ),
    (
        "livebench",
        "gemini-3-pro-preview-11-2025-low",
        {},
        VariantSpec(reasoning_effort="low", date_version="2025-11"),
    ),
    # bash-only: every model in the fixed mini-SWE-agent harness
    (
        "swebench",
        "Gemini 3 Pro Preview (2025-11-18)",
        _swebench("Gemini 3 Pro Preview (2025-11-18)", "mini-SWE-agent"),
        VariantSpec(date_version="2025-11-18", harness="mini-SWE-agent"),
    ),
    (
        "swebench",
        "live-SWE-agent + Gemini 3 Pro Preview (2025-11-18)",
        _swebench("Gemini 3 Pro Preview (2025-11-18)", "live-SWE-agent"),
        VariantSpec(date_version="2025-11-18", harness="live-SWE-agent"),
    ),
    (
        "artificial-analysis",
        "Gemini 3 Pro Preview (high)",
        {"slug": "gemini-3-pro"},
        VariantSpec(reasoning_effort="high"),
    ),
    (
        "artificial-analysis",
        "Gemini 3 Pro Preview (low)",
        {"slug": "gemini-3-pro-low"},
        VariantSpec(reasoning_effort="low"),
    ),
    ("artificial-analysis", "gemini-3-pro", {}, VariantSpec()),
]

CLAUDE_OPUS_4_5: list[Case] = [
    (
        "lmarena",
        "claude-opus-4-5-20251101-thinking-32k",
        {},
        VariantSpec(mode="thinking", thinking_budget="32k", date_version="20251101"),
    ),
    # the same LMArena entry as the website showed it in 2026 (PROVENANCE.md, "Traps")
    (
        "lmarena",
        "claude-opus-4-5-20251101-high-32k",
        {},
        VariantSpec(mode="thinking", thinking_budget="32k", date_version="20251101"),
    ),
    (
        "livebench",
        "claude-opus-4-5-20251101-thinking-64k-high-effort",
        {},
        VariantSpec(mode="thinking", reasoning_effort="high", thinking_budget="64k", date_version="20251101"),
    ),
    (
        "swebench",
        "Claude 4.5 Opus medium (20251101)",
        _swebench("Claude 4.5 Opus medium (20251101)", "mini-SWE-agent"),
        VariantSpec(reasoning_effort="medium", date_version="20251101", harness="mini-SWE-agent"),
    ),
    (
        "artificial-analysis",
        "Claude Opus 4.5 (Reasoning)",
        {"slug": "claude-opus-4-5-thinking"},
        VariantSpec(mode="reasoning"),
    ),
]

CLAUDE_OPUS_4_1: list[Case] = [
    ("lmarena", "claude-opus-4-1-20250805", {}, VariantSpec(date_version="20250805")),
    ("livebench", "claude-4-1-opus-20250805", {}, VariantSpec(date_version="20250805")),
    (
        "livebench",
        "claude-4-1-opus-20250805-thinking-32k",
        {},
        VariantSpec(mode="thinking", thinking_budget="32k", date_version="20250805"),
    ),
    # LiveBench's "-base" is Claude without extended thinking: declared, since "base" alone
    # usually means a pretrained (not instruct) model
    (
        "livebench",
        "claude-4-1-opus-20250805-base",
        {},
        VariantSpec(mode="non-thinking", date_version="20250805"),
    ),
]


@pytest.mark.parametrize(
    ("source", "name", "hints", "variant"),
    GEMINI_3_PRO,
    ids=[f"{s}:{n}" for s, n, _, _ in GEMINI_3_PRO],
)
def test_gemini_3_pro_names_resolve_to_one_model(
    resolver: Resolver, source: str, name: str, hints: Mapping[str, str], variant: VariantSpec
) -> None:
    found = resolver.resolve(source, name, hints)
    assert (found.model_id, found.variant, found.resolved) == ("gemini-3-pro", variant, True)


@pytest.mark.parametrize(
    ("source", "name", "hints", "variant"),
    CLAUDE_OPUS_4_5,
    ids=[f"{s}:{n}" for s, n, _, _ in CLAUDE_OPUS_4_5],
)
def test_claude_opus_4_5_names_are_one_model_in_different_variants(
    resolver: Resolver, source: str, name: str, hints: Mapping[str, str], variant: VariantSpec
) -> None:
    found = resolver.resolve(source, name, hints)
    assert (found.model_id, found.variant) == ("claude-opus-4-5", variant)


@pytest.mark.parametrize(
    ("source", "name", "hints", "variant"),
    CLAUDE_OPUS_4_1,
    ids=[f"{s}:{n}" for s, n, _, _ in CLAUDE_OPUS_4_1],
)
def test_livebench_and_lmarena_spellings_of_claude_opus_4_1_agree(
    resolver: Resolver, source: str, name: str, hints: Mapping[str, str], variant: VariantSpec
) -> None:
    found = resolver.resolve(source, name, hints)
    assert (found.model_id, found.variant) == ("claude-opus-4-1", variant)


def test_variant_labels_read_in_a_fixed_order(resolver: Resolver) -> None:
    labels = {
        name: resolver.resolve(source, name, hints).variant.label()
        for source, name, hints, _ in CLAUDE_OPUS_4_5
    }
    assert labels == {
        "claude-opus-4-5-20251101-thinking-32k": "thinking-32k-20251101",
        "claude-opus-4-5-20251101-high-32k": "thinking-32k-20251101",
        "claude-opus-4-5-20251101-thinking-64k-high-effort": "thinking-high-64k-20251101",
        "Claude 4.5 Opus medium (20251101)": "medium-mini-swe-agent-20251101",
        "Claude Opus 4.5 (Reasoning)": "reasoning",
    }


def test_case_is_not_a_different_model(resolver: Resolver) -> None:
    """The old pickle CSVs capitalise (``GPT-4o-2024-05-13``), later keys do not."""
    upper = resolver.resolve("lmarena", "GPT-4o-2024-05-13")
    lower = resolver.resolve("lmarena", "gpt-4o-2024-05-13")
    assert upper == lower
    assert (upper.model_id, upper.variant.label(), upper.rule) == (
        "gpt-4o",
        "2024-05-13",
        "suffix rule (date version 2024-05-13), then canonical id (case and separators)",
    )


def test_website_and_dataset_names_of_one_lmarena_entry_agree(resolver: Resolver) -> None:
    """arena.ai shows ``claude-opus-4-6-high`` for the dataset's ``claude-opus-4-6-thinking``."""
    website = resolver.resolve("lmarena", "claude-opus-4-6-high")
    dataset = resolver.resolve("lmarena", "claude-opus-4-6-thinking")
    assert (website.model_id, website.variant) == (dataset.model_id, dataset.variant)
    assert (dataset.model_id, dataset.variant.label()) == ("claude-opus-4-6", "thinking")
    assert website.rule == "declared alias"


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("lmarena", "deepseek-v3.2"),
        ("lmarena", "deepseek-v3.2-exp"),
        ("livebench", "deepseek-v3.2"),
        ("livebench", "deepseek-v3.2-exp"),
        ("livebench", "deepseek-v3.2-speciale"),
    ],
)
def test_deepseek_v3_2_exp_and_speciale_are_different_models(
    resolver: Resolver, source: str, name: str
) -> None:
    found = resolver.resolve(source, name)
    assert (found.model_id, found.variant) == (name, VariantSpec())
    assert found.rule == "canonical id (case and separators)"


@pytest.mark.parametrize(
    ("source", "name", "model_id"),
    [
        # a product tier ("max", "pro", "mini", "codex") is a model, not an effort
        ("livebench", "gpt-5.1-codex-max-high", "gpt-5.1-codex-max"),
        ("lmarena", "qwen3.8-max", "qwen3.8-max"),
        ("livebench", "gpt-5-pro", "gpt-5-pro"),
        ("lmarena", "gpt-5-chat", "gpt-5-chat"),
        # separately released weights are models, not modes
        ("lmarena", "qwen3-235b-a22b-thinking-2507", "qwen3-235b-a22b-thinking-2507"),
        ("livebench", "qwen3-235b-a22b-thinking", "qwen3-235b-a22b"),
        ("lmarena", "kimi-k2-thinking", "kimi-k2-thinking"),
        ("livebench", "kimi-k2-instruct", "kimi-k2"),
        ("artificial-analysis", "Qwen3 30B A3B 2507 Instruct", "qwen3-30b-a3b-instruct-2507"),
        ("artificial-analysis", "Qwen3 30B A3B 2507 (Reasoning)", "qwen3-30b-a3b-thinking-2507"),
    ],
)
def test_different_models_stay_apart(resolver: Resolver, source: str, name: str, model_id: str) -> None:
    assert resolver.resolve(source, name).model_id == model_id


@pytest.mark.parametrize(
    ("source", "name", "hints", "kept_as"),
    [
        ("lmarena", "shadebrook", {}, "lmarena:shadebrook"),
        # Command A+ is not Command A, and the registry does not know it
        (
            "artificial-analysis",
            "Command A+",
            {"slug": "command-a-plus"},
            "artificial-analysis:command-a-plus",
        ),
        # there is no GPT-4 0806 snapshot: not guessed to be GPT-4o (2024-08-06)
        (
            "swebench",
            "OpenCSG Starship Agentic Coder + GPT 4 (0806)",
            _swebench("GPT 4 (0806)", "OpenCSG Starship Agentic Coder"),
            "swebench:opencsg-starship-agentic-coder-gpt-4-0806",
        ),
    ],
)
def test_a_name_no_rule_settles_stays_source_scoped(
    resolver: Resolver, source: str, name: str, hints: Mapping[str, str], kept_as: str
) -> None:
    found = resolver.resolve(source, name, hints)
    assert (found.model_id, found.resolved, found.rule) == (kept_as, False, "unresolved")


def test_an_unresolved_agent_system_keeps_its_harness(resolver: Resolver) -> None:
    found = resolver.resolve("swebench", "CodeStory Aide + Mixed Models", {"harness": "CodeStory Aide"})
    assert found == Resolution(
        "swebench:codestory-aide-mixed-models",
        VariantSpec(harness="CodeStory Aide"),
        False,
        "unresolved",
        "no alias or rule matched",
    )


def test_a_declared_alias_says_where_it_was_seen(resolver: Resolver) -> None:
    found = resolver.resolve("livebench", "claude-4-1-opus-20250805-thinking-32k")
    assert found.rule == "suffix rule (mode thinking, thinking budget 32k, date version 20250805), then " + (
        "declared alias (case and separators)"
    )
    assert found.provenance.startswith("stem of 'claude-4-1-opus-20250805-")
    assert "livebench_csv/" in found.provenance
