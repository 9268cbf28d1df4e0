"""Recovering the bare model name, organisation and licence from a Cherry Studio model cell.

The scraper copied the text of the website's model cell, so several things end up glued to the
name: a markdown link (``[Name](url)``), a footnote link (``name [<sup>1</sup>](url)``), the
provider logo's alt text before the name (``Anthropicclaude-opus-4-5-20251101``) and, from
2026-02-10, ``<organisation> · <licence>`` after it
(``Anthropicclaude-opus-4-6Anthropic · Proprietary``). Nothing marks where the name ends, so
the logo texts, organisations and licences the pages have used are listed here.
"""

from __future__ import annotations

import re

import msgspec

__all__ = (
    "ModelCell",
    "parse_model_cell",
)

# Provider logos whose alt text is glued before the name, with the organisation each one stands
# for (seen in the text pages 2025-10-09 … 2026-07-27). A logo is only stripped when the row's
# organisation agrees, so a model whose own name starts with "Meta" keeps it.
_LOGO_ORGANIZATIONS: dict[str, frozenset[str]] = {
    "01.AI": frozenset({"01 AI"}),
    "Anthropic": frozenset({"Anthropic"}),
    "Azure": frozenset({"Microsoft"}),
    "Bytedance": frozenset({"Bytedance"}),
    "Cohere": frozenset({"Cohere"}),
    "HuggingFace": frozenset({"HuggingFace"}),
    "InternLM": frozenset({"InternLM"}),
    "Meta": frozenset({"Meta"}),
    "Minimax": frozenset({"MiniMax"}),
    "MoonshotAI": frozenset({"Moonshot"}),
    "Nvidia": frozenset({"Nvidia"}),
    "OpenChat": frozenset({"OpenChat"}),
    "RWKV": frozenset({"RWKV"}),
    "Snowflake": frozenset({"Snowflake"}),
    "Stability": frozenset({"Stability AI"}),
    "Stepfun": frozenset({"StepFun"}),
    "Tencent": frozenset({"Tencent"}),
    "Thinking Machines": frozenset({"Thinky"}),
}
# Organisations as the pages write them; matched as the longest suffix before " · ".
_ORGANIZATIONS = frozenset(
    {
        "01 AI", "AI2", "AI21 Labs", "Ai2", "Alibaba", "Allen AI", "AllenAI/UW", "Amazon", "Ant Group",
        "Anthropic", "Arcee AI", "Baidu", "Bytedance", "Cognitive Computations", "Cohere", "Databricks",
        "DeepSeek", "DeepSeek AI", "Google", "HuggingFace", "IBM", "Inception AI", "InternLM", "LMSYS",
        "Meituan", "Meta", "Microsoft", "Microsoft AI", "MiniMax", "Mistral", "Moonshot", "MosaicML",
        "NexusFlow", "Nexusflow", "Nomic AI", "NousResearch", "Nvidia", "OpenAI", "OpenAssistant",
        "OpenChat", "Perplexity AI", "Prime Intellect", "Princeton", "RWKV", "Reka AI", "Snowflake",
        "SpaceXAI", "Stability AI", "Stanford", "StepFun", "TII", "Tencent", "Thinky", "Together AI",
        "Tsinghua", "UC Berkeley", "UW", "Upstage AI", "Xiaomi", "Z.ai", "Zhipu", "Zhipu AI", "xAI",
    }
)  # fmt: skip
# Licences as the pages write them. Needed for the rows of July 2026 whose organisation is
# missing: there the licence is glued to the name without the " · " (`alpaca-13bNon-commercial`).
_LICENSES = frozenset(
    {
        "AI2 ImpACT Low-risk", "Apache 2.0", "Apache-2.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0",
        "DBRX LICENSE", "DeepSeek", "DeepSeek License", "Falcon-180B TII License", "Gemma",
        "Gemma license", "Jamba Open", "Llama", "Llama 2 Community", "Llama 3 Community", "Llama 3.1",
        "Llama 3.1 Community", "Llama 3.2", "Llama 4", "Llama-3.3", "MIT", "MRL",
        "MiniMax Community License", "Mistral Research", "Modified MIT", "NVIDIA Open Model",
        "NexusFlow", "Non-commercial", "Nvidia", "Nvidia Open", "Nvidia Open Model", "OpenMDW-1.1",
        "Other", "Propretary", "Proprietary", "Qianwen LICENSE", "Qwen", "Yi License",
        "tencent-hunyuan-community",
    }
)  # fmt: skip

_FOOTNOTE_LINK = re.compile(r"\s*\[<sup>[^\]]*</sup>\]\((?P<url>[^)\s]*)\)\s*$")
_MARKDOWN_LINK = re.compile(r"\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]*)\)")
_SEPARATOR = " · "
# Fallback for an organisation not listed above: the first capital that follows a lower-case
# letter, digit or ")" and starts a tail without "-", "(" or ")" (`inklingThinky`).
_UNLISTED_ORGANIZATION = re.compile(r"(?<=[a-z0-9)])[A-Z][A-Za-z0-9.&/ ]*$")


class ModelCell(msgspec.Struct, frozen=True):
    """What one model cell says."""

    name: str
    organization: str | None
    license: str | None
    url: str | None


def _split_suffix(text: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """(rest, suffix) for the longest listed suffix that leaves a name glued to it."""
    for suffix in sorted((v for v in vocabulary if text.endswith(v)), key=len, reverse=True):
        rest = text[: -len(suffix)]
        if rest and (rest[-1].isalnum() or rest[-1] == ")"):
            return rest, suffix
    return None


def _split_organization(text: str) -> tuple[str, str | None]:
    if (split := _split_suffix(text, _ORGANIZATIONS)) is not None:
        return split
    if (match := _UNLISTED_ORGANIZATION.search(text)) is not None:
        return text[: match.start()], match[0]
    return text, None


def _strip_logo(name: str, organization: str | None) -> str:
    for logo, organizations in _LOGO_ORGANIZATIONS.items():
        rest = name.removeprefix(logo)
        # The name after a logo starts with a letter or digit: `Meta-Llama-3.1-70B` keeps "Meta".
        if rest != name and rest[:1].isalnum() and (organization is None or organization in organizations):
            return rest
    return name


def parse_model_cell(
    text: str, organization: str | None, *, carries_organization: bool, logos: bool
) -> ModelCell:
    """The bare name, organisation, licence and link of a model cell.

    Args:
        text: The cell as written.
        organization: The row's organisation column, for the layouts that have one.
        carries_organization: The layout has no organisation column, so the cell may end with
            ``<organisation> · <licence>`` or a bare licence.
        logos: The cell may start with a provider logo's alt text (website scrapes only; the
            2025 CSV-based pages have display names such as ``InternLM2.5-20B-chat``).
    """
    url = None
    if (footnote := _FOOTNOTE_LINK.search(text)) is not None:
        url = footnote["url"]
        text = text[: footnote.start()]
    if (link := _MARKDOWN_LINK.fullmatch(text.strip())) is not None:
        text, url = link["name"], link["url"]
    text = text.strip()
    license_ = None
    if _SEPARATOR in text:
        text, license_ = (part.strip() for part in text.rsplit(_SEPARATOR, 1))
        text, organization = _split_organization(text)
    elif carries_organization and (split := _split_suffix(text, _LICENSES)) is not None:
        text, license_ = split
    name = (_strip_logo(text, organization) if logos else text).strip()
    if not name:
        raise ValueError("the model cell holds no model name")
    return ModelCell(name=name, organization=organization, license=license_ or None, url=url)
