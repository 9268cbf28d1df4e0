"""LMArena's leaderboard dataset in its three shapes: Parquet, datasets-server pages, collector JSON.

Fixtures: real collector files (``lmarena_hf_dataset_json``) and Parquet files / ``/rows`` pages
built from those same real rows (``lmarena_hf_dataset_parquet``, ``lmarena_hf_dataset_rows``; see
their PROVENANCE.md). The only synthetic data is the Agent Arena frame, marked as such below:
the shared data holds no real ``agent`` rows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import msgspec
import polars as pl
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload, Snapshot
from ingest.sources.lmarena.dataset import (
    COLLECTOR_JSON_FORMAT,
    FORMATS,
    KNOWN_CONFIGS,
    PARQUET_FORMAT,
    ROWS_FORMAT,
    fetch_config_rows,
    fetch_full_parquet,
    fetch_latest_parquet,
)
from tests.conftest import FIXTURES, fixture_payload

SEARCH_JSON = "lmarena_hf_dataset_json/2026-08-12/search.json"
VIDEO_EDIT_JSON = "lmarena_hf_dataset_json/2026-08-12/video_edit.json"
WEBDEV_JSON = "lmarena_hf_dataset_json/2026-08-13/webdev.json"
SUMMARY_JSON = "lmarena_hf_dataset_json/2026-08-12/_summary.json"
SEARCH_PARQUET = "lmarena_hf_dataset_parquet/search/latest-00000-of-00001.parquet"
VIDEO_EDIT_PARQUET = "lmarena_hf_dataset_parquet/video_edit/latest-00000-of-00001.parquet"
WEBDEV_PARQUET = "lmarena_hf_dataset_parquet/webdev/latest-00000-of-00001.parquet"
WEBDEV_FULL_PARQUET = "lmarena_hf_dataset_parquet/webdev/full-00000-of-00001.parquet"
TEXT_PARQUET = "lmarena_hf_dataset_parquet/text/latest-00000-of-00001.parquet"
TEXT_STYLE_PARQUET = "lmarena_hf_dataset_parquet/text_style_control/latest-00000-of-00001.parquet"
SEARCH_PAGE = "lmarena_hf_dataset_rows/search/latest-offset-000.json"
TEXT_PAGES = (
    "lmarena_hf_dataset_rows/text/latest-offset-000.json",
    "lmarena_hf_dataset_rows/text/latest-offset-100.json",
)
_NOW = datetime(2026, 8, 13, 3, 0, tzinfo=UTC)


def board(snapshots: list[Snapshot], board_id: str, day: date | None = None) -> Snapshot:
    return next(
        s for s in snapshots if s.board.board_id == board_id and (day is None or s.published_at == day)
    )


def corrupted(relative: str, content: bytes) -> RawPayload:
    """The real fixture's payload (origin, hints) with other bytes."""
    return msgspec.structs.replace(fixture_payload(relative), content=content)


# --- recognising the files ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (SEARCH_JSON, "lmarena-dataset-json"),
        (WEBDEV_JSON, "lmarena-dataset-json"),
        (SUMMARY_JSON, "lmarena-dataset-json"),
        (WEBDEV_PARQUET, "lmarena-dataset-parquet"),
        (WEBDEV_FULL_PARQUET, "lmarena-dataset-parquet"),
        (SEARCH_PAGE, "lmarena-dataset-rows"),
        (TEXT_PAGES[1], "lmarena-dataset-rows"),
    ],
)
def test_each_file_is_claimed_by_exactly_its_format(relative: str, expected: str) -> None:
    raw = fixture_payload(relative)
    claimed = [f.name for f in FORMATS if f.sniff(raw.origin, raw.content[:65536])]
    assert claimed == [expected]


def test_parquet_is_claimed_only_under_the_dataset_file_name() -> None:
    raw = fixture_payload(WEBDEV_PARQUET)
    assert not PARQUET_FORMAT.sniff("/downloads/webdev.parquet", raw.content[:65536])
    assert not PARQUET_FORMAT.sniff(raw.origin, b"<!DOCTYPE html><html>")


def test_formats_are_ordered_by_precedence() -> None:
    assert [(f.name, f.precedence) for f in FORMATS] == [
        ("lmarena-dataset-parquet", 10),
        ("lmarena-dataset-rows", 11),
        ("lmarena-dataset-json", 12),
    ]


