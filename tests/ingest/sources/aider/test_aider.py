"""Aider's polyglot and edit leaderboards: YAML lists of benchmark runs, one entry per run."""

from __future__ import annotations

from datetime import date

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import Entry, Snapshot
from ingest.sources.aider import FORMAT
from tests.conftest import fixture_payload, with_content
from tests.ingest.sources.github_replay import RecordedFile, github_replay
from tests.ingest.sources.parsed import only_snapshot

POLYGLOT_2024_12_21 = "aider_leaderboards_yaml/polyglot_leaderboard/polyglot_leaderboard_2024-12-21.yml"
POLYGLOT_2025_08_25 = "aider_leaderboards_yaml/polyglot_leaderboard/polyglot_leaderboard_2025-08-25.yml"
POLYGLOT_2025_10_04 = "aider_leaderboards_yaml/polyglot_leaderboard/polyglot_leaderboard_2025-10-04.yml"
EDIT_2024_12_22 = "aider_leaderboards_yaml/edit_leaderboard/edit_leaderboard_2024-12-22.yml"


def _runs(snapshot: Snapshot, model: str) -> list[Entry]:
    return [e for e in snapshot.entries if e.model_name == model]


def test_polyglot_2025_10_04_keeps_every_run_field_beside_the_headline() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(POLYGLOT_2025_10_04)))

    assert snapshot.board.board_id == "aider.polyglot.overall.default"
    assert (snapshot.board.metric, snapshot.board.unit) == ("pass_rate_2", "percent")
    assert snapshot.published_at == date(2025, 10, 4)  # the manifest's version_date_utc
    assert len(snapshot.entries) == 69
    (gpt_5_high,) = _runs(snapshot, "gpt-5 (high)")
    assert (gpt_5_high.score, gpt_5_high.rank) == (88.0, None)
    extra = gpt_5_high.extra
    assert (extra["edit_format"], extra["reasoning_effort"], extra["total_cost"]) == ("diff", "high", 29.0829)
    assert (extra["date"], extra["percent_cases_well_formed"], extra["pass_rate_1"]) == (
        "2025-08-23",
        91.6,
        52.0,
    )
    assert (extra["test_cases"], extra["completion_tokens"], extra["versions"]) == (
        225,
        2623429,
        "0.86.2.dev",
    )
    assert "pass_rate_2" not in extra
    assert "model" not in extra


def test_commit_hash_written_as_digits_stays_text() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(POLYGLOT_2025_10_04)))

    (o3_pro,) = _runs(snapshot, "o3-pro (high)")
    assert (o3_pro.score, o3_pro.extra["commit_hash"], o3_pro.extra["total_cost"]) == (
        84.9,
        "5318380",
        146.3249,
    )


def test_runs_of_one_model_with_other_edit_formats_or_efforts_are_separate_entries() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(POLYGLOT_2025_10_04)))

    qwen = _runs(snapshot, "Qwen2.5-Coder-32B-Instruct")
    assert [(e.extra["edit_format"], e.score) for e in qwen] == [("diff", 8.0), ("whole", 16.4)]
    gpt_5 = [e for e in snapshot.entries if e.model_name.startswith("gpt-5 (")]
    assert [(e.model_name, e.score) for e in gpt_5] == [
        ("gpt-5 (high)", 88.0),
        ("gpt-5 (medium)", 86.7),
        ("gpt-5 (low)", 81.3),
    ]


def test_on_2025_08_25_the_gpt_5_runs_were_all_named_openai_gpt_5() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(POLYGLOT_2025_08_25)))

    runs = _runs(snapshot, "openai/gpt-5")
    assert [(e.extra["reasoning_effort"], e.score) for e in runs] == [
        ("high", 88.0),
        ("medium", 86.7),
        ("low", 81.3),
    ]
    assert snapshot.published_at == date(2025, 8, 25)


