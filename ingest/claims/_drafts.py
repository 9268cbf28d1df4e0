"""Draft claim records (TOML) from extracted candidates, for a human to review and complete.

Drafts are deliberately incomplete: ``refers_to`` and ``published_on`` are commented out and each
summary is a TODO, so a draft saved into ``seeds/claims/`` as is gets rejected with the missing
field named until someone has read the article and written the summary in their own words.
"""

from __future__ import annotations

import re

import msgspec

from ingest.claims._article_text import read_article
from ingest.claims._extract import Candidate

__all__ = ("detect_language", "render_drafts")

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Characters that exist in one script only (simplified / traditional pairs of common words).
_SIMPLIFIED = set(
    "们这来时说为对发开关国学会后与个东车见长门问间马书应实现还经过进种样边觉让计认论设试话读谁资赛转软输达运选领题颜飞验黄龙榜单届亿户领先超过击败夺冠军顶"
)
_TRADITIONAL = set(
    "們這來時說為對發開關國學會後與個東車見長門問間馬書應實現還經過進種樣邊覺讓計認論設試話讀誰資賽轉軟輸達運選領題顏飛驗黃龍榜單屆億戶領先超過擊敗奪冠軍頂"
)


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return msgspec.json.encode(text).decode()


def detect_language(text: str) -> str:
    """``en``, ``zh-Hans``, ``zh-Hant`` or ``zh``: by the share of CJK characters, then script-only ones."""
    cjk = len(_CJK.findall(text))
    if cjk == 0 or cjk * 4 < len(_LATIN.findall(text)):
        return "en"  # Latin prose, perhaps quoting a Chinese name
    simplified = sum(1 for c in text if c in _SIMPLIFIED and c not in _TRADITIONAL)
    traditional = sum(1 for c in text if c in _TRADITIONAL and c not in _SIMPLIFIED)
    if simplified == traditional:
        return "zh"  # no character tells the script apart
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _claim_lines(index: int, candidate: Candidate) -> list[str]:
    sentence = candidate.sentence if len(candidate.sentence) <= 200 else candidate.sentence[:197] + "..."
    lines = [
        "",
        "[[claim]]",
        f"# sentence {candidate.number} (for review only; do not copy it into the record): {sentence}",
        f"# cues: {', '.join(candidate.cues)}",
        f'id = "draft-{index:02d}"',
        f'kind = "{candidate.kind}"',
        'summary = "TODO: one line in your own words"',
        f"quote = {_toml_string(candidate.quote)}",
        f"models = [{', '.join(_toml_string(m) for m in candidate.models)}]",
    ]
    if candidate.boards:
        lines.append(f"boards = [{', '.join(_toml_string(b) for b in candidate.boards)}]")
    else:
        lines.append('scope = "major"  # TODO: or boards = [...] if the article names them')
    lines.append("# refers_to = YYYY-MM-DD  # TODO: the day the claim is about")
    lines.append('timing = "as_of"  # or "on_release" for a launch-day claim')
    if candidate.kind == "ranks":
        if candidate.rank_at_most:
            lines.append(f"rank_at_most = {candidate.rank_at_most}  # in the top N")
        else:
            lines.append(f"rank = {candidate.rank}" if candidate.rank else "# rank = N  # TODO")
    if candidate.score is not None and candidate.kind in {"score", "leads", "ranks"}:
        lines.append(f"score = {candidate.score:g}")
    return lines


def render_drafts(text: str, candidates: list[Candidate], *, origin: str) -> str:
    """The TOML drafts for one article: a ``[source]`` table to complete and one claim per candidate."""
    article = read_article(text)
    lines = [
        f"# Draft claims extracted by `rankledger claims extract` from {origin}.",
        "# Review every field against the article; write each summary in your own words (the quote",
        "# keeps at most a short fragment); fill the TODOs, then save under seeds/claims/.",
        f"# {len(candidates)} candidate sentence(s).",
        "",
        "[source]",
        'publisher = "TODO"',
        f'language = "{detect_language(text)}"',
        "# published_on = YYYY-MM-DD  # TODO",
    ]
    if article.title:
        lines.append(f"title = {_toml_string(article.title)}")
    for index, candidate in enumerate(candidates, start=1):
        lines.extend(_claim_lines(index, candidate))
    return "\n".join(lines) + "\n"