# --- the collector's JSON copy ----------------------------------------------------------------


def test_search_2026_08_12_holds_the_search_board_published_2026_07_21() -> None:
    (snapshot,) = COLLECTOR_JSON_FORMAT.parse(fixture_payload(SEARCH_JSON))
    assert snapshot.board.board_id == "lmarena.search.overall.raw"
    assert (snapshot.board.metric, snapshot.board.unit) == ("rating", "elo")
    assert snapshot.published_at == date(2026, 7, 21)
    assert len(snapshot.entries) == 32
    top = snapshot.entries[0]
    assert (top.model_name, top.rank, top.votes) == ("claude-opus-4-6-search", 1, 112201)
    assert (top.score, top.ci_lower, top.ci_upper) == (
        1252.8233085685313,
        1247.9586406572967,
        1257.687976479766,
    )
    assert (top.organization, top.license) == ("anthropic", "Proprietary")
    assert top.extra == {"variance": 6.160418474125395}
    assert snapshot.entries[-1].model_name == "api-gpt-4o-search"
    assert not snapshot.truncated


def test_webdev_2026_08_13_gives_one_snapshot_per_category() -> None:
    snapshots = COLLECTOR_JSON_FORMAT.parse(fixture_payload(WEBDEV_JSON))
    assert [(s.board.category, len(s.entries)) for s in snapshots] == [
        ("image_to_webdev", 42),
        ("overall", 113),
        ("webdev", 113),
        ("webdev-html", 112),
        ("webdev-react", 97),
    ]
    assert {s.published_at for s in snapshots} == {date(2026, 8, 12)}
    top = board(snapshots, "lmarena.webdev.overall.raw").entries[0]
    assert (top.model_name, top.rank, top.score, top.votes) == (
        "claude-opus-5-max",
        1,
        1691.3348030608033,
        6172,
    )
    assert (top.ci_lower, top.ci_upper) == (1681.7218890798574, 1700.9477170417492)


def test_webdev_keeps_both_rows_of_a_name_listed_twice_and_empty_organizations() -> None:
    overall = board(COLLECTOR_JSON_FORMAT.parse(fixture_payload(WEBDEV_JSON)), "lmarena.webdev.overall.raw")
    codex = [
        (e.rank, e.score, e.votes) for e in overall.entries if e.model_name == "gpt-5.3-codex (codex-harness)"
    ]
    assert codex == [(57, 1408.6467663211135, 2524), (74, 1369.2631773758721, 3505)]
    kat = next(e for e in overall.entries if e.model_name == "KAT-Coder-Pro-V1")
    assert (kat.rank, kat.organization) == (98, "")


def test_video_edit_is_the_smallest_board() -> None:
    (snapshot,) = COLLECTOR_JSON_FORMAT.parse(fixture_payload(VIDEO_EDIT_JSON))
    assert snapshot.board.board_id == "lmarena.video-edit.overall.raw"
    assert snapshot.published_at == date(2026, 6, 30)
    assert [e.rank for e in snapshot.entries] == [1, 2, 3, 4, 5, 6, 7]
    top = snapshot.entries[0]
    assert (top.model_name, top.score, top.votes) == ("dreamina-seedance-2.0-720p", 1377.1275786594224, 3010)


def test_the_run_summary_is_recognised_and_gives_no_snapshot() -> None:
    assert COLLECTOR_JSON_FORMAT.parse(fixture_payload(SUMMARY_JSON)) == []


# --- the dataset's Parquet files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("parquet", "collector"),
    [(SEARCH_PARQUET, SEARCH_JSON), (VIDEO_EDIT_PARQUET, VIDEO_EDIT_JSON), (WEBDEV_PARQUET, WEBDEV_JSON)],
)
def test_parquet_and_collector_json_of_the_same_rows_give_identical_snapshots(
    parquet: str, collector: str
) -> None:
    from_parquet = PARQUET_FORMAT.parse(fixture_payload(parquet))
    assert from_parquet == COLLECTOR_JSON_FORMAT.parse(fixture_payload(collector))
    assert from_parquet


