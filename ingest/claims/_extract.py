"""Candidate claims in an article: sentences naming a known model next to a ranking cue.

Models are found by the names the identity registry knows (canonical ids, display names, every
source alias), matched case-insensitively with spaces, hyphens and underscores interchangeable,
never as part of a longer name ("GPT-5" does not match in "GPT-5.1"). Cues are English and
Chinese words in both scripts. Nothing here decides a claim: it drafts records for a human.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.claims._article_text import read_article
from ingest.identity import Registry

__all__ = ("CUES", "Candidate", "ModelVocabulary", "extract_candidates")

CUES: tuple[tuple[str, str], ...] = (
    ("ahead_of", r"ahead of|\bbeats?\b|\bbeating\b|surpass\w*|outperform\w*|overtak\w*|overtook|edges? out"),
    ("ahead_of", r"领先|領先|超越|超过|超過|击败|擊敗|力压|力壓|胜过|勝過|碾压|碾壓"),
    (
        "leads",
        r"\btop(s|ped|ping)?\b|#\s?1\b|\bno\.\s?1\b|number one|first place|\bleads?\b|\bleading\b|dethron\w*",
    ),
    ("leads", r"第一|榜首|屠榜|登顶|登頂|夺冠|奪冠|冠军|冠軍|霸榜"),
    ("ranks", r"\brank(s|ed|ing)?\b|#\s?\d{1,3}\b|第\s?[\d一二三四五六七八九十]+\s?名|排名|排行"),
    ("score", r"\bscor\w*|\belo\b|得分|分数|分數|\d{3,4}\s?分"),
)
"""(kind, pattern): the ranking cues, case-insensitive. A score cue counts only with a number."""

_COMPILED = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in CUES)
_SEPARATORS = re.compile(r"[\s_\-/]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SCORE_NUMBER = re.compile(r"(?<![\d.])(\d{3,4}(?:\.\d+)?)(?![\d%]|\.\d)")
_RANK_NUMBER = re.compile(
    r"(?:#\s?|\bno\.\s?|\brank(?:ed)?\s|第\s?)(\d{1,3}|[一二三四五六七八九十])", re.IGNORECASE
)
_CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# "top 10", "top-5", 前十 / 前10名 / 前三强: a ranks claim with rank_at_most (a top 1 is a lead).
_TOP_N = re.compile(
    r"\btop[\s-]?(\d{1,3})\b|前\s?(\d{1,3}|[一二三四五六七八九十])\s?[名强強]?", re.IGNORECASE
)
_BOARD_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"lmarena|lm arena|chatbot arena|lmsys|text arena", re.IGNORECASE),
        "lmarena.text.overall.style_control",
    ),
    (re.compile(r"webdev", re.IGNORECASE), "lmarena.webdev.overall.raw"),
    (re.compile(r"livebench", re.IGNORECASE), "livebench.llm.global.*"),
    (re.compile(r"swe-?bench", re.IGNORECASE), "swebench.bash-only.overall.default"),
    (re.compile(r"artificial analysis", re.IGNORECASE), "artificial-analysis.llm.intelligence_index.default"),
)


def _surface_pattern(surface: str) -> str | None:
    tokens = [t for t in _SEPARATORS.split(surface.casefold()) if t]
    text = "".join(tokens)
    if len(text) < 3 or not re.search(r"[a-z]", text):
        return None  # "o1"-like names would match ordinary words
    return r"[\s_\-]*".join(re.escape(t) for t in tokens)


@dataclass(frozen=True)
class ModelVocabulary:
    """Names that denote models: (name, model id) pairs, compiled into one matcher."""

    names: tuple[tuple[str, str], ...]
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _ids: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, names: Iterable[tuple[str, str]]) -> ModelVocabulary:
        """A vocabulary from (name, model id) pairs; the longest names match first."""
        unique = tuple(dict.fromkeys(names))
        patterns: dict[str, str] = {}
        for name, model_id in sorted(unique, key=lambda item: -len(item[0])):
            pattern = _surface_pattern(name)
            if pattern is not None:
                patterns.setdefault(pattern, model_id)
        alternatives = list(patterns)
        ids = {f"m{i}": model_id for i, model_id in enumerate(patterns.values())}
        if not alternatives:
            return cls(names=unique)
        joined = "|".join(f"(?P<m{i}>{p})" for i, p in enumerate(alternatives))
        compiled = re.compile(rf"(?<![a-z0-9.])(?:{joined})(?![a-z0-9]|\.\d)", re.IGNORECASE)
        return cls(names=unique, _pattern=compiled, _ids=ids)

    @classmethod
    def from_registry(cls, registry: Registry) -> ModelVocabulary:
        """Ids, display names and every declared alias of the registry's models."""
        pairs = [(m.id, m.id) for m in registry.models] + [(m.name, m.id) for m in registry.models]
        pairs += [(a.name, m.id) for m in registry.models for a in m.aliases]
        return cls.build(pairs)

    def find(self, sentence: str) -> list[str]:
        """Model ids named in the sentence, in order of first mention."""
        if self._pattern is None:
            return []
        found = [self._ids[m.lastgroup] for m in self._pattern.finditer(sentence) if m.lastgroup]
        return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Candidate:
    """A sentence that may hold a claim, with what a draft record needs."""

    number: int
    """1-based position of the sentence in the article."""
    sentence: str
    models: tuple[str, ...]
    kind: str
    cues: tuple[str, ...]
    """The cue words found, as written."""
    rank: int | None = None
    rank_at_most: int | None = None
    """The N of a "top N" cue."""
    score: float | None = None
    boards: tuple[str, ...] = ()
    quote: str = ""
    """A short fragment around the first cue (60 characters; 24 in Chinese text)."""


