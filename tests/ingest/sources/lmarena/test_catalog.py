"""The lmarena/arena-catalog JSON files: boards from the file name, dates from outside, real values."""

from __future__ import annotations

import json
from datetime import date

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import Snapshot
from ingest.sources.lmarena.catalog import FORMAT
from tests.conftest import fixture_payload, with_content
from tests.ingest.sources.github_replay import RecordedFile, github_replay
from tests.ingest.sources.parsed import board_named

TEXT = "lmarena_arena_catalog_json/leaderboard-text/leaderboard-text@2025-05-24_209556bee.json"
TEXT_STYLE = (
    "lmarena_arena_catalog_json/leaderboard-text-style-control/"
    "leaderboard-text-style-control@2025-05-24_209556bee.json"
)
DATA = "lmarena_arena_catalog_json/leaderboard-data/leaderboard-data@2025-03-04_9ef03c088.json"
VISION = "lmarena_arena_catalog_json/leaderboard-vision/leaderboard-vision@2025-03-07_b3b0fef89.json"
VISION_STYLE = (
    "lmarena_arena_catalog_json/leaderboard-vision-style-control/"
    "leaderboard-vision-style-control@2025-03-07_b3b0fef89.json"
)
IMAGE_2025_03 = "lmarena_arena_catalog_json/leaderboard-image/leaderboard-image@2025-03-14_d3f38f099.json"
IMAGE_2025_12 = "lmarena_arena_catalog_json/leaderboard-image/leaderboard-image@2025-12-11_ea8297b54.json"


def _entry(snapshot: Snapshot, model: str) -> tuple[float | None, float | None, float | None]:
    (entry,) = [e for e in snapshot.entries if e.model_name == model]
    return entry.score, entry.ci_lower, entry.ci_upper


def test_text_2025_05_24_has_the_exact_ratings_of_the_file() -> None:
    snapshots = FORMAT.parse(fixture_payload(TEXT))

    assert len(snapshots) == 20
    overall = board_named(snapshots, "lmarena.text.overall.raw")
    assert overall.published_at == date(2025, 5, 24)
    assert len(overall.entries) == 236
    # (rating, rating_q025, rating_q975) exactly as written in the file
    assert _entry(overall, "gpt-4o-2024-05-13") == (
        1281.4794632735259,
        1279.9209466318202,
        1283.2903733288556,
    )
    top = overall.entries[0]
    assert (top.model_name, top.score) == ("gemini-2.5-pro-preview-05-06", 1446.0)
    # nothing the catalog does not publish is invented
    assert (top.rank, top.votes, top.organization, top.license) == (None, None, None, None)


def test_entries_are_in_descending_rating_order_although_the_file_is_alphabetical() -> None:
    raw = fixture_payload(TEXT)
    first_key = next(iter(json.loads(raw.content)["full"]))
    overall = board_named(FORMAT.parse(raw), "lmarena.text.overall.raw")

    assert first_key == "RWKV-4-Raven-14B"
    scores = [e.score or 0.0 for e in overall.entries]
    assert scores == sorted(scores, reverse=True)


def test_catalog_category_keys_become_the_dataset_names() -> None:
    boards = {s.board.category for s in FORMAT.parse(fixture_payload(TEXT))}

    assert {"overall", "hard_prompts", "instruction_following", "longer_query", "multi_turn"} <= boards
    assert not {"full", "hard_6", "if"} & boards


def test_style_control_file_is_the_style_control_board() -> None:
    snapshots = FORMAT.parse(fixture_payload(TEXT_STYLE))

    assert len(snapshots) == 19
    overall = board_named(snapshots, "lmarena.text.overall.style_control")
    assert overall.published_at == date(2025, 5, 24)
    assert _entry(overall, "gpt-4o-2024-05-13") == (
        1323.7094541971683,
        1321.9929659826307,
        1325.1544661001244,
    )


def test_leaderboard_data_predecessor_is_text_without_style_control() -> None:
    # see tests/ingest/test_ranks.py: its intervals reproduce the legacy CSV of elo_results_20250304
    overall = board_named(FORMAT.parse(fixture_payload(DATA)), "lmarena.text.overall.raw")

    assert overall.published_at == date(2025, 3, 4)
    assert len(overall.entries) == 204
    assert overall.entries[0].model_name == "grok-3-preview-02-24"
    assert overall.entries[0].score == 1411.5470385735089


def test_vision_and_vision_style_control_2025_03_07() -> None:
    vision = FORMAT.parse(fixture_payload(VISION))
    style = FORMAT.parse(fixture_payload(VISION_STYLE))

    assert sorted(s.board.board_id for s in vision) == [
        "lmarena.vision.chinese.raw",
        "lmarena.vision.english.raw",
        "lmarena.vision.overall.raw",
    ]
    overall = board_named(vision, "lmarena.vision.overall.raw")
    assert _entry(overall, "gemini-exp-1121") == (1297.9324850442013, 1286.3443531097057, 1310.2104196480952)
    assert overall.entries[0].model_name == "gemini-exp-1121"
    (style_overall,) = style
    assert style_overall.board.board_id == "lmarena.vision.overall.style_control"
    assert style_overall.entries[0].model_name == "chatgpt-4o-latest-20250129"
    assert style_overall.entries[0].score == 1233.1738195889548