def test_first_polyglot_file_2024_12_21() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(POLYGLOT_2024_12_21)))

    assert snapshot.published_at == date(2024, 12, 21)
    assert len(snapshot.entries) == 6
    first = snapshot.entries[0]
    assert (first.model_name, first.score, first.extra["edit_format"], first.extra["total_cost"]) == (
        "gpt-4o-mini-2024-07-18",
        3.6,
        "whole",
        0.3236,
    )
    assert "reasoning_effort" not in first.extra


def test_edit_leaderboard_2024_12_22() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(EDIT_2024_12_22)))

    assert snapshot.board.board_id == "aider.edit.overall.default"
    assert snapshot.published_at == date(2024, 12, 22)
    assert len(snapshot.entries) == 98
    best = max(snapshot.entries, key=lambda e: e.score or 0.0)
    assert (best.model_name, best.score, best.extra["released"], best.extra["test_cases"]) == (
        "claude-3-5-sonnet-20241022",
        84.2,
        "2024-10-22",
        133,
    )
    (gemini,) = _runs(snapshot, "gemini-exp-1114")
    assert (gemini.score, "total_cost" in gemini.extra) == (60.9, False)


def test_board_from_the_manifest_source_path_when_renamed_and_error_without() -> None:
    raw = msgspec.structs.replace(fixture_payload(EDIT_2024_12_22), origin="/downloads/aider.yml")

    assert only_snapshot(FORMAT.parse(raw)).board.arena == "edit"
    with pytest.raises(ParseError, match=r"aider\.yml: file name: cannot tell which leaderboard"):
        FORMAT.parse(msgspec.structs.replace(raw, hints={}))


def test_missing_date_says_how_to_supply_it() -> None:
    raw = msgspec.structs.replace(fixture_payload(POLYGLOT_2024_12_21), published_hint=None)

    with pytest.raises(ParseError, match=r"published date: .*version_date_utc"):
        FORMAT.parse(raw)


def test_run_missing_pass_rate_2_names_its_index_and_line() -> None:
    raw = fixture_payload(POLYGLOT_2025_10_04)
    lines = raw.content.decode().split("\n")
    # $[12] is yi-lightning's run, lines 313-338; its pass_rate_2 is on line 319.
    assert (lines[312], lines[314], lines[318]) == (
        "- dirname: 2024-12-23-01-11-56--yi-test",
        "  model: yi-lightning",
        "  pass_rate_2: 12.9",
    )
    del lines[318]

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, "\n".join(lines).encode()))

    assert caught.value.location == "$[12].pass_rate_2 (run at line 313)"
    assert caught.value.problem == "the run has no `pass_rate_2`"


def test_non_numeric_pass_rate_names_the_line() -> None:
    raw = fixture_payload(POLYGLOT_2024_12_21)
    changed = raw.content.replace(b"  pass_rate_2: 3.6\n", b"  pass_rate_2: n/a\n", 1)

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, changed))

    assert (
        str(caught.value)
        == f"aider-yaml: {raw.origin}: $[0].pass_rate_2 (line 7): expected a number, got 'n/a'"
    )


def test_invalid_yaml_names_line_and_column() -> None:
    raw = fixture_payload(POLYGLOT_2024_12_21)
    changed = raw.content.replace(b"  edit_format: whole\n", b"  edit_format: [whole\n", 1)

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, changed))

    assert caught.value.location.startswith("line 5, column ")
    assert caught.value.problem.startswith("invalid YAML: ")


def test_truncated_file() -> None:
    raw = fixture_payload(POLYGLOT_2025_10_04)
    cut = raw.content[: raw.content.rindex(b"  seconds_per_case:") + len(b"  seconds_per")]

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, cut))

    line_count = cut.count(b"\n") + 1
    assert caught.value.location.startswith(f"line {line_count}")


