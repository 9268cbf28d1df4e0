"""Aider's code-editing leaderboards (aider.chat/docs/leaderboards), from the YAML the site is built from.

``aider/website/_data/polyglot_leaderboard.yml`` (225 Exercism exercises in six languages, since
2024-12) and its predecessor ``edit_leaderboard.yml`` (133 Python exercises, frozen 2024-12-22) are
lists of benchmark runs. The headline is ``pass_rate_2``, the percentage of exercises solved after
one retry with the test output. One model appears in several runs, with another edit format
(``diff``, ``whole``, ``architect``...), reasoning effort or thinking budget: each run is its own
entry, named by ``model`` exactly as written (``gpt-5 (high)``, ``openai/gpt-5``), every other field
kept in ``extra`` under its upstream name. The files carry no rank and no publication date: the
date is the file's version (the commit that last changed it; the manifest's ``version_date_utc``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import httpx

from ingest.records import Board, Entry, RawPayload, Snapshot
from ingest.sources._format import FetchSettings, SourceFormat
from ingest.sources._github_commits import fetch_at_latest_commit
from ingest.sources._payload import FormatErrors, decode_text
from ingest.sources.aider._yaml import FORMAT_NAME, Field, Run, load_runs

__all__ = (
    "AIDER",
    "FORMAT",
    "FORMATS",
    "aider_board",
    "fetch",
    "parse",
    "sniff",
)

AIDER = "aider"
"""Source id."""

_REPO = "Aider-AI/aider"
_DATA_FOLDER = "aider/website/_data"
# File-name stem -> arena of its board.
_LEADERBOARDS = {"polyglot_leaderboard": "polyglot", "edit_leaderboard": "edit"}
# A run without these is not a leaderboard line; seconds_per_case, written last in every run of
# the archive, also tells a file cut off inside its last run.
_REQUIRED = ("dirname", "model", "edit_format", "pass_rate_2", "date", "seconds_per_case")
_NUMERIC = frozenset(
    {
        "pass_rate_1", "pass_rate_2", "percent_cases_well_formed", "seconds_per_case", "total_cost",
        "test_cases", "pass_num_1", "pass_num_2", "thinking_tokens", "prompt_tokens", "completion_tokens",
    }
)  # fmt: skip
# Free text that YAML 1.1 may type as a number (commit_hash 5318380, versions 0.30): kept as written.
_TEXT = frozenset(
    {"dirname", "model", "edit_format", "commit_hash", "versions", "command", "reasoning_effort",
     "editor_model", "editor_edit_format"}
)  # fmt: skip


def aider_board(arena: str) -> Board:
    """``aider.polyglot.overall.default`` or ``aider.edit.overall.default``."""
    return Board(
        source=AIDER,
        arena=arena,
        category="overall",
        variant="default",
        metric="pass_rate_2",
        unit="percent",
        higher_is_better=True,
    )


_error = FormatErrors(FORMAT_NAME)
"""The ``ParseError``s of this format."""


def _arena(raw: RawPayload) -> str:
    # The manifest's source_path names the upstream file; the origin may be a dated copy.
    for text in (raw.hints.get("source_path", ""), raw.origin):
        name = re.split(r"[\\/]", text.strip())[-1]
        for stem, arena in _LEADERBOARDS.items():
            if name.startswith(stem):
                return arena
    raise _error(
        raw,
        "file name",
        "cannot tell which leaderboard this is: name the file polyglot_leaderboard*.yml or "
        "edit_leaderboard*.yml, or pass hint source_path",
    )


def _json_value(key: str, field: Field) -> Any:
    if key in _TEXT and field.text is not None:
        return field.text
    if isinstance(field.value, date):
        return field.value.isoformat()
    return field.value


def _number(raw: RawPayload, where: str, field: Field) -> float:
    value = field.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _error(raw, f"{where} (line {field.line})", f"expected a number, got {field.text!r}")
    return float(value)


def _entry(raw: RawPayload, run: Run) -> Entry:
    where = f"$[{run.index}]"
    for key in _REQUIRED:
        if key not in run.fields:
            raise _error(raw, f"{where}.{key} (run at line {run.line})", f"the run has no `{key}`")
    for key, field in run.fields.items():
        if key in _NUMERIC:
            _number(raw, f"{where}.{key}", field)
    rate = run.fields["pass_rate_2"]
    score = _number(raw, f"{where}.pass_rate_2", rate)
    if not 0.0 <= score <= 100.0:
        raise _error(raw, f"{where}.pass_rate_2 (line {rate.line})", f"{score} is not a percentage")
    model = run.fields["model"].text
    if not model:
        raise _error(raw, f"{where}.model (line {run.fields['model'].line})", "expected the model's name")
    extra = {
        key: _json_value(key, field)
        for key, field in run.fields.items()
        if key not in ("model", "pass_rate_2")
    }
    return Entry(model_name=model, score=score, extra=extra)


def parse(raw: RawPayload) -> list[Snapshot]:
    """The one board of a leaderboard file, one entry per run in the file's order."""
    arena = _arena(raw)
    text = decode_text(raw, source=FORMAT_NAME, expected="Aider's YAML", saved_as=".yml")
    runs = load_runs(text, raw.origin)
    if not runs:
        raise _error(raw, "line 1", "the list of runs is empty")
    entries = tuple(_entry(raw, run) for run in runs)
    if raw.published_hint is None:
        raise _error(
            raw,
            "published date",
            "the YAML carries no date: supply the file's version date as published_hint "
            "(the manifest's version_date_utc, or a date in the file name)",
        )
    return [Snapshot(board=aider_board(arena), published_at=raw.published_hint, entries=entries)]


def sniff(origin: str, head: bytes) -> bool:
    """A YAML list whose first run starts with ``dirname`` and has a ``pass_rate_2``."""
    return head.lstrip().startswith(b"- dirname:") and b"\n  pass_rate_2:" in head


def fetch(client: httpx.Client, *, settings: FetchSettings | None = None) -> list[RawPayload]:
    """Both leaderboard files at the latest commit changing each, dated by that commit (UTC)."""
    return [fetch_at_latest_commit(client, _REPO, f"{_DATA_FOLDER}/{stem}.yml") for stem in _LEADERBOARDS]


FORMAT = SourceFormat(
    name=FORMAT_NAME,
    source=AIDER,
    description="Aider polyglot and edit leaderboards, YAML list of benchmark runs (Aider-AI/aider)",
    precedence=10,
    sniff=sniff,
    parse=parse,
    fetch=fetch,
)
"""The ``aider-yaml`` format."""

FORMATS: tuple[SourceFormat, ...] = (FORMAT,)
"""Every format of this module (the one above)."""
