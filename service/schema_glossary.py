"""What a field name means wherever it appears: one sentence per name, written once.

Wire keys are the export column names, and many Structs share them (``board_id`` is in a dozen
bodies). A field without a docstring of its own is described in the OpenAPI document by this
glossary (``service/openapi_docs.py``); a docstring under the field wins, for a name whose meaning
is narrower there. Only names that mean the same thing everywhere belong here.
"""

from __future__ import annotations

__all__ = ("FIELD_GLOSSARY",)

_RANK_BEST = (
    'Best rank the confidence intervals allow: `1 + #{j : lower_j > upper_i}` (LMArena\'s "Rank (UB)"); '
    "the exact rank (ties share it) on boards without intervals."
)
_RANK_WORST = (
    "Worst rank the confidence intervals allow: `1 + #{j != i : upper_j > lower_i}` (LMArena's rank "
    "spread); the exact rank on boards without intervals."
)

FIELD_GLOSSARY: dict[str, str] = {
    "as_of": "The day asked for (`null`: the latest data).",
    "board_id": "Board id `source.arena.category.variant`, e.g. `lmarena.text.overall.raw`.",
    "ci_lower": "Lower bound of the score's confidence interval as published (`null`: none published).",
    "ci_lower_from": "`ci_lower` at the `from` end.",
    "ci_lower_to": "`ci_lower` at the `to` end.",
    "ci_upper": "Upper bound of the score's confidence interval as published (`null`: none published).",
    "ci_upper_from": "`ci_upper` at the `from` end.",
    "ci_upper_to": "`ci_upper` at the `to` end.",
    "claim_id": "Claim id (stable, readable), e.g. `google-gemini-3-pro-tops-lmarena-text-1501`.",
    "comparable": "False when a discontinuity (method change, truncated list, field-size change) lies "
    "between the two ends, so rank changes there are not read as movement.",
    "dataset": "Export dataset name, e.g. `entries`.",
    "first_published_at": "Date of the earliest snapshot it appears in.",
    "language": "Language of the article, e.g. `en` or `zh`.",
    "last_published_at": "Date of the newest snapshot it appears in.",
    "model_a": "Model id of side A (the first of the pair, in the order of `models`).",
    "model_b": "Model id of side B.",
    "model_id": "Canonical model id from the registry (`gpt-4o`), or `source:name` for a name not mapped "
    "to the registry yet.",
    "model_name": "The model's name exactly as the source writes it.",
    "organization": "Organisation behind the model (`null`: not known).",
    "preliminary": "The source marks the line as preliminary (too few votes yet).",
    "published_at": "The leaderboard's own date of the snapshot, as the source states it.",
    "published_on": "Day the article was published.",
    "publisher": "Who published the article (outlet, company or author).",
    "rank": "Rank the source published (its meaning differs between sources; compare `rank_best`).",
    "rank_best": _RANK_BEST,
    "rank_best_from": "`rank_best` at the `from` end.",
    "rank_best_to": "`rank_best` at the `to` end.",
    "rank_worst": _RANK_WORST,
    "rank_worst_from": "`rank_worst` at the `from` end.",
    "rank_worst_to": "`rank_worst` at the `to` end.",
    "ranked_count": "Entries with a score on the snapshot: the field the ranks are taken in.",
    "rows": "Rows in the dataset file (unfiltered).",
    "score": "Score in the board's metric and unit (see `/v1/boards`).",
    "score_delta": "`score_to - score_from`.",
    "score_from": "`score` at the `from` end.",
    "score_to": "`score` at the `to` end.",
    "snapshot_id": "Id of the snapshot (see `/v1/boards/{board_id}/snapshots`).",
    "source_id": "Source id, e.g. `lmarena`, `livebench`, `swebench`, `aider`.",
    "title": "Title of the article (`null`: none given).",
    "truncated": "The snapshot is a top-N list: models below the cut are missing, not dropped.",
    "unit": "Unit of the board's scores: `elo`, `percent`, `fraction` or `index`.",
    "url": "Address of the article (`null`: none given).",
    "variant": "Variant label within the model (reasoning effort, thinking budget, mode, date version), "
    "e.g. `thinking-32k`; `null` for none.",
    "votes": "Votes (battles) behind the score on arena boards (`null` elsewhere).",
    "votes_from": "`votes` at the `from` end.",
    "votes_to": "`votes` at the `to` end.",
}
"""Field name -> its description in the OpenAPI document (CommonMark)."""