def test_truncated_between_fields_misses_the_last_field() -> None:
    raw = fixture_payload(POLYGLOT_2025_10_04)
    cut = raw.content[: raw.content.rindex(b"\n  versions:")]

    with pytest.raises(ParseError, match=r"\$\[68\]\.seconds_per_case \(run at line \d+\): the run has no"):
        FORMAT.parse(with_content(raw, cut))


def test_html_empty_and_not_a_list() -> None:
    raw = fixture_payload(POLYGLOT_2024_12_21)

    with pytest.raises(ParseError, match="line 1: this is an HTML page"):
        FORMAT.parse(with_content(raw, b"<!DOCTYPE html>\n<html><body>404: Not Found</body></html>\n"))
    with pytest.raises(ParseError, match="line 1: the file is empty"):
        FORMAT.parse(with_content(raw, b""))
    with pytest.raises(ParseError, match="line 1: expected a YAML list of benchmark runs"):
        FORMAT.parse(with_content(raw, b"dirname: x\nmodel: y\n"))
    with pytest.raises(ParseError, match=r"\$\[0\] \(line 1\): expected a mapping"):
        FORMAT.parse(with_content(raw, b"- just text\n"))


def test_sniff() -> None:
    for relative in (POLYGLOT_2024_12_21, POLYGLOT_2025_10_04, EDIT_2024_12_22):
        raw = fixture_payload(relative)
        assert FORMAT.sniff(raw.origin, raw.content[:65536]), relative
    assert not FORMAT.sniff("x.yml", b"- name: something\n  score: 1\n")
    assert not FORMAT.sniff("x.csv", b"model,AMPS_Hard,zebra_puzzle\n")


# The commits API answers are minimal hand-made stand-ins (only the fields the fetcher reads, the
# real commit ids and times from the manifest); the YAML bytes are real.
_GITHUB = github_replay(
    "Aider-AI/aider",
    {
        "aider/website/_data/polyglot_leaderboard.yml": RecordedFile(
            POLYGLOT_2025_10_04,
            "cb6a152e5ee27fbc77ac499d5e628ccd74a5fa2a",
            "2025-10-04T11:14:08+02:00",
            "copy",
        ),
        "aider/website/_data/edit_leaderboard.yml": RecordedFile(
            EDIT_2024_12_22, "c895e99306b80b6372c98f7c8f37125f3ad1e7eb", "2024-12-22T08:43:59-05:00", "copy"
        ),
    },
)


def test_fetch_downloads_both_files_at_their_latest_commit() -> None:
    assert FORMAT.fetch is not None
    with httpx.Client(transport=httpx.MockTransport(_GITHUB)) as client:
        polyglot, edit = FORMAT.fetch(client)

    assert polyglot.origin == (
        "https://raw.githubusercontent.com/Aider-AI/aider/cb6a152e5ee27fbc77ac499d5e628ccd74a5fa2a/"
        "aider/website/_data/polyglot_leaderboard.yml"
    )
    assert (polyglot.published_hint, edit.published_hint) == (date(2025, 10, 4), date(2024, 12, 22))
    assert polyglot.hints["commit"] == "cb6a152e5ee27fbc77ac499d5e628ccd74a5fa2a"
    snapshots = [only_snapshot(FORMAT.parse(p)) for p in (polyglot, edit)]
    assert [s.board.board_id for s in snapshots] == [
        "aider.polyglot.overall.default",
        "aider.edit.overall.default",
    ]
    assert _runs(snapshots[0], "gpt-5 (high)")[0].score == 88.0


def test_fetch_turns_an_http_error_into_a_fetch_error() -> None:
    assert FORMAT.fetch is not None

    def raw_file_gone(request: httpx.Request) -> httpx.Response:
        return _GITHUB(request) if request.url.host == "api.github.com" else httpx.Response(404)

    with (
        httpx.Client(transport=httpx.MockTransport(raw_file_gone)) as client,
        pytest.raises(FetchError, match=r"polyglot_leaderboard\.yml answered HTTP 404"),
    ):
        FORMAT.fetch(client)