def test_text_float_ranks_and_votes_become_integers_and_style_control_is_its_own_board() -> None:
    raw = board(PARQUET_FORMAT.parse(fixture_payload(TEXT_PARQUET)), "lmarena.text.chinese.raw")
    styled = board(
        PARQUET_FORMAT.parse(fixture_payload(TEXT_STYLE_PARQUET)), "lmarena.text.chinese.style_control"
    )
    raw_top, styled_top = raw.entries[0], styled.entries[0]
    assert (raw_top.model_name, raw_top.rank, raw_top.score, raw_top.votes) == (
        "mimo-v2.5-pro",
        37,
        1503.505630943259,
        2724,
    )
    assert (styled_top.model_name, styled_top.rank, styled_top.score, styled_top.votes) == (
        "mimo-v2.5-pro",
        34,
        1511.9083802077848,
        2724,
    )
    assert type(raw_top.rank) is int
    assert type(raw_top.votes) is int
    assert raw.published_at == styled.published_at == date(2026, 8, 11)


def test_a_full_split_gives_one_snapshot_per_publish_date_and_category() -> None:
    snapshots = PARQUET_FORMAT.parse(fixture_payload(WEBDEV_FULL_PARQUET))
    assert [(str(s.published_at), s.board.category) for s in snapshots] == [
        ("2026-08-11", "overall"),
        ("2026-08-11", "webdev"),
        ("2026-08-11", "webdev-html"),
        ("2026-08-11", "webdev-react"),
        ("2026-08-12", "image_to_webdev"),
        ("2026-08-12", "overall"),
        ("2026-08-12", "webdev"),
        ("2026-08-12", "webdev-html"),
        ("2026-08-12", "webdev-react"),
    ]
    before = board(snapshots, "lmarena.webdev.overall.raw", date(2026, 8, 11)).entries[0]
    assert (before.model_name, before.rank, before.score, before.votes) == (
        "mimo-v2.5-pro",
        35,
        1474.3369647429317,
        13043,
    )
    assert snapshots[4:] == PARQUET_FORMAT.parse(fixture_payload(WEBDEV_PARQUET))


def test_the_config_comes_from_the_url_path_or_the_hints() -> None:
    content = fixture_payload(SEARCH_PARQUET).content
    url = "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset/resolve/main/search/latest-00000-of-00001.parquet"
    by_url = PARQUET_FORMAT.parse(RawPayload(origin=url, content=content, retrieved_at=_NOW))
    by_hint = PARQUET_FORMAT.parse(
        RawPayload(
            origin="/downloads/x.parquet", content=content, retrieved_at=_NOW, hints={"config": "search"}
        )
    )
    assert by_url == by_hint == PARQUET_FORMAT.parse(fixture_payload(SEARCH_PARQUET))
    with pytest.raises(ParseError, match=r"/downloads/x\.parquet: origin: cannot tell which dataset config"):
        PARQUET_FORMAT.parse(RawPayload(origin="/downloads/x.parquet", content=content, retrieved_at=_NOW))


def _synthetic_agent_parquet() -> bytes:
    # SYNTHETIC: a hand-made frame with the Agent Arena columns (no real agent rows are archived).
    frame = pl.DataFrame(
        {
            "model_name": ["synthetic-agent-a", "synthetic-agent-b"],
            "organization": ["example", "example"],
            "license": ["Proprietary", "MIT"],
            "score": [0.12, -0.01],
            "score_ci_lower": [0.10, None],
            "score_ci_upper": [0.14, None],
            "observation_count": [1000.0, 500.0],
            "session_count": [40.0, None],
            "rank": [1, 2],
            "category": ["overall", "overall"],
            "leaderboard_publish_date": ["2026-08-12", "2026-08-12"],
        }
    )
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def test_agent_configs_map_score_and_observations_synthetic_frame() -> None:
    origin = "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset/resolve/main/agent/latest-00000-of-00001.parquet"
    (snapshot,) = PARQUET_FORMAT.parse(
        RawPayload(origin=origin, content=_synthetic_agent_parquet(), retrieved_at=_NOW)
    )
    assert snapshot.board.board_id == "lmarena.agent.overall.raw"
    assert (snapshot.board.metric, snapshot.board.unit) == ("score", "index")
    first, second = snapshot.entries
    assert (first.score, first.ci_lower, first.ci_upper, first.votes) == (0.12, 0.10, 0.14, 1000)
    assert first.extra == {"session_count": 40}
    assert (second.score, second.ci_lower, second.ci_upper, second.extra) == (-0.01, None, None, {})


