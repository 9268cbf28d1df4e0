"""Drafting claims from an article: sentences naming a known model next to a ranking cue."""

# The Chinese test texts use full-width punctuation on purpose: it is what sentences are split on.
# ruff: noqa: RUF001

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ingest.claims import (
    ModelVocabulary,
    detect_language,
    extract_candidates,
    load_claims,
    render_drafts,
)
from ingest.claims._article_text import read_article, split_sentences
from ingest.identity import load_registry
from tests.conftest import SEEDS

VOCABULARY = ModelVocabulary.build(
    [
        ("Gemini 3 Pro", "gemini-3-pro"),
        ("gemini-3-pro-preview-11-2025-high", "gemini-3-pro"),
        ("GPT-5", "gpt-5"),
        ("GPT-5.1", "gpt-5.1"),
        ("grok-4.1-thinking", "grok-4.1"),
        ("o1", "o1"),  # too short to look for in prose
    ]
)

ENGLISH = """# Gemini 3 arrives

Gemini 3 Pro tops the LMArena text leaderboard with a score of 1501. It was
released on Tuesday. GPT-5.1 trails. Grok 4.1 Thinking ranks No. 2 and beats GPT-5.1.

- GPT-5 is ranked #7 on LiveBench.
"""

SIMPLIFIED = (
    "谷歌发布Gemini 3 Pro，在LMArena排行榜上登顶！OpenAI的GPT-5.1排名第二；DeepSeek继续追赶。"
    "Gemini 3 Pro超越了GPT-5.1。"
)

TRADITIONAL = "Gemini 3 Pro在多個榜單上領先，擊敗GPT-5.1。ChatGPT每週用戶超過8億。"

HTML = """<html><head><title>Gemini 3 launch</title>
<script>var teaser = "Gemini 3 Pro tops everything";</script></head>
<body><h1>Gemini 3 Pro</h1>
<p>Gemini 3 Pro <b>tops</b> the <a href="https://lmarena.ai">LMArena</a> leaderboard</p>
<p>On SWE-bench it beats GPT-5.1 &amp; others</p></body></html>"""


def test_sentences_end_at_chinese_and_english_punctuation() -> None:
    assert split_sentences("第一句。第二句！第三句？第四句；最后") == [
        "第一句。",
        "第二句！",
        "第三句？",
        "第四句；",
        "最后",
    ]
    assert split_sentences("It ranks No. 1 with 1501.5 points. Next one!") == [
        "It ranks No. 1 with 1501.5 points.",
        "Next one!",
    ]
    assert split_sentences("他说：“我们第一。”然后离开。") == ["他说：“我们第一。”", "然后离开。"]


def test_english_markdown_finds_leads_ranks_and_ahead_of() -> None:
    found = extract_candidates(ENGLISH, VOCABULARY)

    assert [(c.kind, c.models) for c in found] == [
        ("leads", ("gemini-3-pro",)),
        ("ahead_of", ("grok-4.1", "gpt-5.1")),
        ("ranks", ("gpt-5",)),
    ]
    tops, beats, ranked = found
    assert (tops.score, tops.boards) == (1501.0, ("lmarena.text.overall.style_control",))
    assert tops.sentence == "Gemini 3 Pro tops the LMArena text leaderboard with a score of 1501."
    assert "No. 2" in beats.sentence  # "No." does not end the sentence
    assert (ranked.rank, ranked.boards) == (7, ("livebench.llm.global.*",))
    assert all(len(c.quote) <= 60 for c in found)


def test_a_name_inside_a_longer_name_is_not_a_mention() -> None:
    assert VOCABULARY.find("GPT-5.1 beats GPT-5.1-mini") == ["gpt-5.1"]
    assert VOCABULARY.find("GPT-5 beats o1") == ["gpt-5"]
    assert VOCABULARY.find("Gemini3Pro and gemini_3_pro") == ["gemini-3-pro"]


