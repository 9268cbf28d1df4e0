"""Splitting a SWE-bench entry name into the agent harness and the model it runs.

SWE-bench ranks agent *systems*: a harness (SWE-agent, OpenHands, Agentless...) driving one or more
models. The name is free text; these rules, applied in order, cover every name in the 11 recorded
files (2024-04 … 2025-12, 260 distinct names, 2,040 board entries):

1. ``bash_only``: every entry of the ``bash-only`` board is one model in the fixed harness
   mini-SWE-agent (the board's results carry ``mini-swe-agent_version``; the same runs appear on
   Verified as ``mini-SWE-agent + <name>`` with the same folder and score), so the name is the
   model. 95 entries.
2. ``override``: a short table of names whose separators do not separate a harness from a model
   (a method after ``+``, two models, ``_`` / `` x `` / `` - `` separators used once each). 83 entries.
3. ``parenthesised_model``: ``Harness (Model)`` where the last parenthesis names a model family
   (``AutoCodeRover-v2.0 (Claude-3.5-Sonnet-20241022)``, ``OpenHands + CodeAct v2.1
   (claude-3-5-sonnet-20241022)``); a parenthesis holding a date, version or setting is not a model.
   72 entries.
4. ``plus``: ``Harness + Model`` split at the last `` + `` outside parentheses (``Agentless +
   RepoGraph + GPT-4o`` → ``Agentless + RepoGraph`` / ``GPT-4o``). A trailing `` w/ <setting>`` on
   the model part configures the harness and moves to it (``SWE-agent w/ Review Heavy`` /
   ``Claude 3.7 Sonnet``); a model part naming several models (``GPT 4o & Claude 3 Opus``,
   ``GPT4/GPT4o Mixed``, ``Mixed Models``) gives no model. 1,067 entries.
5. ``unsplit``: anything else (``Bloop``, ``devlo``, ``Amazon Q Developer Agent (v20240430-dev)``,
   ``Aegis - o3-mini_1.0``...) keeps harness ``None``: the name alone does not say which part, if
   any, is a model. 723 entries.

When the name gives no model, a single ``Model: ...`` tag does (Hugging Face URLs shortened to the
repository id); several tags give none. The counts are over the 11 files of the shared archive; the
test checks them over the 8 files bundled in the repository.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = (
    "BASH_ONLY_HARNESS",
    "SystemName",
    "model_from_tags",
    "split_system_name",
)

BASH_ONLY_HARNESS = "mini-SWE-agent"
"""The one harness every ``bash-only`` entry runs."""

# name -> (harness, model). Each line says why the general rules get it wrong.
_OVERRIDES: dict[str, tuple[str | None, str | None]] = {
    # CodeAct is OpenHands' agent (a version, not a model); swe-search and 4x scaling are methods.
    "OpenHands + CodeAct v1.8": ("OpenHands + CodeAct v1.8", None),
    "OpenDevin + CodeAct v1.8": ("OpenDevin + CodeAct v1.8", None),
    "CodeStory Midwit Agent + swe-search": ("CodeStory Midwit Agent + swe-search", None),
    "OpenHands + 4x Scaled (2024-02-03)": ("OpenHands + 4x Scaled (2024-02-03)", None),
    # A model plus test-time scaling (best of N); the harness is not named.
    "DeepSWE-Preview + TTS(Bo16)": (None, "DeepSWE-Preview"),
    "Skywork-SWE-32B + TTS(Bo8)": (None, "Skywork-SWE-32B"),
    # Two models, no harness named.
    "Nebius AI Qwen 2.5 72B Generator + LLama 3.1 70B Critic": (None, None),
    "SWE-Fixer (Qwen2.5-7b retriever + Qwen2.5-72b editor)": ("SWE-Fixer", None),
    "SWE-Fixer (Qwen2.5-7b retriever + Qwen2.5-72b editor) 20241128": ("SWE-Fixer", None),
    # Model and harness inside one parenthesis.
    "SWE-RL (Llama3-SWE-RL-70B + Agentless Mini) (20250226)": ("Agentless Mini", "Llama3-SWE-RL-70B"),
    # Separators used once each.
    "Lingxi-v1.5_claude-4-sonnet-20250514": ("Lingxi-v1.5", "claude-4-sonnet-20250514"),
    "Lingxi v1.5 x Kimi K2": ("Lingxi v1.5", "Kimi K2"),
    "CodeSweep - SWE-agent - Kimi K2 Instruct": ("CodeSweep - SWE-agent", "Kimi K2 Instruct"),
}
# The last parenthesis names a model when it starts like a model family seen in the data.
_PARENTHESISED_MODEL = re.compile(
    r"(?P<harness>.+?)\s*\((?P<model>(?:claude|gpt|gemini|o\d|qwen|llama|deepseek|kimi|glm)[^()]*)\)",
    re.IGNORECASE,
)
_WITH_SETTING = re.compile(r"(?P<model>.+?) (?P<setting>w/ .+)")
_SEVERAL_MODELS = re.compile(r" & | \+ |\bMixed\b")
_HF_MODEL_URL = "https://huggingface.co/"


class SystemName(NamedTuple):
    """What an entry name says about the system."""

    harness: str | None
    """The agent harness, ``None`` when the name does not separate one."""
    model: str | None
    """The one model the name gives, ``None`` for none or several."""
    rule: str
    """The rule that split it: ``bash_only``, ``override``, ``parenthesised_model``, ``plus``, ``unsplit``."""


def _last_plus_outside_parentheses(name: str) -> int | None:
    depth, found = 0, None
    for index, char in enumerate(name):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and name.startswith(" + ", index):
            found = index
    return found


def _one_model(text: str) -> str | None:
    return None if _SEVERAL_MODELS.search(text) else text


def split_system_name(name: str, *, board: str) -> SystemName:
    """Harness and model of one entry name on one board (the board matters for ``bash-only``)."""
    if board == "bash-only":
        return SystemName(BASH_ONLY_HARNESS, name, "bash_only")
    if name in _OVERRIDES:
        harness, model = _OVERRIDES[name]
        return SystemName(harness, model, "override")
    if (match := _PARENTHESISED_MODEL.fullmatch(name)) is not None:
        return SystemName(match["harness"], _one_model(match["model"]), "parenthesised_model")
    if (plus := _last_plus_outside_parentheses(name)) is not None:
        harness, model = name[:plus], name[plus + 3 :]
        if (setting := _WITH_SETTING.fullmatch(model)) is not None:
            harness, model = f"{harness} {setting['setting']}", setting["model"]
        return SystemName(harness, _one_model(model), "plus")
    return SystemName(None, None, "unsplit")


def model_from_tags(model_tags: list[str]) -> str | None:
    """The model of a single ``Model:`` tag (a Hub URL shortened to its repo id); ``None`` otherwise."""
    if len(model_tags) != 1:
        return None
    return model_tags[0].removeprefix(_HF_MODEL_URL)