def test_an_agent_file_without_score_names_the_missing_column_synthetic_frame() -> None:
    content = pl.read_parquet(io.BytesIO(_synthetic_agent_parquet())).drop("score")
    buffer = io.BytesIO()
    content.write_parquet(buffer)
    raw = RawPayload(
        origin="agent/latest-00000-of-00001.parquet", content=buffer.getvalue(), retrieved_at=_NOW
    )
    with pytest.raises(ParseError, match=r"column score: missing column\(s\) score for config 'agent'"):
        PARQUET_FORMAT.parse(raw)


# --- datasets-server /rows pages --------------------------------------------------------------


def test_a_single_page_holding_the_whole_config_matches_the_collector_copy() -> None:
    assert ROWS_FORMAT.parse(fixture_payload(SEARCH_PAGE)) == COLLECTOR_JSON_FORMAT.parse(
        fixture_payload(SEARCH_JSON)
    )


def test_one_page_of_a_longer_config_is_marked_truncated() -> None:
    snapshots = ROWS_FORMAT.parse(fixture_payload(TEXT_PAGES[0]))
    assert snapshots
    assert all(s.truncated for s in snapshots)
    assert board(snapshots, "lmarena.text.chinese.raw").entries[0].score == 1503.505630943259


def test_the_pages_of_a_config_joined_give_the_whole_split() -> None:
    first, second = (fixture_payload(page) for page in TEXT_PAGES)
    joined = msgspec.structs.replace(first, content=b"[" + first.content + b"," + second.content + b"]")
    snapshots = ROWS_FORMAT.parse(joined)
    assert snapshots == PARQUET_FORMAT.parse(fixture_payload(TEXT_PARQUET))
    assert len(snapshots) == 29
    assert not any(s.truncated for s in snapshots)


def test_overlapping_pages_are_rejected() -> None:
    first = fixture_payload(TEXT_PAGES[0])
    doubled = msgspec.structs.replace(first, content=b"[" + first.content + b"," + first.content + b"]")
    with pytest.raises(ParseError, match=r"\$\[1\]\.rows\[0\]\.row_idx: row 0 appears twice"):
        ROWS_FORMAT.parse(doubled)


# --- live fetch, replayed through MockTransport -----------------------------------------------


def _page_handler(requests: list[httpx.Request]) -> httpx.MockTransport:
    pages = {int(p.rsplit("-", 1)[1].removesuffix(".json")): (FIXTURES / p).read_bytes() for p in TEXT_PAGES}

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        assert request.url.host == "datasets-server.huggingface.co"
        assert request.url.params["config"] == "text"
        assert request.url.params["length"] == "100"
        return httpx.Response(200, content=pages[int(request.url.params["offset"])])

    return httpx.MockTransport(handle)


def test_fetching_rows_pages_through_the_config_and_keeps_the_pages_bytes() -> None:
    requests: list[httpx.Request] = []
    with httpx.Client(transport=_page_handler(requests)) as client:
        payload = fetch_config_rows(client, "text")
    assert [r.url.params["offset"] for r in requests] == ["0", "100"]
    first, second = ((FIXTURES / p).read_bytes() for p in TEXT_PAGES)
    assert payload.content == b"[" + first + b"," + second + b"]"
    assert payload.origin.startswith("https://datasets-server.huggingface.co/rows?")
    assert "config=text" in payload.origin
    assert "offset=0" in payload.origin
    assert ROWS_FORMAT.sniff(payload.origin, payload.content[:65536])
    assert ROWS_FORMAT.parse(payload) == PARQUET_FORMAT.parse(fixture_payload(TEXT_PARQUET))


def test_a_rows_http_error_names_the_url_and_status() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(500, text="Internal Server Error"))
    with httpx.Client(transport=transport) as client, pytest.raises(FetchError) as error:
        fetch_config_rows(client, "text")
    assert "datasets-server.huggingface.co/rows" in str(error.value)
    assert "HTTP 500" in str(error.value)


