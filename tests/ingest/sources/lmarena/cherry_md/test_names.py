"""Recovering bare model names from Cherry Studio model cells (cells copied from real pages)."""

from __future__ import annotations

import pytest

from ingest.sources.lmarena.cherry_md._names import ModelCell, parse_model_cell


def _website(text: str, organization: str | None = None, *, carries: bool = True) -> ModelCell:
    return parse_model_cell(text, organization, carries_organization=carries, logos=True)


@pytest.mark.parametrize(
    ("text", "organization", "name"),
    [
        ("Anthropicclaude-opus-4-5-20251101", "Anthropic", "claude-opus-4-5-20251101"),
        ("Metallama-13b", "Meta", "llama-13b"),
        ("MetaMeta-Llama-3.1-70B-Instruct", "Meta", "Meta-Llama-3.1-70B-Instruct"),
        ("Meta-Llama-3.1-70B-Instruct", "Meta", "Meta-Llama-3.1-70B-Instruct"),
        ("RWKVRWKV-4-Raven-14B", "RWKV", "RWKV-4-Raven-14B"),
        ("Azurephi-4", "Microsoft", "phi-4"),
        ("Stabilitystablelm-tuned-alpha-7b", "Stability AI", "stablelm-tuned-alpha-7b"),
        ("01.AIyi-lightning", "01 AI", "yi-lightning"),
        ("gemini-2.5-pro", "Google", "gemini-2.5-pro"),
    ],
)
def test_logo_text_before_the_name_is_dropped(text: str, organization: str, name: str) -> None:
    cell = _website(text, organization, carries=False)
    assert (cell.name, cell.organization, cell.license) == (name, organization, None)


def test_a_logo_is_kept_when_the_organisation_does_not_match_it() -> None:
    assert _website("Metamorph-7b", "Acme", carries=False).name == "Metamorph-7b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anthropicclaude-opus-4-6Anthropic · Proprietary", ("claude-opus-4-6", "Anthropic", "Proprietary")),
        ("grok-4.1-thinkingxAI · Proprietary", ("grok-4.1-thinking", "xAI", "Proprietary")),
        ("grok-4.5SpaceXAI · Proprietary", ("grok-4.5", "SpaceXAI", "Proprietary")),
        ("mai-1-previewMicrosoft AI · Proprietary", ("mai-1-preview", "Microsoft AI", "Proprietary")),
        ("glm-5.2 (max)Z.ai · MIT", ("glm-5.2 (max)", "Z.ai", "MIT")),
        ("01.AIyi-lightning01 AI · Proprietary", ("yi-lightning", "01 AI", "Proprietary")),
        ("Thinking MachinesinklingThinky · Apache 2.0", ("inkling", "Thinky", "Apache 2.0")),
        ("Tencenthy3Tencent · Apache 2.0", ("hy3", "Tencent", "Apache 2.0")),
        # July 2026: organisation missing, licence glued without the separator.
        ("alpaca-13bNon-commercial", ("alpaca-13b", None, "Non-commercial")),
        ("RWKV-4-Raven-14BApache 2.0", ("RWKV-4-Raven-14B", None, "Apache 2.0")),
        # An organisation not listed falls back to the first capitalised tail.
        ("newmodel-7bNewlab · MIT", ("newmodel-7b", "Newlab", "MIT")),
    ],
)
def test_organisation_and_licence_glued_after_the_name(
    text: str, expected: tuple[str, str | None, str | None]
) -> None:
    cell = _website(text)
    assert (cell.name, cell.organization, cell.license) == expected


def test_links_are_kept_as_url() -> None:
    linked = parse_model_cell(
        "[o3-2025-04-16](https://openai.com/index/introducing-o3-and-o4-mini/)",
        "OpenAI",
        carries_organization=False,
        logos=False,
    )
    assert linked == ModelCell(
        "o3-2025-04-16", "OpenAI", None, "https://openai.com/index/introducing-o3-and-o4-mini/"
    )
    footnote = parse_model_cell(
        "DeepSeek V4 Pro [<sup>1</sup>](https://api-docs.deepseek.com/news/news260424)",
        None,
        carries_organization=True,
        logos=False,
    )
    assert footnote == ModelCell(
        "DeepSeek V4 Pro", None, None, "https://api-docs.deepseek.com/news/news260424"
    )


def test_display_names_of_the_csv_era_are_not_logo_stripped() -> None:
    cell = parse_model_cell(
        "[InternLM2.5-20B-chat](https://x)", "InternLM", carries_organization=False, logos=False
    )
    assert cell.name == "InternLM2.5-20B-chat"


def test_an_empty_model_cell_is_refused() -> None:
    with pytest.raises(ValueError, match="no model name"):
        _website("  ")