def test_simplified_chinese() -> None:
    found = extract_candidates(SIMPLIFIED, VOCABULARY)

    assert [(c.kind, c.models, c.cues) for c in found] == [
        ("leads", ("gemini-3-pro",), ("登顶", "排行")),
        ("ranks", ("gpt-5.1",), ("排名",)),
        ("ahead_of", ("gemini-3-pro", "gpt-5.1"), ("超越",)),
    ]
    assert found[1].rank == 2
    assert detect_language(SIMPLIFIED) == "zh-Hans"


def test_traditional_chinese() -> None:
    (found,) = extract_candidates(TRADITIONAL, VOCABULARY)

    assert found.sentence == "Gemini 3 Pro在多個榜單上領先，擊敗GPT-5.1。"
    assert (found.kind, found.models, found.cues) == (
        "ahead_of",
        ("gemini-3-pro", "gpt-5.1"),
        ("領先", "擊敗"),
    )
    assert detect_language(TRADITIONAL) == "zh-Hant"


def test_html_text_without_tags_scripts_or_headings_alone() -> None:
    article = read_article(HTML)
    found = extract_candidates(HTML, VOCABULARY)

    assert article.title == "Gemini 3 launch"
    assert article.paragraphs[1] == "Gemini 3 Pro tops the LMArena leaderboard"
    assert [(c.kind, c.models, c.boards) for c in found] == [
        ("leads", ("gemini-3-pro",), ("lmarena.text.overall.style_control",)),
        ("ahead_of", ("gpt-5.1",), ("swebench.bash-only.overall.default",)),
    ]
    assert found[1].sentence == "On SWE-bench it beats GPT-5.1 & others"


def test_a_top_n_phrase_drafts_a_ranks_claim_with_rank_at_most() -> None:
    text = "GPT-5.1 enters the LMArena top 10 at #8. GPT-5 进入LiveBench前十。Gemini 3 Pro tops LMArena."

    found = extract_candidates(text, VOCABULARY)
    drafts = render_drafts(text, found, origin="news.md")

    assert [(c.kind, c.models, c.rank, c.rank_at_most) for c in found] == [
        ("ranks", ("gpt-5.1",), None, 10),
        ("ranks", ("gpt-5",), None, 10),
        ("leads", ("gemini-3-pro",), None, None),  # "tops" alone is a lead
    ]
    assert drafts.count("rank_at_most = 10  # in the top N") == 2


def test_the_registry_names_models_by_id_display_name_and_alias() -> None:
    vocabulary = ModelVocabulary.from_registry(load_registry(SEEDS / "models.toml"))

    assert vocabulary.find("Gemini 3 Pro Preview (high) beat everyone") == ["gemini-3-pro"]
    assert vocabulary.find("gemini-3-pro is new") == ["gemini-3-pro"]


def test_drafts_are_toml_that_stays_rejected_until_reviewed(tmp_path: Path) -> None:
    text = render_drafts(HTML, extract_candidates(HTML, VOCABULARY), origin="launch.html")
    parsed = tomllib.loads(text)
    (tmp_path / "draft.toml").write_text(text, encoding="utf-8")

    loaded = load_claims(tmp_path, known_models={"gemini-3-pro", "gpt-5.1"}, known_boards=set())

    assert parsed["source"] == {"publisher": "TODO", "language": "en", "title": "Gemini 3 launch"}
    assert [c["kind"] for c in parsed["claim"]] == ["leads", "ahead_of"]
    assert parsed["claim"][0]["summary"].startswith("TODO")
    assert "# sentence 2 (for review only" in text
    (rejection,) = loaded.rejections
    assert (rejection.file, rejection.field) == ("draft.toml", "$.source")
    assert "published_on" in rejection.problem


@pytest.mark.parametrize("text", ["", "No models here. 没有模型。", "<p>Gemini 3 Pro</p>"])
def test_nothing_to_draft(text: str) -> None:
    assert extract_candidates(text, VOCABULARY) == []