def _kind(cues: dict[str, list[str]], models: list[str], score: float | None) -> str | None:
    if "ahead_of" in cues and len(models) > 1:
        return "ahead_of"
    if "leads" in cues:
        return "leads"
    if "ahead_of" in cues:
        return "ahead_of"  # the rival is not a known model: the reviewer adds it
    if "ranks" in cues:
        return "ranks"
    if "score" in cues and score is not None:
        return "score"
    return None


def _fragment(sentence: str, at: int) -> str:
    """A short fragment around the cue: 60 characters of Latin text, 24 of Chinese (denser)."""
    width = 24 if len(_CJK.findall(sentence)) * 2 > len(sentence) // 3 else 60
    start = max(0, min(at - width // 3, len(sentence) - width))
    return sentence[start : start + width].strip()


def _top_n(sentence: str) -> tuple[int, str] | None:
    """The N of a "top N" phrase and the phrase (N > 1: a top 1 is a lead)."""
    match = _TOP_N.search(sentence)
    if match is None:
        return None
    digits = match[1] or match[2]
    top = _CHINESE_DIGITS[digits] if digits in _CHINESE_DIGITS else int(digits)
    return (top, match[0]) if top > 1 else None


def extract_candidates(text: str, vocabulary: ModelVocabulary) -> list[Candidate]:
    """Sentences of the article (plain text, Markdown or HTML) naming a model with a ranking cue."""
    found: list[Candidate] = []
    for number, sentence in enumerate(read_article(text).sentences(), start=1):
        models = vocabulary.find(sentence)
        if not models:
            continue
        cues: dict[str, list[str]] = {}
        first_cue = len(sentence)
        for cue_kind, pattern in _COMPILED:
            for match in pattern.finditer(sentence):
                cues.setdefault(cue_kind, []).append(match[0])
                first_cue = min(first_cue, match.start())
        scores = [float(m[1]) for m in _SCORE_NUMBER.finditer(sentence)]
        score = scores[0] if scores and "score" in cues else None
        kind = _kind(cues, models, score)
        top = _top_n(sentence) if kind != "ahead_of" else None
        if top is not None:
            kind = "ranks"
            cues.setdefault("ranks", []).append(top[1])
        if kind is None:
            continue
        ranks = [_CHINESE_DIGITS.get(m[1]) or int(m[1]) for m in _RANK_NUMBER.finditer(sentence)]
        found.append(
            Candidate(
                number=number,
                sentence=sentence,
                models=tuple(models),
                kind=kind,
                cues=tuple(dict.fromkeys(c for group in cues.values() for c in group)),
                rank=ranks[0] if ranks and kind == "ranks" and top is None else None,
                rank_at_most=top[0] if top is not None else None,
                score=score,
                boards=tuple(dict.fromkeys(b for p, b in _BOARD_HINTS if p.search(sentence))),
                quote=_fragment(sentence, first_cue),
            )
        )
    return found
