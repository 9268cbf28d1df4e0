"""The arena.ai daily scrape: both formats, every kind of file, the live fetch and broken input."""

from __future__ import annotations

import json
from datetime import date

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources.lmarena.arena_ai import ARCHIVE_URL, FORMATS, carried_over_boards, fetch, parse, sniff
from tests.conftest import FIXTURES, fixture_payload

FOLDER = "lmarena_arena_ai_json"
V1_DAY = "2026-06-18"
V2_DAY = "2026-08-20"


def only_snapshot(relative: str, **hints: str) -> Snapshot:
    raw = fixture_payload(f"{FOLDER}/{relative}")
    if hints:
        raw = msgspec.structs.replace(raw, hints={**raw.hints, **hints})
    [snapshot] = parse(raw)
    return snapshot


def entry(snapshot: Snapshot, model_name: str) -> Entry:
    return next(e for e in snapshot.entries if e.model_name == model_name)


def with_content(relative: str, content: bytes) -> RawPayload:
    return msgspec.structs.replace(fixture_payload(f"{FOLDER}/{relative}"), content=content)


def test_the_format_is_registered_with_its_precedence() -> None:
    [source_format] = FORMATS
    assert (source_format.name, source_format.source, source_format.precedence) == (
        "lmarena-arena-ai-json",
        "lmarena",
        40,
    )


# --- format v1 (to 2026-07-09): top-N lists of the big boards, `ci` is a ± half-width ---------------


def test_v1_text_is_the_style_controlled_board_cut_at_50_rows() -> None:
    snapshot = only_snapshot(f"{V1_DAY}/text.json")
    assert snapshot.board.board_id == "lmarena.text.overall.style_control"
    assert snapshot.published_at == date(2026, 6, 16)  # meta.last_updated "Jun 16, 2026", fetched 06-18
    assert len(snapshot.entries) == 50
    assert snapshot.truncated
    assert not snapshot.carried_over
    top = snapshot.entries[0]
    assert (top.model_name, top.rank, top.score, top.votes) == ("claude-fable-5", 1, 1508.0, 4297)
    assert (top.ci_lower, top.ci_upper) == (1499.0, 1517.0)  # ci 9 is ± 9
    assert (top.organization, top.license, top.preliminary) == ("Anthropic", "proprietary", False)
    assert top.extra == {}


def test_v1_small_boards_are_complete_and_raw() -> None:
    snapshot = only_snapshot(f"{V1_DAY}/document.json")
    assert snapshot.board.board_id == "lmarena.document.overall.raw"
    assert snapshot.published_at == date(2026, 6, 10)
    assert len(snapshot.entries) == 29
    assert not snapshot.truncated
    opus = entry(snapshot, "claude-opus-4-6")
    assert (opus.score, opus.ci_lower, opus.ci_upper, opus.votes) == (1507.0, 1501.0, 1513.0, 32122)


def test_v1_code_is_the_webdev_board() -> None:
    snapshot = only_snapshot(f"{V1_DAY}/code.json")
    assert snapshot.board.board_id == "lmarena.webdev.overall.raw"
    assert snapshot.truncated  # 20 rows, a whole page
    kimi = snapshot.entries[-1]
    assert (kimi.model_name, kimi.rank, kimi.score, kimi.license) == ("kimi-k2.7-code", 20, 1478.0, "open")


def test_a_page_without_date_falls_back_to_the_fetch_date() -> None:
    snapshot = only_snapshot(f"{V1_DAY}/search.json")  # meta.last_updated is null
    assert snapshot.board.board_id == "lmarena.search.overall.raw"
    assert snapshot.published_at == date(2026, 6, 18)


def test_a_relative_page_date_counts_back_from_the_fetch() -> None:
    # The scraper's README shows "13 days ago" as the example of meta.last_updated.
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    raw = with_content(f"{V1_DAY}/text.json", content.replace(b'"Jun 16, 2026"', b'"13 days ago"'))
    [snapshot] = parse(raw)
    assert snapshot.published_at == date(2026, 6, 5)  # fetched 2026-06-18T06:24Z