def test_image_file_is_the_text_to_image_arena_with_the_pinned_dall_e_3() -> None:
    early = FORMAT.parse(fixture_payload(IMAGE_2025_03))
    late = FORMAT.parse(fixture_payload(IMAGE_2025_12))

    assert [s.board.board_id for s in early] == [
        "lmarena.text-to-image.overall.raw",
        "lmarena.text-to-image.is_preset_generation.raw",
        "lmarena.text-to-image.not_preset_generation.raw",
    ]
    early_overall = board_named(early, "lmarena.text-to-image.overall.raw")
    assert _entry(early_overall, "dall-e-3") == (978.0, 975.5635605387763, 980.5392598998277)
    assert early_overall.entries[0].model_name == "imagen-3.0-generate-002"
    late_overall = board_named(late, "lmarena.text-to-image.overall.raw")
    assert late_overall.published_at == date(2025, 12, 11)
    assert len(late_overall.entries) == 34
    assert _entry(late_overall, "dall-e-3")[0] == 978.0


def test_board_comes_from_the_manifest_source_path_when_the_file_was_renamed() -> None:
    raw = fixture_payload(VISION_STYLE)
    renamed = msgspec.structs.replace(raw, origin="/downloads/catalog.json")

    assert renamed.hints["source_path"] == "data/leaderboard-vision-style-control.json"
    assert FORMAT.parse(renamed)[0].board.board_id == "lmarena.vision.overall.style_control"


def test_unknown_file_name_without_hints_names_the_expected_names() -> None:
    raw = fixture_payload(VISION)
    anonymous = msgspec.structs.replace(raw, origin="/downloads/catalog.json", hints={})

    with pytest.raises(ParseError, match=r"/downloads/catalog\.json: file name: .*leaderboard-text\.json"):
        FORMAT.parse(anonymous)


def test_missing_date_says_how_to_supply_it() -> None:
    raw = msgspec.structs.replace(fixture_payload(VISION), published_hint=None)

    with pytest.raises(ParseError, match=r"published date: .*published_hint.*version_date"):
        FORMAT.parse(raw)


def test_missing_rating_q025_names_the_json_path() -> None:
    raw = fixture_payload(VISION)
    data = json.loads(raw.content)
    del data["full"]["gpt-4o-2024-05-13"]["rating_q025"]

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, json.dumps(data).encode()))

    assert caught.value.location == '$.full["gpt-4o-2024-05-13"].rating_q025'
    assert caught.value.origin == raw.origin
    assert "missing required field" in caught.value.problem


def test_non_numeric_rating_names_the_json_path() -> None:
    raw = fixture_payload(IMAGE_2025_03)
    data = json.loads(raw.content)
    data["is_preset_generation"]["dall-e-3"]["rating"] = "978.0"

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, json.dumps(data).encode()))

    assert caught.value.location == '$.is_preset_generation["dall-e-3"].rating'
    assert "Expected `float`, got `str`" in caught.value.problem


def test_swapped_bounds_are_rejected() -> None:
    raw = fixture_payload(IMAGE_2025_03)
    data = json.loads(raw.content)
    model = data["full"]["dall-e-3"]
    model["rating_q025"], model["rating_q975"] = model["rating_q975"], model["rating_q025"]

    with pytest.raises(
        ParseError, match=r'\$\.full\["dall-e-3"\]: rating_q025 980\.53.* is above rating_q975'
    ):
        FORMAT.parse(with_content(raw, json.dumps(data).encode()))


def test_truncated_file_is_reported_as_invalid_json_where_it_stops() -> None:
    raw = fixture_payload(VISION)
    half = raw.content[: len(raw.content) // 2]

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, half))

    assert caught.value.origin.endswith("leaderboard-vision@2025-03-07_b3b0fef89.json")
    assert caught.value.location == f"end of file (byte {len(half)})"
    assert "not valid JSON" in caught.value.problem
    assert "truncated download?" in caught.value.problem


def test_malformed_json_names_line_and_column() -> None:
    raw = fixture_payload(VISION)
    broken = raw.content.replace(b'"rating_q975"', b"rating_q975", 1)
    line = raw.content[: raw.content.index(b'"rating_q975"')].count(b"\n") + 1

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, broken))

    assert caught.value.location.startswith(f"line {line}, column ")


