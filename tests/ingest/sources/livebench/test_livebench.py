"""LiveBench release tables, averaged into category and global scores as livebench.ai's Averaging.js does."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload, Snapshot
from ingest.sources.livebench import FORMATS, archive_hints
from ingest.sources.livebench._fetch import git_blob_sha1
from ingest.sources.livebench._scores import to_fixed_2
from tests.conftest import fixture_payload, with_content
from tests.ingest.sources.parsed import entry_named

(FORMAT,) = FORMATS
TABLE_2025_11_25 = "livebench_csv/release_latest/table_2025_11_25.csv"
MAP_2025_11_25 = "livebench_csv/release_latest/categories_2025_11_25.json"
TABLE_2025_05_30_AT_2025_10_06 = "livebench_csv/history/table_2025_05_30@2025-10-06_9dfcb16.csv"
TABLE_2026_01_08_AT_2026_01_08 = "livebench_csv/history/table_2026_01_08@2026-01-08_3bd43b8.csv"
TABLE_2026_01_08 = "livebench_csv/release_latest/table_2026_01_08.csv"
MAP_2026_01_08 = "livebench_csv/release_latest/categories_2026_01_08.json"
TABLE_2024_11_25 = "livebench_csv/release_latest/table_2024_11_25.csv"
MAP_2024_11_25 = "livebench_csv/release_latest/categories_2024_11_25.json"


def _payload(relative: str) -> RawPayload:
    """A fixture read as the importer does: manifest provenance plus the hints found beside the file."""
    raw = fixture_payload(relative)
    return msgspec.structs.replace(raw, hints={**raw.hints, **archive_hints(Path(raw.origin))})


def _board(snapshots: list[Snapshot], category: str) -> Snapshot:
    (snapshot,) = [s for s in snapshots if s.board.category == category]
    return snapshot


def test_hand_computed_scores_of_gemini_3_pro_high_on_release_2025_11_25() -> None:
    # Row of table_2025_11_25.csv and the 2025_11_25 category map, task by task.
    reasoning = (76.923 + 64.75 + 98.0) / 3  # theory_of_mind, zebra_puzzle, spatial
    coding = (77.465 + 71.739) / 2  # code_generation, code_completion
    agentic_coding = (60.0 + 35.0 + 70.0) / 3  # javascript, typescript, python
    mathematics = (97.0 + 95.098 + 90.25) / 3  # AMPS_Hard, math_comp, olympiad
    data_analysis = (51.788 + 98.039) / 2  # tablejoin, tablereformat
    language = (100.0 + 69.863 + 84.0) / 3  # connections, plot_unscrambling, typos
    instruction_following = (
        64.317 + 58.167 + 66.8 + 74.1
    ) / 4  # paraphrase, simplify, story_generation, summarize
    global_average = (
        reasoning + coding + agentic_coding + mathematics + data_analysis + language + instruction_following
    ) / 7
    assert global_average == pytest.approx(75.5699, abs=5e-5)

    snapshots = FORMAT.parse(_payload(TABLE_2025_11_25))

    gemini = "gemini-3-pro-preview-11-2025-high"
    assert entry_named(_board(snapshots, "global"), gemini).score == 75.57
    assert entry_named(_board(snapshots, "global"), gemini).extra == {
        "category_scores": {
            "reasoning": 79.89,
            "coding": 74.6,
            "agentic_coding": 55.0,
            "mathematics": 94.12,
            "data_analysis": 74.91,
            "language": 84.62,
            "instruction_following": 65.85,
        }
    }
    assert (reasoning, data_analysis) == pytest.approx((79.891, 74.9135))
    assert entry_named(_board(snapshots, "reasoning"), gemini).score == 79.89
    assert entry_named(_board(snapshots, "data_analysis"), gemini).score == 74.91
    assert entry_named(_board(snapshots, "data_analysis"), gemini).extra == {
        "task_scores": {"tablejoin": 51.788, "tablereformat": 98.039}
    }
    assert entry_named(_board(snapshots, "instruction_following"), gemini).score == round(
        instruction_following, 2
    )


def test_one_board_per_category_and_global_per_release_dated_by_the_table_version() -> None:
    snapshots = FORMAT.parse(_payload(TABLE_2025_11_25))

    assert [s.board.board_id for s in snapshots] == [
        "livebench.llm.global.release_2025_11_25",
        "livebench.llm.reasoning.release_2025_11_25",
        "livebench.llm.coding.release_2025_11_25",
        "livebench.llm.agentic_coding.release_2025_11_25",
        "livebench.llm.mathematics.release_2025_11_25",
        "livebench.llm.data_analysis.release_2025_11_25",
        "livebench.llm.language.release_2025_11_25",
        "livebench.llm.instruction_following.release_2025_11_25",
    ]
    board = snapshots[0].board
    assert (board.metric, board.unit, board.higher_is_better) == ("global_average", "percent", True)
    assert snapshots[1].board.metric == "reasoning_average"
    # The latest version of the file, committed 2025-12-24T09:22:23-05:00: not the release date.
    assert {s.published_at for s in snapshots} == {date(2025, 12, 24)}
    assert {len(s.entries) for s in snapshots} == {65}
    # LiveBench publishes no rank, no organisation in the data files.
    assert {(e.rank, e.organization) for s in snapshots for e in s.entries} == {(None, None)}


def test_models_named_in_the_issue_exist_as_written_with_their_global_scores() -> None:
    release_2025_11_25 = _board(FORMAT.parse(_payload(TABLE_2025_11_25)), "global")
    release_2026_01_08 = _board(FORMAT.parse(_payload(TABLE_2026_01_08)), "global")

    def scores(snapshot: Snapshot, *models: str) -> list[float | None]:
        return [entry_named(snapshot, model).score for model in models]

    named = (
        "gemini-3-pro-preview-11-2025-high",
        "gemini-3-pro-preview-11-2025-low",
        "claude-opus-4-5-20251101-thinking-64k-high-effort",
    )
    assert scores(release_2025_11_25, *named) == [75.57, 66.82, 76.77]
    assert scores(release_2026_01_08, *named) == [73.39, 63.9, 75.96]
    # Claude Opus 4.1 is only there with a suffix: -base and -thinking-32k.
    assert not [e for e in release_2025_11_25.entries if e.model_name == "claude-4-1-opus-20250805"]
    opus_4_1 = ("claude-4-1-opus-20250805-base", "claude-4-1-opus-20250805-thinking-32k")
    assert scores(release_2025_11_25, *opus_4_1) == [60.0, 67.33]
    assert scores(release_2026_01_08, *opus_4_1) == [54.45, 61.81]


def test_n_a_cells_are_missing_and_a_missing_category_leaves_no_global_score() -> None:
    raw = _payload(TABLE_2025_05_30_AT_2025_10_06)
    snapshots = FORMAT.parse(raw)

    assert raw.content.count(b"N/A") == 15
    assert snapshots[0].board.board_id == "livebench.llm.global.release_2025_05_30"
    assert snapshots[0].published_at == date(2025, 10, 6)  # the manifest's version_date
    gpt_5_pro = entry_named(snapshots[0], "gpt-5-pro")
    # The site's getGlobalAverage adds the category's '-' into the sum and shows NaN.
    assert gpt_5_pro.score is None
    assert gpt_5_pro.extra["category_scores"]["reasoning"] == round((100.0 + 98.75 + 98.0) / 3, 2)
    assert gpt_5_pro.extra["category_scores"]["coding"] == 72.17  # (70.423 + 73.913) / 2 = 72.168
    assert gpt_5_pro.extra["category_scores"]["mathematics"] is None
    assert len(gpt_5_pro.extra["missing_tasks"]) == 15
    assert entry_named(_board(snapshots, "mathematics"), "gpt-5-pro").score is None
    assert entry_named(_board(snapshots, "coding"), "gpt-5-pro").score == 72.17


def test_an_empty_cell_is_left_out_of_its_category_mean() -> None:
    snapshots = FORMAT.parse(_payload(TABLE_2024_11_25))

    phi = entry_named(snapshots[0], "phi-3-small-8k-instruct")
    assert phi.extra["missing_tasks"] == ["connections"]
    assert (
        entry_named(_board(snapshots, "language"), "phi-3-small-8k-instruct").score == 12.94
    )  # (15.888 + 10.0) / 2
    assert phi.score == 24.03
    # The 2024 releases have six categories (no Agentic Coding yet).
    assert len(snapshots) == 7


def test_a_short_row_leaves_its_last_tasks_missing_as_papaparse_does() -> None:
    raw = _payload(TABLE_2026_01_08)
    (line,) = [
        line for line in raw.content.decode().splitlines() if line.startswith("nemotron-3-super-120b-a12b,")
    ]
    snapshots = FORMAT.parse(raw)

    assert line.count(",") + 1 == 21  # 24 columns in the header
    nemotron = entry_named(snapshots[0], "nemotron-3-super-120b-a12b")
    assert nemotron.extra["missing_tasks"] == ["zebra_puzzle", "typescript", "typos"]
    assert nemotron.score == 32.51
    assert snapshots[0].published_at == date(2026, 6, 30)  # 2026-07-01T01:57:47+05:30 in UTC


def test_a_map_newer_than_the_table_version_counts_its_new_task_as_missing() -> None:
    old_table = _payload(TABLE_2026_01_08_AT_2026_01_08)
    new_table = _payload(TABLE_2026_01_08)
    model = "claude-opus-4-5-20251101-thinking-64k-high-effort"

    # consecutive_events was mapped on 2026-01-19, after the 2026-01-08 table.
    assert b"consecutive_events" not in old_table.content.split(b"\n", 1)[0]
    assert old_table.hints["categories_version_date"] == "2026-01-19"
    old = FORMAT.parse(old_table)
    new = FORMAT.parse(new_table)
    assert entry_named(_board(old, "data_analysis"), model).score == 71.98  # (45.923 + 98.039) / 2
    assert entry_named(_board(new, "data_analysis"), model).score == 74.44  # (79.363 + 45.923 + 98.039) / 3
    assert (entry_named(old[0], model).score, entry_named(new[0], model).score) == (75.61, 75.96)
    assert old[0].published_at == date(2026, 1, 8)


def test_category_map_naming_a_column_the_table_lacks() -> None:
    raw = _payload(TABLE_2026_01_08_AT_2026_01_08)
    hints = {k: v for k, v in raw.hints.items() if k != "categories_version_date"}

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(msgspec.structs.replace(raw, hints=hints))

    assert caught.value.location == "line 1"
    assert "names task 'consecutive_events' at $['Data Analysis'][0]" in caught.value.problem
    assert "categories_2026_01_08.json" in caught.value.problem


def test_category_map_of_another_release() -> None:
    raw = _payload(TABLE_2025_11_25)
    other_map = fixture_payload(MAP_2024_11_25).content.decode()
    hints = {**raw.hints, "categories_json": other_map, "categories_origin": "categories_2024_11_25.json"}

    with pytest.raises(ParseError, match=r"names task 'web_of_lies_v2' at \$\['Reasoning'\]\[0\]"):
        FORMAT.parse(msgspec.structs.replace(raw, hints=hints))


def test_archive_hints_find_the_map_in_the_sibling_folder() -> None:
    table = Path(fixture_payload(TABLE_2025_05_30_AT_2025_10_06).origin)
    hints = archive_hints(table)

    assert hints["categories_origin"] == str(
        table.parent.parent / "release_latest/categories_2025_05_30.json"
    )
    assert hints["categories_version_date"] == "2025-06-11"  # 2025-06-11T13:01:04-05:00
    assert archive_hints(Path(fixture_payload(MAP_2025_11_25).origin)) == {}


def test_the_table_needs_its_category_map() -> None:
    raw = fixture_payload(TABLE_2025_11_25)

    with pytest.raises(
        ParseError, match=r"category map: a LiveBench table needs .*categories_2025_11_25\.json"
    ):
        FORMAT.parse(raw)


def test_the_category_map_is_a_payload_without_snapshots() -> None:
    raw = fixture_payload(MAP_2025_11_25)

    assert FORMAT.sniff(raw.origin, raw.content)
    assert FORMAT.parse(raw) == []
    with pytest.raises(ParseError, match=r"\$\['Reasoning'\]: .*got `int` - at `\$\['Reasoning'\]\[0\]`"):
        FORMAT.parse(with_content(raw, b'{"Reasoning": [1, 2]}'))
    with pytest.raises(ParseError, match=r"\$: not a LiveBench category map"):
        FORMAT.parse(with_content(raw, b'{"Reasoning": ["zebra_puzzle"]'))


def test_release_from_the_manifest_source_path_when_renamed_and_error_without() -> None:
    raw = msgspec.structs.replace(_payload(TABLE_2025_11_25), origin="/downloads/livebench.csv")

    assert FORMAT.parse(raw)[0].board.variant == "release_2025_11_25"
    with pytest.raises(ParseError, match=r"file name: cannot tell the release from 'livebench\.csv'"):
        FORMAT.parse(msgspec.structs.replace(raw, hints={}))


def test_hard_coded_grok_globals_are_mirrored() -> None:
    raw = _payload(TABLE_2025_11_25)
    renamed = raw.content.replace(b"\ngemini-3-pro-preview-11-2025-low,", b"\ngrok-3,", 1)

    grok = entry_named(FORMAT.parse(with_content(raw, renamed))[0], "grok-3")

    assert (grok.score, grok.extra["global_score_hard_coded"]) == (58.0, True)
    assert grok.extra["category_scores"]["reasoning"] == 71.49  # the row's own categories are kept


def test_to_fixed_2_rounds_like_javascript() -> None:
    assert to_fixed_2(0.125) == 0.13  # an exact tie rounds up (Python's round gives 0.12)
    assert to_fixed_2(1.005) == 1.0  # 1.005 is 1.00499999... in binary
    assert to_fixed_2(75.56992857) == 75.57


def test_truncated_table() -> None:
    raw = _payload(TABLE_2025_11_25)
    assert not raw.content.endswith(b"\n")
    cut = raw.content[: raw.content.rindex(b",") - 30]

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, cut))

    assert caught.value.location == "line 66"
    assert caught.value.problem == "the last row is cut short: the file is truncated"


def test_non_numeric_task_cell_names_line_and_column() -> None:
    raw = _payload(TABLE_2025_11_25)
    rows = list(csv.reader(io.StringIO(raw.content.decode())))
    rows[3][rows[0].index("typos")] = "#VALUE!"
    changed = io.StringIO()
    csv.writer(changed, lineterminator="\n").writerows(rows)

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, changed.getvalue().encode()))

    assert str(caught.value) == (
        f"livebench-csv: {raw.origin}: line 4, column typos: expected a score or N/A, got '#VALUE!'"
    )


def test_out_of_range_score_and_too_many_cells() -> None:
    raw = _payload(TABLE_2025_11_25)
    lines = raw.content.decode().split("\n")

    with pytest.raises(
        ParseError, match=r"line 2, column AMPS_Hard: expected a score from 0 to 100, got 890"
    ):
        FORMAT.parse(
            with_content(raw, "\n".join([lines[0], lines[1].replace(",89.0,", ",890,", 1)]).encode())
        )
    with pytest.raises(ParseError, match="line 2: 22 cells for 21 columns"):
        FORMAT.parse(with_content(raw, "\n".join([lines[0], lines[1] + ",1.0"]).encode()))


def test_html_empty_and_header_only() -> None:
    raw = _payload(TABLE_2025_11_25)

    with pytest.raises(ParseError, match="line 1: this is an HTML page"):
        FORMAT.parse(with_content(raw, b"<!DOCTYPE html>\n<html><title>404 Not Found</title></html>\n"))
    with pytest.raises(ParseError, match="line 1: the file is empty"):
        FORMAT.parse(with_content(raw, b"\n"))
    with pytest.raises(ParseError, match="line 2: the header is there but no model rows follow"):
        FORMAT.parse(with_content(raw, raw.content.split(b"\n", 1)[0] + b"\n"))


def test_sniff_knows_tables_and_maps_and_nothing_else() -> None:
    for relative in (TABLE_2025_11_25, TABLE_2024_11_25, TABLE_2026_01_08_AT_2026_01_08, MAP_2026_01_08):
        raw = fixture_payload(relative)
        assert FORMAT.sniff(raw.origin, raw.content[:65536]), relative
    assert not FORMAT.sniff("x.csv", b"rank,model,arena_elo,95_pct_ci,votes,organization,license\n")
    assert not FORMAT.sniff("x.json", b'{"full": {"gpt-4o": {"rating": 1287.0}}}')
    assert not FORMAT.sniff("x.csv", b"model,score\ngpt-4o,12\n")


# The GitHub answers are minimal hand-made stand-ins (only the fields the fetcher reads; blob ids are
# the real ones from the manifest); livebench.ai serves the real bytes.
_SERVED = {
    "table_2025_11_25.csv": TABLE_2025_11_25,
    "categories_2025_11_25.json": MAP_2025_11_25,
    "table_2026_01_08.csv": TABLE_2026_01_08,
    "categories_2026_01_08.json": MAP_2026_01_08,
}
_COMMITS = {
    "public/table_2025_11_25.csv": ("a24555b9b5c9b3da47043815cd4c0a081e5d0852", "2025-12-24T14:22:23Z"),
    "public/categories_2025_11_25.json": ("4f81f213c37cf384ecb5c9655d84359dbc5f4f7d", "2025-12-01T16:31:15Z"),
    "public/categories_2026_01_08.json": ("5b8c697fdddf48022a7fdcaa912921f9ee67e510", "2026-01-19T05:21:32Z"),
}


def _listing() -> list[dict[str, str]]:
    listing = [
        {"name": name, "path": f"public/{name}", "sha": fixture_payload(relative).hints["git_blob_sha1"]}
        for name, relative in _SERVED.items()
    ]
    # A newer table_2026_01_08.csv is committed but not yet deployed; a release without its map.
    listing[2]["sha"] = "0" * 40
    listing.append({"name": "table_2026_06_25.csv", "path": "public/table_2026_06_25.csv", "sha": "1" * 40})
    listing.append({"name": "livebench.pdf", "path": "public/livebench.pdf", "sha": "2" * 40})
    return listing


def _upstream(request: httpx.Request) -> httpx.Response:
    url = request.url
    if url.host == "api.github.com" and url.path == "/repos/LiveBench/livebench.github.io/contents/public":
        return httpx.Response(200, json=_listing())
    if url.host == "api.github.com" and url.path == "/repos/LiveBench/livebench.github.io/commits":
        sha, when = _COMMITS[url.params["path"]]
        return httpx.Response(
            200, json=[{"sha": sha, "commit": {"message": "update", "committer": {"date": when}}}]
        )
    if url.host == "livebench.ai" and url.path.lstrip("/") in _SERVED:
        return httpx.Response(200, content=fixture_payload(_SERVED[url.path.lstrip("/")]).content)
    return httpx.Response(404)


def test_fetch_pairs_each_table_with_its_map_and_dates_them_by_commit() -> None:
    assert FORMAT.fetch is not None
    before = datetime.now(UTC).date()
    with httpx.Client(transport=httpx.MockTransport(_upstream)) as client:
        payloads = FORMAT.fetch(client)
    after = datetime.now(UTC).date()

    assert [p.origin for p in payloads] == [
        "https://livebench.ai/categories_2025_11_25.json",
        "https://livebench.ai/table_2025_11_25.csv",
        "https://livebench.ai/categories_2026_01_08.json",
        "https://livebench.ai/table_2026_01_08.csv",
    ]
    assert git_blob_sha1(payloads[1].content) == "ae7bd95780ab23caccc6a426add5f8cf9d3fc761"
    assert payloads[1].published_hint == date(2025, 12, 24)
    assert payloads[1].hints["commit"] == "a24555b9b5c9b3da47043815cd4c0a081e5d0852"
    assert payloads[1].hints["categories_json"] == fixture_payload(MAP_2025_11_25).content.decode()
    # Served bytes that are not git's latest version are dated by the fetch.
    assert payloads[3].published_hint in {before, after}
    assert "commit" not in payloads[3].hints
    assert [FORMAT.parse(p) for p in payloads[0::2]] == [[], []]
    release_2025_11_25 = FORMAT.parse(payloads[1])
    assert release_2025_11_25[0].published_at == date(2025, 12, 24)
    assert entry_named(release_2025_11_25[0], "gemini-3-pro-preview-11-2025-high").score == 75.57
    assert entry_named(FORMAT.parse(payloads[3])[0], "gemini-3-pro-preview-11-2025-high").score == 73.39


def test_fetch_turns_an_http_error_into_a_fetch_error() -> None:
    assert FORMAT.fetch is not None

    def site_down(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503) if request.url.host == "livebench.ai" else _upstream(request)

    with (
        httpx.Client(transport=httpx.MockTransport(site_down)) as client,
        pytest.raises(FetchError, match=r"livebench\.ai/categories_2025_11_25\.json answered HTTP 503"),
    ):
        FORMAT.fetch(client)