def test_v1_agent_scores_are_not_served_as_scores() -> None:
    snapshot = only_snapshot(f"{V1_DAY}/agent.json")
    assert snapshot.board.board_id == "lmarena.agent.overall.raw"
    first, last = snapshot.entries[0], snapshot.entries[-1]
    assert (first.model_name, first.rank, first.votes) == ("Claude Fable 5 (High)", 1, 16238)
    assert (first.score, first.ci_lower, first.ci_upper) == (None, None, None)
    # The column the scraper read is not ordered by rank: the last model has the highest value.
    assert first.extra == {"listed_score": 14.0, "listed_ci": 2.0}
    assert (last.model_name, last.extra["listed_score"]) == ("Grok 4.3", 15.0)


def test_every_board_of_a_v1_day_parses_to_its_board() -> None:
    boards = {
        path.stem: only_snapshot(f"{V1_DAY}/{path.name}").board.board_id
        for path in sorted((FIXTURES / FOLDER / V1_DAY).glob("[!_]*.json"))
    }
    assert boards == {
        "agent": "lmarena.agent.overall.raw",
        "code": "lmarena.webdev.overall.raw",
        "document": "lmarena.document.overall.raw",
        "image-edit": "lmarena.image-edit.overall.raw",
        "image-to-video": "lmarena.image-to-video.overall.raw",
        "search": "lmarena.search.overall.raw",
        "text": "lmarena.text.overall.style_control",
        "text-to-image": "lmarena.text-to-image.overall.raw",
        "text-to-video": "lmarena.text-to-video.overall.raw",
        "video-edit": "lmarena.video-edit.overall.raw",
        "vision": "lmarena.vision.overall.style_control",
    }


# --- format v2 (from 2026-07-30): full lists, rank spread, ci_low/ci_high half-widths ---------------


def test_v2_text_has_the_full_list_with_rank_spreads() -> None:
    snapshot = only_snapshot(f"{V2_DAY}/text.json")
    assert snapshot.board.board_id == "lmarena.text.overall.style_control"
    assert snapshot.published_at == date(2026, 8, 19)
    assert len(snapshot.entries) == 394
    assert not snapshot.truncated
    top = snapshot.entries[0]
    assert (top.model_name, top.rank, top.score, top.votes) == ("claude-fable-5", 1, 1507.0, 23626)
    assert (top.ci_lower, top.ci_upper) == (1502.0, 1512.0)  # ci_low = ci_high = 5, both deltas
    assert top.extra == {
        "rank_spread": [1, 4],
        "model_url": "https://www.anthropic.com/news/claude-fable-5-mythos-5",
        "price_prompt": 10.0,
        "price_completion": 50.0,
        "context_length": 1000000,
    }
    preliminary = [e.model_name for e in snapshot.entries if e.preliminary]
    assert preliminary == [
        "gemini-3.7-flash-high",
        "grok-4.6-high",
        "nvidia-nemotron-3.5-lightning-30b-a3b-nvfp4",
    ]


def test_v2_keeps_a_listed_model_without_figures() -> None:
    snapshot = only_snapshot(f"{V2_DAY}/text.json")
    listed = entry(snapshot, "deepseek-v4-pro-max-20260813")
    assert (listed.rank, listed.score, listed.ci_lower, listed.votes) == (None, None, None, None)
    assert listed.extra["price_prompt"] == 1.32


def test_v2_agent_board_has_no_scores_but_signals() -> None:
    snapshot = only_snapshot(f"{V2_DAY}/agent.json")
    assert snapshot.board.board_id == "lmarena.agent.overall.raw"
    assert (snapshot.board.metric, snapshot.board.unit) == ("score", "index")  # as the dataset's agent
    assert len(snapshot.entries) == 51
    assert all(e.score is None and e.ci_lower is None for e in snapshot.entries)
    top = snapshot.entries[0]
    assert (top.model_name, top.rank, top.votes) == ("Claude Opus 5 (High)", 1, 19787)
    assert top.extra["rank_spread"] == [1, 6]
    assert top.extra["signals"]["net_improvement"] == {"value": 12.47, "ci": 1.54}
    assert top.extra["signals"]["tool_hallucination"] == {"value": 1.04, "ci": 0.17}
    assert "listed_score" not in top.extra  # v2 writes null, nothing to keep


