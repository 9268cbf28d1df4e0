"""SWE-bench leaderboards: both JSON shapes, harness/model splitting, real values, bad input, live fetch."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload
from ingest.sources.swebench import FORMATS, LEADERBOARDS_FORMAT, LEGACY_FORMAT
from ingest.sources.swebench._names import split_system_name
from tests.conftest import SEEDS, fixture_payload, with_content
from tests.ingest.sources.github_replay import RecordedFile, github_replay
from tests.ingest.sources.parsed import board_named, entry_named

FOLDER = "swebench_leaderboards_json"
LEGACY_2024_04 = f"{FOLDER}/legacy_template_data/data_2024-04-16_088f371.json"
LEGACY_2024_07 = f"{FOLDER}/legacy_template_data/data_2024-07-15_eeaef65.json"
TEMPLATE_2024_10 = f"{FOLDER}/legacy_template_data/data_2024-10-22_ec61827.json"
BOARDS_2025_07 = f"{FOLDER}/leaderboards/leaderboards_2025-07-04_64ecce3.json"
# Read from seeds/snapshots (the 2025-12 file is 4.2 MB and is the only one with Gemini 3 Pro
# and Claude Opus 4.5; 2025-08 is the first with the bash-only board).
BOARDS_2025_08 = f"{FOLDER}/leaderboards/leaderboards_2025-08-25_80fced6.json"
BOARDS_2025_12 = f"{FOLDER}/leaderboards/leaderboards_2025-12-11_f1176b6.json"


def _edited(raw: RawPayload, edit: Any) -> RawPayload:
    data = json.loads(raw.content)
    edit(data)
    return with_content(raw, json.dumps(data).encode())


# -- the 2025-12-11 file: the newest, with Gemini 3 Pro and Claude Opus 4.5 --------------------------


def test_2025_12_has_one_board_per_leaderboard() -> None:
    snapshots = LEADERBOARDS_FORMAT.parse(fixture_payload(BOARDS_2025_12))

    assert [(s.board.board_id, len(s.entries)) for s in snapshots] == [
        ("swebench.bash-only.overall.default", 31),
        ("swebench.test.overall.default", 23),
        ("swebench.verified.overall.default", 162),
        ("swebench.lite.overall.default", 84),
        ("swebench.multimodal.overall.default", 22),
    ]
    board = snapshots[0].board
    assert (board.metric, board.unit, board.higher_is_better) == ("resolved", "percent", True)
    # the manifest's version_date (UTC day of the 2025-12-10T23:08:55-05:00 commit)
    assert {s.published_at for s in snapshots} == {date(2025, 12, 11)}


def test_verified_live_swe_agent_runs_gemini_3_pro() -> None:
    verified = board_named(
        LEADERBOARDS_FORMAT.parse(fixture_payload(BOARDS_2025_12)), "swebench.verified.overall.default"
    )
    entry = entry_named(verified, "live-SWE-agent + Gemini 3 Pro Preview (2025-11-18)")

    assert (entry.score, entry.rank, entry.organization) == (77.4, None, "UIUC")
    assert entry.extra["harness"] == "live-SWE-agent"
    assert entry.extra["model"] == "Gemini 3 Pro Preview (2025-11-18)"
    assert entry.extra["model_tags"] == ["gemini-3-pro-preview"]
    assert (entry.extra["date"], entry.extra["attempts"]) == ("2025-11-20", "1")
    assert entry.extra["folder"] == "20251120_livesweagent_gemini-3-pro-preview"
    # "false (See README.md for info on how to get your results verified)" upstream
    assert entry.extra["checked"] is False
    assert (entry.extra["os_model"], entry.extra["os_system"]) == (False, True)
    assert [e.model_name for e in verified.entries[:2]] == [
        "TRAE + Doubao-Seed-Code",
        "live-SWE-agent + Gemini 3 Pro Preview (2025-11-18)",
    ]


def test_bash_only_entries_are_models_in_mini_swe_agent() -> None:
    snapshots = LEADERBOARDS_FORMAT.parse(fixture_payload(BOARDS_2025_12))
    bash_only = board_named(snapshots, "swebench.bash-only.overall.default")
    gemini = entry_named(bash_only, "Gemini 3 Pro Preview (2025-11-18)")
    opus = entry_named(bash_only, "Claude 4.5 Opus medium (20251101)")

    assert (gemini.score, gemini.organization) == (74.2, "Google DeepMind")
    assert (gemini.extra["harness"], gemini.extra["model"]) == (
        "mini-SWE-agent",
        "Gemini 3 Pro Preview (2025-11-18)",
    )
    assert gemini.extra["mini_swe_agent_version"] == "1.15.0"
    assert (opus.score, opus.extra["harness"], opus.extra["model"]) == (
        74.4,
        "mini-SWE-agent",
        "Claude 4.5 Opus medium (20251101)",
    )
    assert opus.extra["model_tags"] == ["claude-opus-4-5-20251101"]
    assert (opus.extra["cost"], opus.extra["instance_calls"]) == (360.6224985, 38.042)
    assert bash_only.entries[0].model_name == opus.model_name
    # the same run is on Verified under the harness-prefixed name, same folder and score
    twin = entry_named(
        board_named(snapshots, "swebench.verified.overall.default"),
        "mini-SWE-agent + Claude 4.5 Opus medium (20251101)",
    )
    assert (twin.score, twin.extra["folder"], twin.extra["model"]) == (
        74.4,
        opus.extra["folder"],
        opus.extra["model"],
    )


def test_entries_descend_by_resolved_and_ties_keep_file_order() -> None:
    raw = fixture_payload(BOARDS_2025_12)
    multimodal = board_named(LEADERBOARDS_FORMAT.parse(raw), "swebench.multimodal.overall.default")

    scores = [e.score or 0.0 for e in multimodal.entries]
    assert scores == sorted(scores, reverse=True)
    assert [(e.model_name, e.score) for e in multimodal.entries[:2]] == [
        ("GUIRepair + o3 (2025-04-16)", 35.98),
        ("Codefuse_Pycfuse_SVR", 35.98),
    ]
    assert all(e.rank is None for e in multimodal.entries)


def test_the_same_name_twice_on_a_board_is_kept_apart_by_folder() -> None:
    verified = board_named(
        LEADERBOARDS_FORMAT.parse(fixture_payload(BOARDS_2025_12)), "swebench.verified.overall.default"
    )
    devlo = [
        (e.score, e.extra["folder"], e.extra["model"]) for e in verified.entries if e.model_name == "devlo"
    ]

    assert devlo == [
        (70.2, "20250519_devlo", None),  # three Model tags: no single model
        (58.2, "20241213_devlo", None),
        (54.2, "20241108_devlo", "claude-3-5-sonnet-20241022"),  # one Model tag
    ]


# -- older eras --------------------------------------------------------------------------------------


def test_legacy_2024_04_reads_text_percentages_and_short_dates() -> None:
    raw = fixture_payload(LEGACY_2024_04)
    snapshots = LEGACY_FORMAT.parse(raw)

    assert json.loads(raw.content)["test_leaderboard"][0]["resolved"] == "12.29"
    assert [(s.board.board_id, len(s.entries)) for s in snapshots] == [
        ("swebench.test.overall.default", 7),
        ("swebench.lite.overall.default", 8),
    ]
    test = snapshots[0]
    assert test.published_at == date(2024, 4, 16)
    top = test.entries[0]
    assert (top.model_name, top.score) == ("SWE-agent + GPT 4", 12.29)
    # "2024-4-2" upstream
    assert top.extra == {
        "harness": "SWE-agent",
        "name_rule": "plus",
        "model": "GPT 4",
        "model_source": "name",
        "date": "2024-04-02",
    }
    assert [e.score for e in test.entries if e.model_name.startswith("RAG + SWE-Llama")] == [0.7, 0.7]


def test_legacy_2024_07_keeps_site_verified_and_oss() -> None:
    lite = board_named(LEGACY_FORMAT.parse(fixture_payload(LEGACY_2024_07)), "swebench.lite.overall.default")

    assert len(lite.entries) == 27
    moatless = entry_named(lite, "Moatless Tools + Claude 3.5 Sonnet")
    assert moatless.score == 26.67
    assert moatless.extra["site"] == "https://github.com/aorwall/moatless-tools"
    assert (moatless.extra["verified"], moatless.extra["oss"]) == (True, True)
    aider = entry_named(lite, "Aider + GPT 4o & Claude 3 Opus")
    assert (aider.extra["harness"], aider.extra["model"]) == ("Aider", None)  # two models


def test_template_data_of_2024_10_is_already_the_leaderboards_shape() -> None:
    raw = fixture_payload(TEMPLATE_2024_10)

    assert LEADERBOARDS_FORMAT.sniff(raw.origin, raw.content[:65536])
    assert not LEGACY_FORMAT.sniff(raw.origin, raw.content[:65536])
    verified = board_named(LEADERBOARDS_FORMAT.parse(raw), "swebench.verified.overall.default")
    assert verified.published_at == date(2024, 10, 22)
    assert [(e.model_name, e.score) for e in verified.entries[:2]] == [
        ("Tools + Claude 3.5 Sonnet (2024-10-22)", 49.0),
        ("Solver (2024-09-12)", 45.4),
    ]
    assert verified.entries[0].extra["harness"] == "Tools"


def test_2025_07_tags_give_org_attempts_and_a_parenthesised_model() -> None:
    test = board_named(
        LEADERBOARDS_FORMAT.parse(fixture_payload(BOARDS_2025_07)), "swebench.test.overall.default"
    )
    entry = entry_named(test, "OpenHands + CodeAct v2.1 (claude-3-5-sonnet-20241022)")

    assert entry.score == 29.38
    assert (entry.extra["harness"], entry.extra["model"], entry.extra["name_rule"]) == (
        "OpenHands + CodeAct v2.1",
        "claude-3-5-sonnet-20241022",
        "parenthesised_model",
    )
    assert (entry.organization, entry.extra["attempts"]) == ("OpenHands", "1")


def test_2025_08_first_bash_only_board() -> None:
    snapshots = LEADERBOARDS_FORMAT.parse(fixture_payload(BOARDS_2025_08))
    bash_only = board_named(snapshots, "swebench.bash-only.overall.default")
    review = entry_named(
        board_named(snapshots, "swebench.verified.overall.default"),
        "SWE-agent + Claude 3.7 Sonnet w/ Review Heavy",
    )

    assert len(bash_only.entries) == 20
    assert [(e.model_name, e.score) for e in bash_only.entries[:2]] == [
        ("Claude 4 Opus (20250514)", 67.6),
        ("GPT-5 (2025-08-07) (medium reasoning)", 65.0),
    ]
    # " w/ <setting>" configures the harness
    assert (review.score, review.extra["harness"], review.extra["model"]) == (
        62.4,
        "SWE-agent w/ Review Heavy",
        "Claude 3.7 Sonnet",
    )


# -- the splitting rules over every recorded file ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "board", "expected"),
    [
        ("Agentless + RepoGraph + GPT-4o", "lite", ("Agentless + RepoGraph", "GPT-4o", "plus")),
        (
            "AutoCodeRover (v20240620) + GPT 4o (2024-05-13)",
            "test",
            ("AutoCodeRover (v20240620)", "GPT 4o (2024-05-13)", "plus"),
        ),
        ("CodeStory Aide + Mixed Models", "lite", ("CodeStory Aide", None, "plus")),
        (
            "Kortix AI (claude-3-5-sonnet-20241022)",
            "lite",
            ("Kortix AI", "claude-3-5-sonnet-20241022", "parenthesised_model"),
        ),
        ("Amazon Q Developer Agent (v20240430-dev)", "test", (None, None, "unsplit")),
        ("DeepSWE-Preview + TTS(Bo16)", "verified", (None, "DeepSWE-Preview", "override")),
        (
            "SWE-RL (Llama3-SWE-RL-70B + Agentless Mini) (20250226)",
            "verified",
            ("Agentless Mini", "Llama3-SWE-RL-70B", "override"),
        ),
        ("GLM-4.6 (T=1)", "bash-only", ("mini-SWE-agent", "GLM-4.6 (T=1)", "bash_only")),
    ],
)
def test_split_system_name(name: str, board: str, expected: tuple[str | None, str | None, str]) -> None:
    assert tuple(split_system_name(name, board=board)) == expected


def test_rule_counts_over_all_recorded_files() -> None:
    """The counts quoted in ``ingest.sources.swebench._names``: seeds plus the fixture-only 2025-07 file."""
    folder = SEEDS / "snapshots" / FOLDER
    relatives = sorted(str(p.relative_to(folder.parent)) for p in folder.rglob("*.json"))
    rules: Counter[str] = Counter()
    for relative in [*relatives, BOARDS_2025_07]:
        raw = fixture_payload(relative)
        source_format = next(f for f in FORMATS if f.sniff(raw.origin, raw.content[:65536]))
        rules.update(e.extra["name_rule"] for s in source_format.parse(raw) for e in s.entries)

    # 8 of the 11 files (2025-05-07 = 2025-03-31 byte for byte; 2025-10-06 and 2025-11-18 not bundled)
    assert rules == {"plus": 685, "unsplit": 450, "bash_only": 51, "override": 49, "parenthesised_model": 44}


# -- bad input ---------------------------------------------------------------------------------------


def test_result_without_resolved_names_the_json_path() -> None:
    def drop(data: dict[str, Any]) -> None:
        del data["leaderboards"][1]["results"][3]["resolved"]

    raw = fixture_payload(BOARDS_2025_07)
    with pytest.raises(ParseError) as caught:
        LEADERBOARDS_FORMAT.parse(_edited(raw, drop))

    assert caught.value.location == "$.leaderboards[1].results[3].resolved"
    assert caught.value.origin == raw.origin
    assert "missing required field `resolved`" in caught.value.problem


def test_text_resolved_in_the_leaderboards_shape_is_rejected() -> None:
    def as_text(data: dict[str, Any]) -> None:
        data["leaderboards"][0]["results"][0]["resolved"] = "41.98"

    with pytest.raises(
        ParseError, match=r"\$\.leaderboards\[0\]\.results\[0\]\.resolved: Expected `float`, got `str`"
    ):
        LEADERBOARDS_FORMAT.parse(_edited(fixture_payload(BOARDS_2025_07), as_text))


def test_non_numeric_legacy_resolved_names_the_entry() -> None:
    def garble(data: dict[str, Any]) -> None:
        data["lite_leaderboard"][2]["resolved"] = "n/a"

    with pytest.raises(ParseError) as caught:
        LEGACY_FORMAT.parse(_edited(fixture_payload(LEGACY_2024_04), garble))

    assert caught.value.location == "$.lite_leaderboard[2].resolved"
    assert caught.value.problem == "expected a percentage like '12.29', got 'n/a'"


def test_bad_submission_date_names_the_entry() -> None:
    def garble(data: dict[str, Any]) -> None:
        data["test_leaderboard"][1]["date"] = "2024-13-40"

    with pytest.raises(ParseError, match=r"\$\.test_leaderboard\[1\]\.date: expected a date like 2024-04-02"):
        LEGACY_FORMAT.parse(_edited(fixture_payload(LEGACY_2024_04), garble))


def test_truncated_file_is_reported_as_invalid_json() -> None:
    raw = fixture_payload(BOARDS_2025_07)

    with pytest.raises(
        ParseError, match=r"leaderboards_2025-07-04_64ecce3\.json: end of file \(byte \d+\): not valid JSON"
    ):
        LEADERBOARDS_FORMAT.parse(with_content(raw, raw.content[: len(raw.content) // 2]))


def test_html_error_page_and_empty_file() -> None:
    raw = fixture_payload(LEGACY_2024_07)
    page = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>\n"

    with pytest.raises(ParseError, match="HTML page"):
        LEGACY_FORMAT.parse(with_content(raw, page))
    with pytest.raises(ParseError, match=r"line 1: the file is empty"):
        LEADERBOARDS_FORMAT.parse(with_content(raw, b"  \n"))


def test_missing_version_date_says_how_to_supply_it() -> None:
    raw = msgspec.structs.replace(fixture_payload(LEGACY_2024_04), published_hint=None)

    with pytest.raises(ParseError, match=r"published date: .*version_date"):
        LEGACY_FORMAT.parse(raw)


def test_sniffers_tell_the_shapes_apart() -> None:
    legacy = fixture_payload(LEGACY_2024_07)
    boards = fixture_payload(BOARDS_2025_12)  # per-instance details fill the first 64 KiB
    csv_file = fixture_payload("open_llm_leaderboard_fboulnois_csv/huggingface_v2_2024-07-15.csv")

    assert LEGACY_FORMAT.sniff(legacy.origin, legacy.content[:65536])
    assert not LEADERBOARDS_FORMAT.sniff(legacy.origin, legacy.content[:65536])
    assert LEADERBOARDS_FORMAT.sniff(boards.origin, boards.content[:65536])
    assert not LEGACY_FORMAT.sniff(boards.origin, boards.content[:65536])
    assert not any(f.sniff(csv_file.origin, csv_file.content[:65536]) for f in FORMATS)
    assert not LEADERBOARDS_FORMAT.sniff("x.json", b'{"meta": {"leaderboards": []}}')


# -- live fetch --------------------------------------------------------------------------------------

# The commits API answer is a minimal stand-in (only the fields the fetcher reads, with the real
# sha and time of the 2025-07-04 version); the file bytes are the real recorded file.
_SHA = "64ecce3a25c7647d72f8835dbaf38c71de1aade2"


_GITHUB = github_replay(
    "SWE-bench/swe-bench.github.io",
    {"data/leaderboards.json": RecordedFile(BOARDS_2025_07, _SHA, "2025-07-04T17:22:09Z", "Add results")},
)


def test_fetch_downloads_the_file_at_its_latest_commit_and_dates_it() -> None:
    assert LEADERBOARDS_FORMAT.fetch is not None
    with httpx.Client(transport=httpx.MockTransport(_GITHUB)) as client:
        (payload,) = LEADERBOARDS_FORMAT.fetch(client)

    assert (
        payload.origin
        == f"https://raw.githubusercontent.com/SWE-bench/swe-bench.github.io/{_SHA}/data/leaderboards.json"
    )
    assert payload.published_hint == date(2025, 7, 4)
    assert payload.hints["commit"] == _SHA
    verified = board_named(LEADERBOARDS_FORMAT.parse(payload), "swebench.verified.overall.default")
    assert (verified.entries[0].model_name, verified.entries[0].score) == ("TRAE", 75.2)


def test_fetch_turns_an_http_error_into_a_fetch_error() -> None:
    assert LEADERBOARDS_FORMAT.fetch is not None
    transport = httpx.MockTransport(lambda request: httpx.Response(503, text="unavailable"))

    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(FetchError, match=r"swe-bench\.github\.io/commits.*HTTP 503"),
    ):
        LEADERBOARDS_FORMAT.fetch(client)


def test_legacy_format_is_archive_only() -> None:
    assert LEGACY_FORMAT.fetch is None
    assert (LEADERBOARDS_FORMAT.precedence, LEGACY_FORMAT.precedence) == (10, 20)
