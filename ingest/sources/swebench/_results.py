"""SWE-bench's upstream JSON shapes and how one result becomes an entry.

Two shapes, both ``SWE-bench/swe-bench.github.io``:

* legacy (``template/data.json``, 2024-04 and 2024-07): ``{"test_leaderboard": [...],
  "lite_leaderboard": [...]}``; ``resolved`` is text (``"12.29"``), dates like ``"2024-4-2"``.
* leaderboards (``template/data.json`` from 2024-10, ``data/leaderboards.json`` from 2025-05):
  ``{"leaderboards": [{"name": "Verified", "results": [...]}]}``; ``resolved`` is a number. The
  result keys grew over time: ``verified``/``oss``/``org_logo`` (2024-10 … 2025-05), then
  ``os_model``/``os_system``/``checked``/``tags`` (2025-07), then ``cost``/``instance_cost``/
  ``instance_calls``/``mini-swe-agent_version``/``per_instance_details`` (2025-10, 2025-12). The
  Structs below name only what is kept; everything else (logos, log paths, the 4 MB of
  per-instance details) is skipped by the decoder.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import msgspec

from ingest.dates import date_from_groups
from ingest.records import Entry
from ingest.sources.swebench._names import model_from_tags, split_system_name

__all__ = (
    "SWEBENCH",
    "LeaderboardsFile",
    "LegacyResult",
    "Result",
    "entry_from_result",
    "leaderboards_decoder",
    "legacy_decoder",
    "parse_submission_date",
)

SWEBENCH = "swebench"
"""Source id of SWE-bench boards."""

_TAG = re.compile(r"(?P<key>[^:]+):\s*(?P<value>.*)")
_ATTEMPTS = re.compile(r"Attempts - (?P<attempts>\S+)")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class _ResultBase(msgspec.Struct, kw_only=True):
    """Fields every era shares; unknown fields are tolerated."""

    name: str
    date: str | None = None
    folder: str | None = None
    site: str | list[str] | None = None
    verified: bool | None = None
    oss: bool | None = None
    warning: bool | str | None = None


class LegacyResult(_ResultBase, kw_only=True):
    """A result of the 2024-04/07 ``*_leaderboard`` lists: ``resolved`` is text."""

    resolved: str | float


class Result(_ResultBase, kw_only=True):
    """A result of the ``leaderboards`` shape."""

    resolved: float
    tags: list[str] | None = None
    os_model: bool | None = None
    os_system: bool | None = None
    checked: bool | str | None = None
    cost: float | None = None
    instance_cost: float | None = None
    instance_calls: float | None = None
    mini_swe_agent_version: str | None = msgspec.field(name="mini-swe-agent_version", default=None)


class _Leaderboard(msgspec.Struct):
    name: str
    results: list[Result]


class LeaderboardsFile(msgspec.Struct):
    """``{"leaderboards": [...]}``."""

    leaderboards: list[_Leaderboard]


leaderboards_decoder = msgspec.json.Decoder(LeaderboardsFile)
legacy_decoder = msgspec.json.Decoder(dict[str, list[LegacyResult]])


def parse_submission_date(text: str) -> date | None:
    """``2024-4-2`` or ``2024-04-02`` as a date; ``None`` when it is not one."""
    return date_from_groups(_DATE.fullmatch(text.strip()))


def _checked(value: bool | str | None) -> bool | str | None:
    # Some results say "false (See README.md for info on how to get your results verified)".
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered.startswith("true"):
            return True
        if lowered.startswith("false"):
            return False
    return value


def _tags(tags: list[str]) -> tuple[list[str], list[str], str | None]:
    """(model tags, org tags, attempts) from ``["Model: x", "Org: y", "System: Attempts - 1"]``."""
    models, orgs, attempts = [], [], None
    for tag in tags:
        match = _TAG.fullmatch(tag.strip())
        if match is None:
            continue
        key, value = match["key"].strip(), match["value"].strip()
        if key == "Model":
            models.append(value)
        elif key == "Org":
            orgs.append(value)
        elif key == "System" and (found := _ATTEMPTS.fullmatch(value)) is not None:
            attempts = found["attempts"]
    return models, orgs, attempts


def entry_from_result(result: Result | LegacyResult, *, score: float, board: str, day: date | None) -> Entry:
    """One result as an entry: the name verbatim, harness/model/tags and run facts in ``extra``."""
    system = split_system_name(result.name, board=board)
    extra: dict[str, Any] = {"harness": system.harness, "name_rule": system.rule}
    model, model_source = system.model, "name" if system.model is not None else None
    organization = None
    if isinstance(result, Result) and result.tags is not None:
        model_tags, org_tags, attempts = _tags(result.tags)
        if model is None and (model := model_from_tags(model_tags)) is not None:
            model_source = "tags"
        organization = org_tags[0] if org_tags else None
        extra |= {"tags": result.tags, "model_tags": model_tags, "org": organization, "attempts": attempts}
    extra |= {"model": model, "model_source": model_source}
    if day is not None:
        extra["date"] = day.isoformat()
    facts: dict[str, Any] = {
        "folder": result.folder,
        "site": result.site,
        "verified": result.verified,
        "oss": result.oss,
        "warning": result.warning,
    }
    if isinstance(result, Result):
        facts |= {
            "os_model": result.os_model,
            "os_system": result.os_system,
            "checked": _checked(result.checked),
            "cost": result.cost,
            "instance_cost": result.instance_cost,
            "instance_calls": result.instance_calls,
            "mini_swe_agent_version": result.mini_swe_agent_version,
        }
    extra |= {key: value for key, value in facts.items() if value is not None}
    return Entry(model_name=result.name, score=score, organization=organization, extra=extra)