def test_image_to_webdev_is_a_category_of_the_webdev_board() -> None:
    snapshot = only_snapshot(f"{V2_DAY}/code-image-to-webdev.json")
    assert snapshot.board.board_id == "lmarena.webdev.image_to_webdev.raw"
    assert snapshot.published_at == date(2026, 8, 4)
    top = snapshot.entries[0]
    assert (top.model_name, top.score, top.ci_lower, top.ci_upper) == (
        "claude-opus-5-max",
        1670.0,
        1649.0,
        1691.0,
    )


# --- the folder's _index.json, carried-over boards, latest.json -------------------------------------


def test_the_index_names_the_boards_carried_over() -> None:
    index = (FIXTURES / FOLDER / V2_DAY / "_index.json").read_bytes()
    assert carried_over_boards(index) == frozenset({"text"})
    assert carried_over_boards((FIXTURES / FOLDER / V1_DAY / "_index.json").read_bytes()) == frozenset()
    # What the scraper wrote: the fresh scrape looked broken, so the previous full file was kept.
    note = json.loads(index)["errors"][0]["error"]
    assert note.startswith("flat 回退仅得 343 个模型")  # "the flat fallback got only 343 models"
    assert "上次快照 394 个" in note  # "... the previous snapshot had 394"


def test_a_carried_over_board_is_marked_from_the_hint() -> None:
    carried = only_snapshot(f"{V2_DAY}/text.json", carried_over="true")
    assert carried.carried_over
    assert not only_snapshot(f"{V2_DAY}/agent.json", carried_over="false").carried_over


@pytest.mark.parametrize("relative", [f"{V1_DAY}/_index.json", f"{V2_DAY}/_index.json", "latest.json"])
def test_index_and_pointer_files_are_recognised_and_give_no_snapshot(relative: str) -> None:
    raw = fixture_payload(f"{FOLDER}/{relative}")
    assert sniff(raw.origin, raw.content)
    assert parse(raw) == []


def test_sniff_recognises_board_files_only_by_their_content() -> None:
    raw = fixture_payload(f"{FOLDER}/{V2_DAY}/text.json")
    assert sniff("https://example.org/anything", raw.content[:65536])
    assert not sniff("result.csv", (FIXTURES / "lmarena_nakasyou_wide/result.csv").read_bytes()[:65536])


# --- live fetch --------------------------------------------------------------------------------------


def replay_v1_day(request: httpx.Request) -> httpx.Response:
    """The scrape repository on GitHub as it stood on 2026-06-18 (real files)."""
    relative = str(request.url).removeprefix(f"{ARCHIVE_URL}/")
    if relative == "latest.json":
        # The real pointer, aimed at the day whose whole folder is in the fixtures.
        pointer = json.loads((FIXTURES / FOLDER / "latest.json").read_bytes())
        index = json.loads((FIXTURES / FOLDER / V1_DAY / "_index.json").read_bytes())
        pointer |= {"date": V1_DAY, "path": V1_DAY, "fetched_at": index["fetched_at"]}
        return httpx.Response(200, content=json.dumps(pointer, indent=2).encode())
    path = FIXTURES / FOLDER / relative
    return httpx.Response(200, content=path.read_bytes()) if path.is_file() else httpx.Response(404)


def test_fetch_reads_the_newest_folder_board_by_board() -> None:
    with httpx.Client(transport=httpx.MockTransport(replay_v1_day)) as client:
        payloads = fetch(client)
    assert [p.origin.removeprefix(f"{ARCHIVE_URL}/{V1_DAY}/") for p in payloads] == [
        "_index.json",
        "agent.json",
        "code.json",
        "document.json",
        "image-edit.json",
        "image-to-video.json",
        "search.json",
        "text.json",
        "text-to-image.json",
        "text-to-video.json",
        "video-edit.json",
        "vision.json",
    ]
    assert all(p.hints.get("carried_over", "false") == "false" for p in payloads)
    snapshots = [snapshot for payload in payloads for snapshot in parse(payload)]
    assert len(snapshots) == 11
    text = next(s for s in snapshots if s.board.arena == "text")
    assert (text.entries[0].model_name, text.entries[0].score) == ("claude-fable-5", 1508.0)


def test_fetch_reports_an_http_error_with_its_url() -> None:
    def unavailable(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, text="Service Unavailable")

    with (
        httpx.Client(transport=httpx.MockTransport(unavailable)) as client,
        pytest.raises(FetchError) as error,
    ):
        fetch(client)
    assert f"{ARCHIVE_URL}/latest.json: HTTP 503" in str(error.value)


