"""Artificial Analysis: the collector's daily copies, the raw API answer, and the cached live fetch."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload, Snapshot
from ingest.runner import ingest_payloads
from ingest.sources import FetchSettings
from ingest.sources.artificial_analysis import (
    API_URL,
    ATTRIBUTION,
    FORMATS,
    fetch,
    fetch_models,
    parse_api_json,
    parse_collector_json,
)
from tests.conftest import fixture_payload
from tests.ingest.sources.parsed import board_named, entry_named

API_FORMAT, COLLECTOR_FORMAT = FORMATS
AUGUST = "artificial_analysis_json/2026-08-12/llms.json"
JUNE = "artificial_analysis_json/2026-06-30/llms.json"
SUMMARY = "artificial_analysis_json/2026-08-12/_summary.json"
API_ANSWER = "artificial_analysis_api_json/2026-08-12/llms_models.json"
INTELLIGENCE = "artificial-analysis.llm.intelligence_index.default"
CODING = "artificial-analysis.llm.coding_index.default"
MATH = "artificial-analysis.llm.math_index.default"
GEMINI_3_PRO_ID = "d1122eff-ee85-4fdc-8a9f-23bee6590667"


def _names(snapshot: Snapshot) -> set[str]:
    return {e.model_name for e in snapshot.entries}


def _edited(relative: str, edit: Any) -> RawPayload:
    raw = fixture_payload(relative)
    document = json.loads(raw.content)
    edit(document)
    return msgspec.structs.replace(raw, content=json.dumps(document).encode())


# --- the collector's llms.json --------------------------------------------------------------------


def test_collector_2026_08_12_gemini_3_pro_preview_high() -> None:
    snapshots = parse_collector_json(fixture_payload(AUGUST))

    intelligence = board_named(snapshots, INTELLIGENCE)
    assert intelligence.published_at == date(2026, 8, 12)
    gemini = entry_named(intelligence, "Gemini 3 Pro Preview (high)")
    assert (gemini.score, gemini.rank, gemini.organization) == (40.6, 68, "Google")
    assert gemini.extra["aa_id"] == GEMINI_3_PRO_ID
    assert gemini.extra["slug"] == "gemini-3-pro"
    assert gemini.extra["creator_slug"] == "google"
    assert gemini.extra["release_date"] == "2025-11-18"
    assert gemini.extra["pricing"] == {
        "price_1m_blended_3_to_1": 4.5,
        "price_1m_input_tokens": 2,
        "price_1m_output_tokens": 12,
    }
    # AA writes 0 (not null) for speeds it does not measure; kept as written
    assert gemini.extra["speed"]["median_output_tokens_per_second"] == 0
    math = entry_named(board_named(snapshots, MATH), "Gemini 3 Pro Preview (high)")
    assert (math.score, math.rank) == (95.7, 8)
    # its coding index is null: it is not on the coding board at all
    assert "Gemini 3 Pro Preview (high)" not in _names(board_named(snapshots, CODING))


def test_collector_2026_08_12_top_of_the_intelligence_index() -> None:
    intelligence = board_named(parse_collector_json(fixture_payload(AUGUST)), INTELLIGENCE)

    top = intelligence.entries[0]
    assert (top.model_name, top.score, top.rank) == (
        "Claude Opus 5 (Adaptive Reasoning, Max Effort)",
        63.1,
        1,
    )
    assert top.extra["aa_id"] == "b8fc61f7-5e9a-49e6-8547-6ac56db24627"
    # 597 models, 13 without an intelligence index
    assert len(intelligence.entries) == 584
    assert intelligence.board.unit == "index"
    assert intelligence.board.metric == "artificial_analysis_intelligence_index"


def test_collector_ranks_are_positional_ties_in_aa_order() -> None:
    # The collector ranks by a stable sort: equal scores still get consecutive ranks.
    intelligence = board_named(parse_collector_json(fixture_payload(AUGUST)), INTELLIGENCE)

    tenth, eleventh = intelligence.entries[9], intelligence.entries[10]
    assert (tenth.model_name, tenth.score, tenth.rank) == ("GPT-5.6 Sol (high)", 57.3, 10)
    assert (eleventh.model_name, eleventh.score, eleventh.rank) == (
        "Claude Opus 4.8 (Adaptive Reasoning, Max Effort)",
        57.3,
        11,
    )
    assert [e.rank for e in intelligence.entries] == list(range(1, 585))


def test_collector_one_board_per_evaluation_key_with_units() -> None:
    snapshots = parse_collector_json(fixture_payload(AUGUST))

    assert [s.board.category for s in snapshots] == [
        "intelligence_index",
        "coding_index",
        "math_index",
        "mmlu_pro",
        "gpqa",
        "hle",
        "livecodebench",
        "scicode",
        "math_500",
        "aime",
        "aime_25",
        "ifbench",
        "lcr",
        "terminalbench_hard",
        "terminalbench_v2_1",
        "tau2",
        "tau_banking",
    ]
    assert {s.board.unit for s in snapshots if s.board.category.endswith("_index")} == {"index"}
    assert {s.board.unit for s in snapshots if not s.board.category.endswith("_index")} == {"fraction"}
    gpqa = board_named(snapshots, "artificial-analysis.llm.gpqa.default")
    assert (gpqa.board.metric, len(gpqa.entries)) == ("gpqa", 563)
    assert entry_named(gpqa, "Gemini 3 Pro Preview (high)").score == 0.908
    # the collector ranks only its 11 evaluation boards; the others have no published rank
    ifbench = board_named(snapshots, "artificial-analysis.llm.ifbench.default")
    assert ifbench.entries[0].rank is None
    assert (ifbench.entries[0].model_name, ifbench.entries[0].score) == (
        "Grok 4.3 (medium)",
        0.833333333333333,
    )


def test_collector_2026_06_30() -> None:
    snapshots = parse_collector_json(fixture_payload(JUNE))

    intelligence = board_named(snapshots, INTELLIGENCE)
    assert intelligence.published_at == date(2026, 6, 30)
    assert len(intelligence.entries) == 535
    top = intelligence.entries[0]
    assert (top.model_name, top.score) == (
        "Claude Fable 5 (Adaptive Reasoning, Max Effort, Opus 4.8 Fallback)",
        59.9,
    )
    # AA re-scored the same model between the two dates (39.6 -> 40.6)
    gemini = entry_named(intelligence, "Gemini 3 Pro Preview (high)")
    assert (gemini.score, gemini.rank, gemini.extra["aa_id"]) == (39.6, 37, GEMINI_3_PRO_ID)
    assert len(board_named(snapshots, CODING).entries) == 113


def test_summary_file_is_recognised_and_holds_no_snapshot() -> None:
    raw = fixture_payload(SUMMARY)

    assert COLLECTOR_FORMAT.sniff(raw.origin, raw.content[:65536])
    assert parse_collector_json(raw) == []


# --- the raw API answer ---------------------------------------------------------------------------


def test_api_answer_gives_the_collector_s_scores_without_ranks() -> None:
    raw = fixture_payload(API_ANSWER)
    snapshots = parse_api_json(raw)

    intelligence = board_named(snapshots, INTELLIGENCE)
    assert intelligence.published_at == date(2026, 8, 12)
    assert len(intelligence.entries) == 42
    top = intelligence.entries[0]
    assert (top.model_name, top.score, top.rank) == (
        "Claude Opus 5 (Adaptive Reasoning, Max Effort)",
        63.1,
        None,
    )
    gemini = entry_named(intelligence, "Gemini 3 Pro Preview (high)")
    assert (gemini.score, gemini.extra["aa_id"], gemini.extra["slug"]) == (
        40.6,
        GEMINI_3_PRO_ID,
        "gemini-3-pro",
    )
    assert entry_named(board_named(snapshots, MATH), "Gemini 3 Pro Preview (high)").score == 95.7
    assert "Gemini 3 Pro Preview (high)" not in _names(board_named(snapshots, CODING))
    # an evaluation no model of the answer has (math_500, aime) makes no board
    assert len(snapshots) == 15
    assert not {"math_500", "aime"} & {s.board.category for s in snapshots}
    # the fixture was built from the collector's rows: every score matches, in the same order
    collector = {s.board.board_id: s for s in parse_collector_json(fixture_payload(AUGUST))}
    for snapshot in snapshots:
        ids = {e.extra["aa_id"] for e in snapshot.entries}
        expected = [
            (e.model_name, e.score)
            for e in collector[snapshot.board.board_id].entries
            if e.extra["aa_id"] in ids
        ]
        assert [(e.model_name, e.score) for e in snapshot.entries] == expected


def test_api_answer_is_dated_by_the_fetch_when_no_hint() -> None:
    raw = msgspec.structs.replace(
        fixture_payload(API_ANSWER),
        published_hint=None,
        retrieved_at=datetime(2026, 8, 12, 23, 30, tzinfo=UTC) + timedelta(hours=1),
    )

    assert parse_api_json(raw)[0].published_at == date(2026, 8, 13)


def test_sniffers_tell_the_two_formats_apart() -> None:
    api = fixture_payload(API_ANSWER)
    collector = fixture_payload(AUGUST)
    catalog = fixture_payload(
        "lmarena_arena_catalog_json/leaderboard-image/leaderboard-image@2025-03-14_d3f38f099.json"
    )

    assert API_FORMAT.sniff(api.origin, api.content[:65536])
    assert not COLLECTOR_FORMAT.sniff(api.origin, api.content[:65536])
    assert COLLECTOR_FORMAT.sniff(collector.origin, collector.content[:65536])
    assert not API_FORMAT.sniff(collector.origin, collector.content[:65536])
    for sniff in (API_FORMAT.sniff, COLLECTOR_FORMAT.sniff):
        assert not sniff(catalog.origin, catalog.content[:65536])


# --- bad input --------------------------------------------------------------------------------------


def test_non_numeric_evaluation_names_the_json_path() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["models"][3]["evaluations"]["artificial_analysis_intelligence_index"] = "46.8"

    with pytest.raises(ParseError) as caught:
        parse_collector_json(_edited(AUGUST, edit))

    assert caught.value.location == "$.models[3].evaluations.artificial_analysis_intelligence_index"
    assert caught.value.problem == "expected a number or null, got '46.8'"
    assert caught.value.origin.endswith("2026-08-12/llms.json")


def test_model_missing_its_name_or_id() -> None:
    def drop_name(document: dict[str, Any]) -> None:
        del document["models"][3]["name"]

    def drop_id(document: dict[str, Any]) -> None:
        del document["data"][5]["id"]

    with pytest.raises(ParseError) as caught:
        parse_collector_json(_edited(JUNE, drop_name))
    assert caught.value.location == "$.models[3].name"
    assert "missing required field" in caught.value.problem
    with pytest.raises(ParseError, match=r"llms_models\.json: \$\.data\[5\]\.id: .*missing required field"):
        parse_api_json(_edited(API_ANSWER, drop_id))


def test_evaluation_rescaled_to_percent_is_rejected() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["data"][0]["evaluations"]["gpqa"] = 87.2

    with pytest.raises(ParseError, match=r"\$\.data\[0\]\.evaluations\.gpqa: 87\.2 is outside 0-1"):
        parse_api_json(_edited(API_ANSWER, edit))


def test_bad_rank_and_duplicate_id() -> None:
    def bad_rank(document: dict[str, Any]) -> None:
        document["models"][2]["ranks"]["intelligence_index"] = "3"

    def duplicate(document: dict[str, Any]) -> None:
        document["data"][7]["id"] = document["data"][1]["id"]

    with pytest.raises(ParseError, match=r"\$\.models\[2\]\.ranks\.intelligence_index: expected a rank"):
        parse_collector_json(_edited(JUNE, bad_rank))
    with pytest.raises(
        ParseError, match=r"\$\.data\[7\]\.id: model id .* appears twice \(also at \$\.data\[1\]\)"
    ):
        parse_api_json(_edited(API_ANSWER, duplicate))


def test_missing_snapshot_date() -> None:
    def edit(document: dict[str, Any]) -> None:
        del document["meta"]["snapshot_date"]

    with pytest.raises(ParseError, match=r"\$\.meta\.snapshot_date: .*missing required field"):
        parse_collector_json(_edited(JUNE, edit))


def test_truncated_html_and_empty_payloads() -> None:
    raw = fixture_payload(API_ANSWER)
    page = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>"

    with pytest.raises(
        ParseError, match=r"llms_models\.json: end of file \(byte \d+\): not valid JSON: .*truncated"
    ):
        parse_api_json(msgspec.structs.replace(raw, content=raw.content[: len(raw.content) // 2]))
    with pytest.raises(ParseError, match=r"line 1: this is an HTML page"):
        parse_collector_json(msgspec.structs.replace(fixture_payload(JUNE), content=page))
    with pytest.raises(ParseError, match=r"line 1: the file is empty"):
        parse_api_json(msgspec.structs.replace(raw, content=b"  \n"))


def test_error_answer_and_empty_model_list() -> None:
    raw = fixture_payload(API_ANSWER)

    with pytest.raises(ParseError, match=r"\$\.status: the answer reports status 429"):
        parse_api_json(msgspec.structs.replace(raw, content=b'{"status": 429, "data": []}'))
    with pytest.raises(ParseError, match=r"\$\.data: no models"):
        parse_api_json(msgspec.structs.replace(raw, content=b'{"status": 200, "data": []}'))


# --- live fetch -------------------------------------------------------------------------------------


def _answer_bytes() -> bytes:
    return fixture_payload(API_ANSWER).content


def _no_network(request: httpx.Request) -> httpx.Response:
    pytest.fail(f"the API must not be called, got {request.method} {request.url}")


def test_fetch_sends_the_key_and_stores_the_answer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def aa(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=_answer_bytes())

    monkeypatch.setenv("RANKLEDGER_AA_API_KEY", "key-123")
    monkeypatch.setenv("RANKLEDGER_DATA_DIR", str(tmp_path))
    with httpx.Client(transport=httpx.MockTransport(aa)) as client:
        (payload,) = fetch(client)

    (request,) = seen
    assert str(request.url) == API_URL == "https://artificialanalysis.ai/api/v2/data/llms/models"
    assert request.headers["x-api-key"] == "key-123"
    assert payload.content == _answer_bytes()
    assert payload.origin == API_URL
    assert payload.published_hint == payload.retrieved_at.date() == datetime.now(UTC).date()
    assert (
        payload.hints["attribution"] == ATTRIBUTION == "Artificial Analysis, https://artificialanalysis.ai/"
    )
    assert payload.hints["cache"] == "downloaded"
    assert (tmp_path / "cache" / "artificial_analysis" / "llms_models.json").read_bytes() == _answer_bytes()
    assert (
        entry_named(board_named(parse_api_json(payload), INTELLIGENCE), "Gemini 3 Pro Preview (high)").score
        == 40.6
    )


def test_fetch_takes_the_key_and_cache_folder_from_the_settings_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[httpx.Request] = []

    def aa(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=_answer_bytes())

    monkeypatch.delenv("RANKLEDGER_AA_API_KEY", raising=False)
    monkeypatch.setenv("RANKLEDGER_DATA_DIR", str(tmp_path / "from-the-environment"))
    settings = FetchSettings(data_dir=tmp_path / "given", credentials={"RANKLEDGER_AA_API_KEY": "key-456"})
    with httpx.Client(transport=httpx.MockTransport(aa)) as client:
        (payload,) = fetch(client, settings=settings)

    assert [request.headers["x-api-key"] for request in seen] == ["key-456"]
    assert payload.hints["cache"] == "downloaded"
    cached = tmp_path / "given" / "cache" / "artificial_analysis" / "llms_models.json"
    assert cached.read_bytes() == _answer_bytes()
    assert not (tmp_path / "from-the-environment").exists()


def test_fetch_without_a_key_says_which_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RANKLEDGER_AA_API_KEY", raising=False)

    with (
        httpx.Client(transport=httpx.MockTransport(_no_network)) as client,
        pytest.raises(FetchError, match="RANKLEDGER_AA_API_KEY is not set"),
    ):
        fetch(client)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(401, json={"error": "Invalid API key"}), r"HTTP 401: the API key was refused"),
        (
            httpx.Response(429, headers={"Retry-After": "3600"}),
            r"HTTP 429: rate limit exceeded \(free tier: 1,000 requests a day\); retry after 3600 s",
        ),
        (httpx.Response(500), r"HTTP 500; try again later"),
    ],
)
def test_fetch_turns_http_errors_into_fetch_errors(
    response: httpx.Response, message: str, tmp_path: Path
) -> None:
    with (
        httpx.Client(transport=httpx.MockTransport(lambda request: response)) as client,
        pytest.raises(FetchError, match=message),
    ):
        fetch_models(client, "key-123", tmp_path)
    # nothing is cached from a failed call
    assert not list(tmp_path.iterdir())


def test_fetch_network_failure(tmp_path: Path) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("name resolution failed", request=request)

    with (
        httpx.Client(transport=httpx.MockTransport(down)) as client,
        pytest.raises(FetchError, match="failed: name resolution failed"),
    ):
        fetch_models(client, "key-123", None)


def test_fetch_within_the_minimum_interval_does_not_call_aa(tmp_path: Path) -> None:
    with httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, content=_answer_bytes()))
    ) as c:
        first = fetch_models(c, "key-123", tmp_path)
    with httpx.Client(transport=httpx.MockTransport(_no_network)) as client:
        second = fetch_models(client, "key-123", tmp_path)

    assert second.content == first.content
    assert second.retrieved_at == first.retrieved_at
    assert second.hints["cache"] == "fresh"


def test_fetch_with_etag_gets_304_and_returns_the_cached_bytes(tmp_path: Path) -> None:
    requests: list[httpx.Request] = []

    def aa(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, content=_answer_bytes(), headers={"ETag": '"v1"'})

    with httpx.Client(transport=httpx.MockTransport(aa)) as client:
        first = fetch_models(client, "key-123", tmp_path)
        second = fetch_models(client, "key-123", tmp_path, min_interval=timedelta(0))

    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"] == '"v1"'
    assert second.content == first.content == _answer_bytes()
    assert second.retrieved_at == first.retrieved_at
    assert (second.hints["cache"], second.hints["etag"]) == ("not_modified", '"v1"')


def test_fetch_sends_if_modified_since_and_replaces_a_changed_answer(tmp_path: Path) -> None:
    stamp = "Wed, 12 Aug 2026 03:00:00 GMT"
    newer = _answer_bytes().replace(b'"status":200', b'"status": 200')
    requests: list[httpx.Request] = []

    def aa(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        body = newer if "if-modified-since" in request.headers else _answer_bytes()
        return httpx.Response(200, content=body, headers={"Last-Modified": stamp})

    with httpx.Client(transport=httpx.MockTransport(aa)) as client:
        fetch_models(client, "key-123", tmp_path)
        second = fetch_models(client, "key-123", tmp_path, min_interval=timedelta(0))

    assert requests[1].headers["if-modified-since"] == stamp
    assert (second.content, second.hints["cache"]) == (newer, "downloaded")
    assert (tmp_path / "llms_models.json").read_bytes() == newer


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    with httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, content=_answer_bytes()))
    ) as c:
        fetch_models(c, "key-123", tmp_path)
        (tmp_path / "llms_models.json").write_bytes(b'{"status": 200, "da')
        again = fetch_models(c, "key-123", tmp_path)

    assert (again.content, again.hints["cache"]) == (_answer_bytes(), "downloaded")


def test_an_unchanged_answer_is_already_imported(tmp_path: Path) -> None:
    requests: list[httpx.Request] = []

    def aa(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if "if-none-match" in request.headers:
            return httpx.Response(304)
        return httpx.Response(200, content=_answer_bytes(), headers={"ETag": 'W/"abc"'})

    data_dir = tmp_path / "data"
    cache_dir = data_dir / "cache" / "artificial_analysis"
    summaries = []
    with httpx.Client(transport=httpx.MockTransport(aa)) as client:
        for _ in range(2):
            payload = fetch_models(client, "key-123", cache_dir, min_interval=timedelta(0))
            summaries.append(ingest_payloads(data_dir, [(payload, API_FORMAT, True)], command="test"))

    assert len(requests) == 2
    # 15 boards: none of the 42 models has a math_500 or aime (2024) value
    assert summaries[0].snapshots_added == 15
    (outcome,) = summaries[1].outcomes
    assert (outcome.status, outcome.message[:16]) == ("skipped", "already imported")
