"""Open LLM Leaderboard v2 rows, whichever file they came from, as boards and snapshots.

The leaderboard scores each model on six benchmarks twice: ``*_raw`` is the benchmark's own score
(0-1) and the plain column is that score normalised between the random baseline (0) and a perfect
score (100); the headline ``average`` is the mean of the six normalised scores. Boards hold the
normalised scores (unit percent) and keep the raw score in ``extra["raw_score"]``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from ingest.records import Board, Entry, Snapshot

__all__ = (
    "BENCHMARKS",
    "FACTS",
    "OPEN_LLM_LEADERBOARD",
    "Benchmark",
    "Fact",
    "OpenLlmRow",
    "open_llm_board",
    "snapshots_from_rows",
)

OPEN_LLM_LEADERBOARD = "open-llm-leaderboard"
"""Source id of the Open LLM Leaderboard boards."""


class Benchmark(NamedTuple):
    """One scored column and its names in each upstream file."""

    category: str
    """Board category, e.g. ``mmlu_pro``."""
    csv_column: str
    """Normalised score column in the fboulnois CSV, also the board's metric (``mmlupro``)."""
    csv_raw_column: str | None
    """Raw score column in the CSV (``mmlupro_raw``); none for the average."""
    dataset_column: str
    """Normalised score column in the HF dataset ``open-llm-leaderboard/contents`` (``MMLU-PRO``)."""
    dataset_raw_column: str | None
    """Raw score column in the dataset (``MMLU-PRO Raw``)."""


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("average", "average", None, "Average ⬆️", None),
    Benchmark("ifeval", "ifeval", "ifeval_raw", "IFEval", "IFEval Raw"),
    Benchmark("bbh", "bbh", "bbh_raw", "BBH", "BBH Raw"),
    Benchmark("math_lvl_5", "math_lvl_5", "math_lvl_5_raw", "MATH Lvl 5", "MATH Lvl 5 Raw"),
    Benchmark("gpqa", "gpqa", "gpqa_raw", "GPQA", "GPQA Raw"),
    Benchmark("musr", "musr", "musr_raw", "MUSR", "MUSR Raw"),
    Benchmark("mmlu_pro", "mmlupro", "mmlupro_raw", "MMLU-PRO", "MMLU-PRO Raw"),
)
"""The headline average and the six benchmarks, in the leaderboard's column order."""


class Fact(NamedTuple):
    """A descriptive column kept in ``extra``."""

    key: str
    """Key in ``extra``: the CSV's column name, ``co2_cost_kg`` for ``co_cost_kg``."""
    csv_column: str
    """Column in the fboulnois CSV."""
    dataset_columns: tuple[str, ...]
    """Column in the HF dataset, newest name first (``Official Providers`` was ``Maintainer's Highlight``)."""
    kind: str
    """``text``, ``date`` (``YYYY-MM-DD``), ``number``, ``integer`` or ``flag``."""


FACTS: tuple[Fact, ...] = (
    Fact("type", "type", ("Type",), "text"),
    Fact("architecture", "architecture", ("Architecture",), "text"),
    Fact("weight_type", "weight_type", ("Weight type",), "text"),
    Fact("precision", "precision", ("Precision",), "text"),
    Fact("params_b", "params_b", ("#Params (B)",), "number"),
    Fact("hub_hearts", "hub_hearts", ("Hub ❤️",), "integer"),
    Fact("available_on_the_hub", "available_on_the_hub", ("Available on the hub",), "flag"),
    Fact("model_sha", "model_sha", ("Model sha",), "text"),
    Fact("chat_template", "chat_template", ("Chat Template",), "flag"),
    Fact(
        "maintainers_highlight",
        "maintainers_highlight",
        ("Official Providers", "Maintainer's Highlight"),
        "flag",
    ),
    Fact("submission_date", "submission_date", ("Submission Date",), "date"),
    Fact("upload_to_hub_date", "upload_to_hub_date", ("Upload To Hub Date",), "date"),
    Fact("generation", "generation", ("Generation",), "integer"),
    Fact("base_model", "base_model", ("Base Model",), "text"),
    Fact("co2_cost_kg", "co_cost_kg", ("CO₂ cost (kg)",), "number"),
    Fact("url", "url", (), "text"),
)
"""Descriptive columns, kept as they are. The three flags whose meaning flipped between versions
(merged, MoE, flagged) are read by each reader, see there."""


class OpenLlmRow(NamedTuple):
    """One evaluated model (one repo at one precision and revision), values already typed."""

    model_name: str
    """The Hub repo id (``fullname``), e.g. ``Qwen/Qwen2-72B-Instruct``."""
    scores: dict[str, float]
    """Normalised score per benchmark category, ``average`` included."""
    raw_scores: dict[str, float]
    """Raw score per benchmark category."""
    license: str | None
    """``hub_license`` as the Hub states it (``apache-2.0``, ``other``...)."""
    facts: dict[str, Any]
    """Everything else worth keeping (precision, params, type, flags...), ``None`` values dropped."""


def open_llm_board(benchmark: Benchmark) -> Board:
    """``open-llm-leaderboard.v2.<benchmark>.default``."""
    return Board(
        source=OPEN_LLM_LEADERBOARD,
        arena="v2",
        category=benchmark.category,
        variant="default",
        metric=benchmark.csv_column,
        unit="percent",
        higher_is_better=True,
    )


def snapshots_from_rows(rows: list[OpenLlmRow], published_at: date) -> list[Snapshot]:
    """One snapshot per benchmark, entries by descending score (ties in file order).

    A repo evaluated at several precisions or revisions has several rows; each stays an entry
    (the leaderboard lists them all), told apart by ``extra["precision"]`` / ``extra["model_sha"]``.
    """
    snapshots = []
    for benchmark in BENCHMARKS:
        entries = [
            Entry(
                model_name=row.model_name,
                score=row.scores[benchmark.category],
                license=row.license,
                extra=_extra(row, benchmark),
            )
            for row in rows
        ]
        entries.sort(key=lambda entry: -(entry.score or 0.0))
        snapshots.append(
            Snapshot(board=open_llm_board(benchmark), published_at=published_at, entries=tuple(entries))
        )
    return snapshots


def _extra(row: OpenLlmRow, benchmark: Benchmark) -> dict[str, Any]:
    if benchmark.category in row.raw_scores:
        return {"raw_score": row.raw_scores[benchmark.category], **row.facts}
    return dict(row.facts)