def test_fetch_fails_when_a_listed_board_is_missing() -> None:
    def without_vision(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/vision.json"):
            return httpx.Response(404, text="404: Not Found")
        return replay_v1_day(request)

    with (
        httpx.Client(transport=httpx.MockTransport(without_vision)) as client,
        pytest.raises(FetchError) as error,
    ):
        fetch(client)
    assert f"{ARCHIVE_URL}/{V1_DAY}/vision.json: HTTP 404" in str(error.value)


# --- broken input: one realistic corruption each -----------------------------------------------------


def parse_error(raw: RawPayload) -> ParseError:
    with pytest.raises(ParseError) as error:
        parse(raw)
    assert raw.origin in str(error.value)
    return error.value


def test_a_truncated_download_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V2_DAY / "text.json").read_bytes()
    error = parse_error(with_content(f"{V2_DAY}/text.json", content[: len(content) // 2]))
    assert error.location == f"end of file (byte {len(content) // 2})"
    assert "truncated" in error.problem


def test_malformed_json_names_line_and_column() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    error = parse_error(
        with_content(f"{V1_DAY}/text.json", content.replace(b'"votes": 4297', b'"votes": 4297,', 1))
    )
    assert error.location == "line 18, column 5"  # the `}` after the stray comma on line 17
    assert error.problem.startswith("not valid JSON: JSON is malformed: trailing comma in object")


def test_a_board_file_without_models_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "document.json").read_bytes()
    without_models = content[: content.index(b',\n  "models"')] + b"\n}\n"
    error = parse_error(with_content(f"{V1_DAY}/document.json", without_models))
    assert (error.location, error.problem) == ("$.models", "Object missing required field `models`")


def test_a_v1_model_without_score_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    without_score = content.replace(b'"score": 1504,\n', b"", 1)  # the second model
    error = parse_error(with_content(f"{V1_DAY}/text.json", without_score))
    assert (error.location, error.problem) == ("$.models[1].score", "Object missing required field `score`")


def test_a_v1_model_without_ci_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    without_ci = content.replace(b'      "ci": 9,\n', b"", 1)
    error = parse_error(with_content(f"{V1_DAY}/text.json", without_ci))
    assert error.location == "$.models[0]"
    assert "`ci`" in error.problem


def test_a_text_vote_count_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    error = parse_error(
        with_content(f"{V1_DAY}/text.json", content.replace(b'"votes": 4297', b'"votes": "4,297"'))
    )
    assert error.location == "$.models[0].votes"


def test_an_html_error_page_is_an_error() -> None:
    page = (
        b"<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head><body>Cloudflare</body></html>\n"
    )
    error = parse_error(with_content(f"{V1_DAY}/text.json", page))
    assert "HTML page" in error.problem


def test_an_empty_file_is_an_error() -> None:
    error = parse_error(with_content(f"{V1_DAY}/text.json", b""))
    assert error.problem == "the file is empty"


def test_an_unknown_board_is_an_error_until_its_variant_is_checked() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    renamed = content.replace(b'"leaderboard": "text"', b'"leaderboard": "text-hard"', 1)
    error = parse_error(with_content(f"{V1_DAY}/text.json", renamed))
    assert error.location == "$.meta.leaderboard"


def test_a_list_shorter_than_its_count_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    error = parse_error(
        with_content(f"{V1_DAY}/text.json", content.replace(b'"model_count": 50', b'"model_count": 51'))
    )
    assert (error.location, error.problem) == ("$.meta.model_count", "says 51 models but $.models holds 50")


def test_an_unreadable_board_date_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V1_DAY / "text.json").read_bytes()
    error = parse_error(
        with_content(f"{V1_DAY}/text.json", content.replace(b'"Jun 16, 2026"', b'"16/06/2026"'))
    )
    assert error.location == "$.meta.last_updated"


def test_a_corrupt_index_is_an_error() -> None:
    content = (FIXTURES / FOLDER / V2_DAY / "_index.json").read_bytes()
    with pytest.raises(ParseError) as error:
        carried_over_boards(content.replace(b'"errors": [', b'"errors": {', 1), origin="x/_index.json")
    assert "x/_index.json" in str(error.value)
