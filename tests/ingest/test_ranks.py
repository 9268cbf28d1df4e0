"""``rank_intervals`` against the upper-bound ranks LMArena published, on real snapshots.

The legacy CSVs print each score and CI rounded (``lmsys*``) or truncated (``lmarena_*``) to whole
points, while LMArena computed its "Rank (UB)" from the unrounded bounds. Where two models' bounds
are within a point or two of each other, the rounded bounds can no longer tell whether one lies
strictly above the other, so ``rank_best`` recomputed from the CSV differs from the published rank
on some rows. Every such row is counted here and shown to be one that the rounding can explain;
the unrounded bounds of the same date (the catalog's ``leaderboard-data``) reproduce every
published rank exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ingest.ranks import rank_intervals
from ingest.records import Entry, Snapshot
from ingest.sources.lmarena import catalog as lmarena_catalog
from ingest.sources.lmarena import legacy_csv as lmarena_legacy_csv
from tests.conftest import fixture_payload

CSV = "lmarena_fboulnois_csv"
CATALOG_2025_03_04 = "lmarena_arena_catalog_json/leaderboard-data/leaderboard-data@2025-03-04_9ef03c088.json"

# Written bound = true bound - error. Rounded score and rounded delta: the true bound is within one
# point either side. int() of score and delta: the true upper bound is 0 to 2 points above the
# written one, the true lower bound within one point either side.
ROUNDED = ((-1.0, 1.0), (-1.0, 1.0))
TRUNCATED = ((-1.0, 1.0), (0.0, 2.0))


def _snapshot(path: str) -> Snapshot:
    (snapshot,) = lmarena_legacy_csv.FORMAT.parse(fixture_payload(f"{CSV}/{path}"))
    return snapshot


def _exceptions(entries: Sequence[Entry]) -> list[tuple[str, int | None, int]]:
    """(model, published rank, rank_best from the written bounds) where the two differ."""
    found = []
    for entry, interval in zip(entries, rank_intervals(entries), strict=True):
        assert interval is not None
        if interval[0] != entry.rank:
            found.append((entry.model_name, entry.rank, interval[0]))
    return found


def _possible_best_ranks(
    entries: Sequence[Entry], index: int, errors: tuple[tuple[float, float], tuple[float, float]]
) -> range:
    """Every rank_best the true (unwritten) bounds could give entry ``index``."""
    (lower_min, lower_max), (upper_min, upper_max) = errors
    mine = entries[index]
    assert mine.ci_upper is not None
    certainly_ahead = possibly_ahead = 0
    for other in entries:
        assert other.ci_lower is not None
        if other.ci_lower + lower_min > mine.ci_upper + upper_max:
            certainly_ahead += 1
        if other.ci_lower + lower_max > mine.ci_upper + upper_min:
            possibly_ahead += 1
    return range(1 + certainly_ahead, 2 + possibly_ahead)


def _unexplained(
    entries: Sequence[Entry], errors: tuple[tuple[float, float], tuple[float, float]]
) -> list[tuple[str, int | None, range]]:
    return [
        (entry.model_name, entry.rank, possible)
        for index, entry in enumerate(entries)
        if entry.rank not in (possible := _possible_best_ranks(entries, index, errors))
    ]


# (file, rows, rows where rank_best from the rounded CSV differs from the published rank)
LMSYS_SNAPSHOTS = [
    ("lmsys/lmsys_2024-06-19.csv", 109, 12),  # header era 1: arena_elo
    ("lmsys/lmsys_2024-07-07.csv", 115, 17),  # era 2: arena_score
    ("lmsys/lmsys_2024-10-16.csv", 152, 28),  # era 3: rank_stylectrl added
    ("lmsys/lmsys_2025-03-04.csv", 176, 29),
]


@pytest.mark.parametrize(("path", "rows", "exceptions"), LMSYS_SNAPSHOTS)
def test_rank_best_reproduces_the_published_rank_up_to_rounding(
    path: str, rows: int, exceptions: int
) -> None:
    entries = _snapshot(path).entries

    assert len(entries) == rows
    assert len(_exceptions(entries)) == exceptions
    # ... and every one of them is a row whose published rank the rounding leaves possible
    assert _unexplained(entries, ROUNDED) == []


def test_the_exceptions_of_2024_06_19_are_near_ties_at_the_boundary() -> None:
    entries = _snapshot("lmsys/lmsys_2024-06-19.csv").entries

    # Upstream saw one more model strictly above each of these than the rounded bounds show.
    assert _exceptions(entries) == [
        ("Reka-Core-20240501", 14, 13),
        ("Claude-1", 28, 27),
        ("Mixtral-8x7b-Instruct-v0.1", 44, 43),
        ("Claude-Instant-1", 44, 43),
        ("Phi-3-Small-8k-Instruct", 49, 48),
        ("DeepSeek-LLM-67B-Chat", 60, 59),
        ("Mistral-7B-Instruct-v0.2", 63, 62),
        ("SOLAR-10.7B-Instruct-v1.0", 64, 63),
        ("falcon-180b-chat", 74, 73),
        ("pplx-7b-online", 75, 74),
        ("CodeLlama-34B-instruct", 76, 75),
        ("Gemma-1.1-2B-it", 86, 85),
    ]
    # Each has a model whose written lower bound equals its written upper bound: a tie that rounding
    # made. Reka-Core's upper bound 1203 (1200 +3) meets Bard (Gemini Pro)'s lower bound 1203 (1208 -5);
    # the strict comparison does not count Bard, upstream's unrounded bounds did.
    for name, published, best in _exceptions(entries):
        (mine,) = [e for e in entries if e.model_name == name]
        assert published is not None
        assert sum(1 for other in entries if other.ci_lower == mine.ci_upper) >= published - best
    by_name = {e.model_name: e for e in entries}
    assert by_name["Reka-Core-20240501"].ci_upper == by_name["Bard (Gemini Pro)"].ci_lower == 1203.0


def _as_written(entry: Entry) -> tuple[int, int, int]:
    """Score, +delta and -delta rounded to whole points, as the lmsys CSVs print them."""
    assert entry.score is not None
    assert entry.ci_lower is not None
    assert entry.ci_upper is not None
    return round(entry.score), round(entry.ci_upper - entry.score), round(entry.score - entry.ci_lower)


def _unrounded_intervals(csv_entries: Sequence[Entry], catalog: Snapshot) -> list[Entry]:
    """The CSV's rows carrying the catalog's unrounded bounds for the same model."""
    unused = {e.model_name: e for e in catalog.entries}
    key_of = {key.lower(): key for key in unused}
    matched = []
    for row in csv_entries:
        # The CSV shows display names (Mixtral-8x7B-Instruct-v0.1), the catalog internal keys, mostly
        # the same in lowercase but not always ("chocolate (Early Grok-3)" is early-grok-3): match by
        # name, else by the written values (unique but for two models with identical values).
        key = key_of.get(row.model_name.lower())
        if key not in unused:
            key = next(k for k, candidate in unused.items() if _as_written(candidate) == _as_written(row))
        bounds = unused.pop(key)
        assert _as_written(bounds) == _as_written(row), row.model_name
        matched.append(
            Entry(
                model_name=row.model_name,
                rank=row.rank,
                score=bounds.score,
                ci_lower=bounds.ci_lower,
                ci_upper=bounds.ci_upper,
            )
        )
    return matched


def test_unrounded_bounds_of_the_same_date_reproduce_every_published_rank() -> None:
    csv_entries = _snapshot("lmsys/lmsys_2025-03-04.csv").entries
    catalog = next(
        s
        for s in lmarena_catalog.FORMAT.parse(fixture_payload(CATALOG_2025_03_04))
        if s.board.board_id == "lmarena.text.overall.raw"
    )

    unrounded = _unrounded_intervals(csv_entries, catalog)

    assert len(unrounded) == 176
    assert len(_exceptions(csv_entries)) == 29  # from the rounded CSV bounds
    assert _exceptions(unrounded) == []  # from the unrounded bounds: all 176 ranks reproduced
    # The catalog also rates 28 models the table hid (deprecated ones, e.g. claude-1); the published
    # ranks counted only the models shown.
    assert len(catalog.entries) - len(unrounded) == 28
    assert "claude-1" in {e.model_name for e in catalog.entries}
    assert "Claude-1" not in {e.model_name for e in csv_entries}


def test_pickle_built_text_and_image_ranks_up_to_truncation() -> None:
    text = _snapshot("lmarena_text/lmarena_text_2025-08-04.csv").entries
    image = _snapshot("lmarena_image/lmarena_image_2025-08-04.csv").entries

    # the upper-bound ranks of these files come from the column named rank_stylectrl
    assert (len(text), len(_exceptions(text))) == (265, 66)
    assert _unexplained(text, TRUNCATED) == []
    assert _exceptions(image) == [("Imagen-3.0-generate-002", 6, 7)]
    assert _unexplained(image, TRUNCATED) == []


def test_pickle_built_vision_file_lacks_one_model_that_upstream_ranked() -> None:
    vision = _snapshot("lmarena_vision/lmarena_vision_2025-08-04.csv").entries

    assert (len(vision), len(_exceptions(vision))) == (86, 21)
    # Eight rows rank exactly one place worse than any bounds could give, and the last of 86 rows
    # is ranked 87: one model ranked above them upstream is missing from the file (the CSV builder
    # inner-joins the ratings with a metadata table that does not list every model).
    unexplained = _unexplained(vision, TRUNCATED)
    assert [(name, rank) for name, rank, _ in unexplained] == [
        ("Llama-3.2-11B-Vision-Instruct", 71),
        ("Reka-Flash-Preview-20240611", 72),
        ("Claude 3 Haiku", 74),
        ("NVILA-15B", 75),
        ("LLaVA-v1.6-34B", 77),
        ("LLaVA-OneVision-qwen2-72B-ov-sft", 80),
        ("Phi-3.5-vision-instruct", 86),
        ("Phi-3-Vision-128K-Instruct", 87),
    ]
    assert all(rank == possible.stop for _, rank, possible in unexplained)
    assert vision[-1].rank == 87


def test_a_board_without_intervals_ranks_exactly_and_ties_share() -> None:
    # The real scores of 2024-06-19 with the intervals left out: point intervals.
    points = [
        Entry(model_name=e.model_name, score=e.score) for e in _snapshot("lmsys/lmsys_2024-06-19.csv").entries
    ]
    ranks = dict(zip((e.model_name for e in points), rank_intervals(points), strict=True))

    assert ranks["GPT-4o-2024-05-13"] == (1, 1)
    assert ranks["Bard (Gemini Pro)"] == ranks["Nemotron-4-340B-Instruct"] == (12, 12)  # both 1208
    # three models at 1148 share 31; the next score, 1147, is 34th
    assert ranks["Command R"] == ranks["Mistral Medium"] == ranks["Reka-Flash-21B"] == (31, 31)
    assert ranks["Qwen1.5-72B-Chat"] == (34, 34)
    assert all(best == worst for best, worst in filter(None, ranks.values()))