def test_html_error_page_saved_as_json() -> None:
    raw = fixture_payload(VISION)
    page = b"<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head></html>\n"

    with pytest.raises(ParseError, match="HTML page"):
        FORMAT.parse(with_content(raw, page))


def test_empty_file() -> None:
    with pytest.raises(ParseError, match=r"line 1: the file is empty"):
        FORMAT.parse(with_content(fixture_payload(VISION), b""))


def test_json_without_the_overall_category() -> None:
    raw = fixture_payload(VISION)
    data = json.loads(raw.content)
    del data["full"]

    with pytest.raises(ParseError, match=r"no `full` \(overall\) category; found chinese, english"):
        FORMAT.parse(with_content(raw, json.dumps(data).encode()))


def test_sniff_recognises_catalog_json_only() -> None:
    catalog = fixture_payload(IMAGE_2025_03)
    csv_file = fixture_payload("lmarena_fboulnois_csv/lmsys/lmsys_2024-06-19.csv")

    assert FORMAT.sniff(catalog.origin, catalog.content[:65536])
    assert FORMAT.sniff(catalog.origin, fixture_payload(TEXT).content[:65536])
    assert not FORMAT.sniff(csv_file.origin, csv_file.content[:65536])
    assert not FORMAT.sniff("x.json", b'{"meta": {}, "rows": [{"rating": 1, "rating_lower": 0}]}')


# The commits API answers below are minimal hand-made stand-ins for GitHub's answer (only the
# fields the fetcher reads, with the real sha, subject and date of each version); the file bytes
# served for the raw URLs are the real recorded files.
_LIVE = {
    "text": (TEXT, "209556bee0da499fdbfbc7b31f676f9828ea6b14", "Update leaderboard data 2025-05-24 00:00:09"),
    "text-style-control": (
        TEXT_STYLE,
        "209556bee0da499fdbfbc7b31f676f9828ea6b14",
        "Update leaderboard data 2025-05-24 00:00:09",
    ),
    "vision": (VISION, "b3b0fef89b7d3b23954bf25ad0b9573be7736d55", "add vision data"),
    "vision-style-control": (VISION_STYLE, "b3b0fef89b7d3b23954bf25ad0b9573be7736d55", "add vision data"),
    "image": (
        IMAGE_2025_12,
        "ea8297b5457e664b4e1f37340426164a9e605927",
        "Update leaderboard scores with 12/11 data",
    ),
}
_COMMIT_TIMES = {
    "209556bee0da499fdbfbc7b31f676f9828ea6b14": "2025-05-27T00:31:13Z",
    "b3b0fef89b7d3b23954bf25ad0b9573be7736d55": "2025-03-07T23:56:35Z",
    "ea8297b5457e664b4e1f37340426164a9e605927": "2025-12-11T22:32:56Z",
}


_GITHUB = github_replay(
    "lmarena/arena-catalog",
    {
        f"data/leaderboard-{stem}.json": RecordedFile(fixture, sha, _COMMIT_TIMES[sha], subject)
        for stem, (fixture, sha, subject) in _LIVE.items()
    },
)


def test_fetch_downloads_each_file_at_its_latest_commit_and_dates_it() -> None:
    assert FORMAT.fetch is not None
    with httpx.Client(transport=httpx.MockTransport(_GITHUB)) as client:
        payloads = FORMAT.fetch(client)

    by_path = {p.hints["source_path"]: p for p in payloads}
    assert sorted(by_path) == sorted(f"data/leaderboard-{stem}.json" for stem in _LIVE)
    text = by_path["data/leaderboard-text.json"]
    assert text.origin == (
        "https://raw.githubusercontent.com/lmarena/arena-catalog/"
        "209556bee0da499fdbfbc7b31f676f9828ea6b14/data/leaderboard-text.json"
    )
    # the data date from the subject wins over the commit date (2025-05-27)
    assert text.published_hint == date(2025, 5, 24)
    # no date in the subject: the commit's date
    assert by_path["data/leaderboard-image.json"].published_hint == date(2025, 12, 11)
    assert by_path["data/leaderboard-vision.json"].published_hint == date(2025, 3, 7)
    overall = board_named(FORMAT.parse(text), "lmarena.text.overall.raw")
    assert _entry(overall, "gpt-4o-2024-05-13")[0] == 1281.4794632735259


def test_fetch_turns_an_http_error_into_a_fetch_error() -> None:
    assert FORMAT.fetch is not None
    transport = httpx.MockTransport(lambda request: httpx.Response(403, json={"message": "rate limit"}))

    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(FetchError, match=r"api\.github\.com/repos/lmarena/arena-catalog/commits.*HTTP 403"),
    ):
        FORMAT.fetch(client)


def test_fetch_reports_a_file_no_commit_touches() -> None:
    assert FORMAT.fetch is not None
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))

    with httpx.Client(transport=transport) as client, pytest.raises(FetchError, match="no commit changes"):
        FORMAT.fetch(client)
