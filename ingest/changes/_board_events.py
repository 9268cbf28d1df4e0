"""Board change events: the rows of ``_board_sql`` turned into events with ids, titles and summaries.

Places (``#3``) are the order a reader sees: one line per model (its best variant), by score.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import duckdb

from ingest.changes._board_sql import (
    DISCONTINUITIES,
    DROP_STEP_TABLES,
    LEADER_CHANGES,
    NEW_MODELS,
    NOISE_TOP,
    OVERTAKE_TOP,
    OVERTAKES,
    STEP_TABLES,
    TOP10_CHANGES,
    TOP_PLACES,
    UB_RANK_FORMATS,
)
from ingest.changes._ids import board_event_id
from ingest.changes._records import ChangeEvent

__all__ = ("board_events", "board_link", "list_names", "number")


def number(value: float | None) -> str:
    """A score as people write it: ``1501``, ``65.4``, ``0.72``."""
    return "-" if value is None else f"{round(value, 2):g}"


def list_names(names: Sequence[str], limit: int = 3) -> str:
    """``A``, ``A and B``, ``A, B and C``, ``A, B, C and 4 more``."""
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit} more"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def board_link(board_id: str, day: date) -> str:
    """The API path of the board as of the day."""
    return f"/v1/boards/{_quoted(board_id)}/leaderboard?as_of={day.isoformat()}"


_quoted = lru_cache(maxsize=1 << 12)(quote)
"""``quote`` of a board id, each board's worked out once."""


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = connection.execute(sql, params)
    columns = [d[0] for d in result.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def _event(row: dict[str, Any], kind: str, id_models: Sequence[str], **fields: Any) -> ChangeEvent:
    """An event of ``row``'s board and day; ``id_models`` go into its id."""
    values: dict[str, Any] = {
        "claim_id": None,
        "model_ids": [],
        "model_names": [],
        "other_model_ids": [],
        "rank_from": None,
        "rank_to": None,
        "score_from": None,
        "score_to": None,
        "verdict_from": None,
        "verdict_to": None,
        "discontinuities": [],
        **fields,
    }
    return ChangeEvent(
        event_id=board_event_id(row["board_id"], row["occurred_on"], kind, id_models),
        kind=kind,
        board_id=row["board_id"],
        occurred_on=row["occurred_on"],
        previous_on=row["previous_on"],
        link=board_link(row["board_id"], row["occurred_on"]),
        boards=[row["board_id"]],
        **values,
    )


def _leader_event(row: dict[str, Any]) -> ChangeEvent:
    ids, labels, before = row["model_ids"], row["labels"], row["previous_ids"]
    board, sole = row["board_id"], len(ids) == 1
    joined = [label for model_id, label in zip(ids, labels, strict=True) if model_id not in before]
    stayed = [label for model_id, label in zip(ids, labels, strict=True) if model_id in before]
    left = [
        label for model_id, label in zip(before, row["previous_labels"], strict=True) if model_id not in ids
    ]
    if row["previous_on"] is None:
        title = f"{labels[0]} leads {board}" if sole else f"{list_names(labels)} share the lead of {board}"
    elif sole:
        verb = "takes the lead of" if joined else "is now alone at the top of"
        title = f"{labels[0]} {verb} {board}"
    elif joined and stayed:
        verb = "joins" if len(joined) == 1 else "join"
        title = f"{list_names(joined)} {verb} {list_names(stayed)} at rank 1 on {board}"
    elif joined:
        title = f"{list_names(labels)} share rank 1 on {board}"
    else:
        verb = "drops" if len(left) == 1 else "drop"
        title = f"{list_names(left)} {verb} out of the lead on {board}; {list_names(labels)} share rank 1"
    scores = ", ".join(f"{label} {number(score)}" for label, score in zip(labels, row["scores"], strict=True))
    summary = (
        f"On {row['occurred_on']}, {list_names(labels, len(labels))} "
        + ("is" if sole else "are")
        + f" at rank 1: no other model's interval lies wholly above {'its' if sole else 'theirs'} ({scores})."
    )
    if row["previous_on"] is not None:
        summary += f" Before ({row['previous_on']}): {list_names(row['previous_labels'], 8)}."
    return _event(
        row,
        "new_leader" if sole else "co_leaders",
        ids,
        model_ids=ids,
        model_names=row["model_names"],
        other_model_ids=before,
        rank_to=1,
        score_to=row["scores"][0] if sole else None,
        title=title,
        summary=summary,
    )


def _overtake_event(row: dict[str, Any]) -> ChangeEvent:
    label, others, board = row["label"], row["other_labels"], row["board_id"]
    moved = (
        f"{label} went from #{row['place_from']} to #{row['place_to']} "
        f"(score {number(row['score_from'])} -> {number(row['score_to'])})"
    )
    if row["significant"]:
        kind, title = "overtake", f"{label} overtakes {list_names(others)} on {board}"
        if row["has_intervals"]:
            summary = (
                f"{moved}; its confidence interval now lies wholly above those of {list_names(others, 10)}, "
                f"which it did not on {row['previous_on']}."
            )
        else:
            summary = (
                f"{moved} and now scores above {list_names(others, 10)} (this board publishes exact scores)."
            )
    else:
        kind, title = (
            "overtake_within_noise",
            f"{label} passes {list_names(others)} on {board} (within noise)",
        )
        summary = (
            f"{moved} and now scores above {list_names(others, 10)}, but the confidence intervals "
            "still overlap: the order may not hold."
        )
    return _event(
        row,
        kind,
        [row["model_id"]],
        model_ids=[row["model_id"]],
        model_names=[row["model_name"]],
        other_model_ids=row["other_ids"],
        rank_from=row["place_from"],
        rank_to=row["place_to"],
        score_from=row["score_from"],
        score_to=row["score_to"],
        title=title,
        summary=summary,
    )


def _top10_event(row: dict[str, Any]) -> ChangeEvent:
    label, board = row["label"], row["board_id"]
    before = f"#{row['place_from']}" if row["place_from"] is not None else "not listed"
    after = f"#{row['place_to']}" if row["place_to"] is not None else "not listed"
    if row["entered"]:
        kind, title = "enters_top10", f"{label} enters the top {TOP_PLACES} of {board} at {after}"
    else:
        kind, title = "leaves_top10", f"{label} leaves the top {TOP_PLACES} of {board}"
    summary = (
        f"{label}: {before} on {row['previous_on']} (score {number(row['score_from'])}), "
        f"{after} on {row['occurred_on']} (score {number(row['score_to'])})."
    )
    return _event(
        row,
        kind,
        [row["model_id"]],
        model_ids=[row["model_id"]],
        model_names=[row["model_name"]],
        rank_from=row["place_from"],
        rank_to=row["place_to"],
        score_from=row["score_from"],
        score_to=row["score_to"],
        title=title,
        summary=summary,
    )


def _new_models_event(row: dict[str, Any]) -> ChangeEvent:
    placed = [f"{label} (#{place})" for label, place in zip(row["labels"], row["places"], strict=True)]
    board, count = row["board_id"], len(placed)
    if count == 1:
        title = f"{row['labels'][0]} is listed on {board} for the first time, at #{row['places'][0]}"
    else:
        title = f"{count} new models on {board}: {list_names(placed, 2)}"
    summary = f"First listed on {row['occurred_on']}: {list_names(placed, 10)}."
    return _event(
        row,
        "new_models",
        [],
        model_ids=row["model_ids"],
        model_names=row["model_names"],
        rank_to=row["places"][0],
        score_to=row["scores"][0],
        title=title,
        summary=summary,
    )


def _discontinuity_event(row: dict[str, Any]) -> ChangeEvent:
    board, kinds, parts = row["board_id"], [], []
    if row["method_changes"]:
        kinds.append("method_change")
        parts += row["method_changes"]
        title = (
            f"Method change on {board}: scores before and after {row['occurred_on']} are not like for like"
        )
    if row["intervals_changed"]:
        kinds.append("intervals_changed")
        parts.append(
            f"From {row['occurred_on']} the snapshots of this board publish confidence intervals; "
            "before, ranks were exact ranks from point scores."
        )
        if not row["method_changes"]:
            title = f"{board} publishes confidence intervals from {row['occurred_on']} on"
    summary = (
        " ".join(parts)
        + f" Overtakes are not reported between {row['previous_on']} and {row['occurred_on']}."
    )
    return _event(row, "discontinuity", [], discontinuities=kinds, title=title, summary=summary)


def board_events(connection: duckdb.DuckDBPyConnection) -> list[ChangeEvent]:
    """Every board event over the served history, read through the writer's connection."""
    for statement in STEP_TABLES:  # the steps and their lines, shared by the queries below
        connection.execute(statement)
    try:
        leaders = _rows(connection, LEADER_CHANGES, {"ub_rank_formats": list(UB_RANK_FORMATS)})
        overtakes = _rows(connection, OVERTAKES, {"top": OVERTAKE_TOP, "noise_top": NOISE_TOP})
        top10 = _rows(connection, TOP10_CHANGES, {"top": TOP_PLACES})
        new_models = _rows(connection, NEW_MODELS, {})
        discontinuities = _rows(connection, DISCONTINUITIES, {})
    finally:
        for statement in DROP_STEP_TABLES:
            connection.execute(statement)
    return [
        *(_leader_event(r) for r in leaders),
        *(_overtake_event(r) for r in overtakes),
        *(_top10_event(r) for r in top10),
        *(_new_models_event(r) for r in new_models),
        *(_discontinuity_event(r) for r in discontinuities),
    ]