def _hub_handler(requests: list[httpx.Request], missing: str = "") -> httpx.MockTransport:
    files = {
        "search": (FIXTURES / SEARCH_PARQUET).read_bytes(),
        "webdev": (FIXTURES / WEBDEV_PARQUET).read_bytes(),
        "webdev-full": (FIXTURES / WEBDEV_FULL_PARQUET).read_bytes(),
    }

    def handle(request: httpx.Request) -> httpx.Response:
        # Like the Hub: the resolve URL answers 302 to a CDN, which serves the bytes.
        requests.append(request)
        if request.url.host == "cdn.example":
            return httpx.Response(200, content=files[request.url.path.strip("/")])
        config, file_name = request.url.path.split("/")[-2:]
        if config == missing:
            return httpx.Response(404, text="Entry not found")
        key = f"{config}-full" if file_name.startswith("full-") else config
        return httpx.Response(
            302, headers={"Location": f"https://cdn.example/{key if key in files else 'search'}"}
        )

    return httpx.MockTransport(handle)


def test_fetching_parquet_follows_the_hub_redirect_and_names_the_config() -> None:
    requests: list[httpx.Request] = []
    with httpx.Client(transport=_hub_handler(requests)) as client:
        search, webdev = fetch_latest_parquet(client, ("search", "webdev"))
        full = fetch_full_parquet(client, "webdev")
    assert webdev.origin == (
        "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset/resolve/main/webdev/latest-00000-of-00001.parquet"
    )
    assert webdev.hints == {"config": "webdev", "split": "latest"}
    assert PARQUET_FORMAT.parse(webdev) == PARQUET_FORMAT.parse(fixture_payload(WEBDEV_PARQUET))
    assert PARQUET_FORMAT.parse(search) == PARQUET_FORMAT.parse(fixture_payload(SEARCH_PARQUET))
    assert full.origin.endswith("/webdev/full-00000-of-00001.parquet")
    assert len(PARQUET_FORMAT.parse(full)) == 9


def test_the_format_fetch_asks_for_the_latest_file_of_every_known_config() -> None:
    requests: list[httpx.Request] = []
    assert PARQUET_FORMAT.fetch is not None
    with httpx.Client(transport=_hub_handler(requests)) as client:
        payloads = PARQUET_FORMAT.fetch(client)
    assert [p.hints["config"] for p in payloads] == list(KNOWN_CONFIGS)
    hub_paths = [r.url.path for r in requests if r.url.host == "huggingface.co"]
    assert hub_paths == [
        f"/datasets/lmarena-ai/leaderboard-dataset/resolve/main/{c}/latest-00000-of-00001.parquet"
        for c in KNOWN_CONFIGS
    ]


def test_a_missing_parquet_file_names_the_url_and_status() -> None:
    with (
        httpx.Client(transport=_hub_handler([], missing="agent")) as client,
        pytest.raises(FetchError) as error,
    ):
        fetch_latest_parquet(client)
    assert str(error.value) == (
        "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset/resolve/main/agent/"
        "latest-00000-of-00001.parquet: HTTP 404 Not Found"
    )


# --- bad input ------------------------------------------------------------------------------------


def _edited_rows(relative: str, index: int, change: dict[str, object], drop: str = "") -> bytes:
    document = json.loads((FIXTURES / relative).read_bytes())
    document["rows"][index].update(change)
    document["rows"][index].pop(drop, None)
    return json.dumps(document, indent=2).encode()


def test_a_truncated_collector_file_is_reported() -> None:
    content = (FIXTURES / WEBDEV_JSON).read_bytes()
    with pytest.raises(
        ParseError, match=r"webdev\.json: end of file \(byte \d+\): not valid JSON: .*truncated download\?"
    ):
        COLLECTOR_JSON_FORMAT.parse(corrupted(WEBDEV_JSON, content[: len(content) // 2]))


def test_a_row_without_rating_names_its_json_path() -> None:
    raw = corrupted(SEARCH_JSON, _edited_rows(SEARCH_JSON, 3, {}, drop="rating"))
    with pytest.raises(ParseError, match=r"search\.json: \$\.rows\[3\]\.rating: missing field `rating`"):
        COLLECTOR_JSON_FORMAT.parse(raw)


def test_a_non_numeric_vote_count_names_its_json_path() -> None:
    raw = corrupted(SEARCH_JSON, _edited_rows(SEARCH_JSON, 5, {"vote_count": "67,573"}))
    with pytest.raises(ParseError, match=r"\$\.rows\[5\]\.vote_count: expected a number, got '67,573'"):
        COLLECTOR_JSON_FORMAT.parse(raw)


def test_an_inverted_interval_is_rejected() -> None:
    raw = corrupted(SEARCH_JSON, _edited_rows(SEARCH_JSON, 0, {"rating_lower": 1300.0}))
    with pytest.raises(ParseError, match=r"\$\.rows\[0\]\.rating_lower: lower bound 1300\.0 is above"):
        COLLECTOR_JSON_FORMAT.parse(raw)


def test_a_row_count_short_of_meta_n_rows_is_reported() -> None:
    document = json.loads((FIXTURES / SEARCH_JSON).read_bytes())
    del document["rows"][-1]
    with pytest.raises(ParseError, match=r"\$\.rows: meta\.n_rows says 32 rows but the file holds 31"):
        COLLECTOR_JSON_FORMAT.parse(corrupted(SEARCH_JSON, json.dumps(document).encode()))


def test_a_meta_without_subset_names_the_field() -> None:
    document = json.loads((FIXTURES / SEARCH_JSON).read_bytes())
    del document["meta"]["subset"]
    with pytest.raises(ParseError, match=r"\$\.meta\.subset: Object missing required field `subset`"):
        COLLECTOR_JSON_FORMAT.parse(corrupted(SEARCH_JSON, json.dumps(document).encode()))


def test_a_parquet_file_missing_a_column_names_it() -> None:
    frame = pl.read_parquet(FIXTURES / WEBDEV_PARQUET).drop("rating_upper")
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    with pytest.raises(
        ParseError, match=r"latest-00000-of-00001\.parquet: column rating_upper: missing column"
    ):
        PARQUET_FORMAT.parse(corrupted(WEBDEV_PARQUET, buffer.getvalue()))


def test_a_fractional_rank_in_parquet_names_row_and_column() -> None:
    frame = pl.read_parquet(FIXTURES / TEXT_PARQUET)
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 7).then(12.5).otherwise(pl.col("rank")).alias("rank")
    )
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    with pytest.raises(ParseError, match=r"row 7, column rank: expected a whole number >= 1, got 12\.5"):
        PARQUET_FORMAT.parse(corrupted(TEXT_PARQUET, buffer.getvalue()))


def test_a_truncated_parquet_download_is_reported() -> None:
    content = (FIXTURES / WEBDEV_PARQUET).read_bytes()
    with pytest.raises(ParseError, match=r"webdev/latest-00000-of-00001\.parquet: file: unreadable Parquet"):
        PARQUET_FORMAT.parse(corrupted(WEBDEV_PARQUET, content[: len(content) // 2]))


def test_a_truncated_rows_page_is_reported() -> None:
    content = (FIXTURES / SEARCH_PAGE).read_bytes()
    with pytest.raises(
        ParseError,
        match=r"latest-offset-000\.json: end of file \(byte \d+\): not valid JSON: .*truncated download\?",
    ):
        ROWS_FORMAT.parse(corrupted(SEARCH_PAGE, content[:-200]))


_HTML = b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head></html>\n"


@pytest.mark.parametrize(
    ("relative", "parse"),
    [
        (SEARCH_JSON, COLLECTOR_JSON_FORMAT.parse),
        (SEARCH_PARQUET, PARQUET_FORMAT.parse),
        (SEARCH_PAGE, ROWS_FORMAT.parse),
    ],
)
def test_an_html_error_page_is_reported_as_such(relative: str, parse: Callable[[RawPayload], object]) -> None:
    with pytest.raises(ParseError, match="HTML page") as error:
        parse(corrupted(relative, _HTML))
    assert Path(relative).name in str(error.value)


@pytest.mark.parametrize(
    ("relative", "parse"),
    [
        (SEARCH_JSON, COLLECTOR_JSON_FORMAT.parse),
        (SEARCH_PARQUET, PARQUET_FORMAT.parse),
        (SEARCH_PAGE, ROWS_FORMAT.parse),
    ],
)
def test_an_empty_file_is_reported_as_such(relative: str, parse: Callable[[RawPayload], object]) -> None:
    with pytest.raises(ParseError, match="the file is empty") as error:
        parse(corrupted(relative, b""))
    assert Path(relative).name in str(error.value)
