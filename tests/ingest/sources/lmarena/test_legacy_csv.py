"""The legacy Chatbot Arena CSVs (fboulnois/llm-leaderboard-csv): three header eras, two producers."""

from __future__ import annotations

import csv
import io
from datetime import date

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import Entry, RawPayload
from ingest.sources.lmarena.legacy_csv import FORMAT
from tests.conftest import fixture_payload, with_content
from tests.ingest.sources.github_replay import RecordedFile, github_replay
from tests.ingest.sources.parsed import entry_named, only_snapshot

ERA_2024_06_19 = "lmarena_fboulnois_csv/lmsys/lmsys_2024-06-19.csv"
ERA_2024_07_07 = "lmarena_fboulnois_csv/lmsys/lmsys_2024-07-07.csv"
ERA_2024_10_16 = "lmarena_fboulnois_csv/lmsys/lmsys_2024-10-16.csv"
LMSYS_2025_03_04 = "lmarena_fboulnois_csv/lmsys/lmsys_2025-03-04.csv"
TEXT_2025_08_04 = "lmarena_fboulnois_csv/lmarena_text/lmarena_text_2025-08-04.csv"
VISION_2025_08_04 = "lmarena_fboulnois_csv/lmarena_vision/lmarena_vision_2025-08-04.csv"
IMAGE_2025_07_27 = "lmarena_fboulnois_csv/lmarena_image/lmarena_image_2025-07-27.csv"
IMAGE_2025_08_04 = "lmarena_fboulnois_csv/lmarena_image/lmarena_image_2025-08-04.csv"


def _lines(raw: RawPayload) -> list[str]:
    return raw.content.decode().splitlines(keepends=True)


def test_first_era_2024_06_19_arena_elo() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(ERA_2024_06_19)))

    assert snapshot.board.board_id == "lmarena.text.overall.raw"
    assert snapshot.published_at == date(2024, 6, 19)
    assert len(snapshot.entries) == 109
    gpt_4o = snapshot.entries[0]
    assert gpt_4o == Entry(
        model_name="GPT-4o-2024-05-13",
        rank=1,
        score=1287.0,
        ci_lower=1284.0,  # +3/-3 as absolute bounds
        ci_upper=1290.0,
        votes=42046,
        organization="OpenAI",
        license="Proprietary",
        extra={"knowledge_cutoff": "2023/10", "url": "https://openai.com/index/hello-gpt-4o/"},
    )
    assert entry_named(snapshot, "Gemini-Advanced-0514").extra["knowledge_cutoff"] == "Online"
    # ties: the upper-bound rank repeats
    assert [e.rank for e in snapshot.entries[:4]] == [1, 2, 2, 4]


def test_anchor_row_with_a_zero_interval() -> None:
    mixtral = entry_named(
        only_snapshot(FORMAT.parse(fixture_payload(ERA_2024_06_19))), "Mixtral-8x7b-Instruct-v0.1"
    )

    assert (mixtral.score, mixtral.ci_lower, mixtral.ci_upper, mixtral.rank) == (1114.0, 1114.0, 1114.0, 44)


def test_second_era_2024_07_07_arena_score() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(ERA_2024_07_07)))

    assert snapshot.published_at == date(2024, 7, 7)
    gpt_4o = entry_named(snapshot, "GPT-4o-2024-05-13")
    assert (gpt_4o.rank, gpt_4o.score, gpt_4o.ci_lower, gpt_4o.ci_upper, gpt_4o.votes) == (
        1,
        1287.0,
        1284.0,
        1291.0,
        55826,
    )
    sonnet = entry_named(snapshot, "Claude 3.5 Sonnet")
    assert (sonnet.rank, sonnet.score, sonnet.extra["knowledge_cutoff"]) == (2, 1272.0, "2024/4")


def test_third_era_2024_10_16_keeps_the_style_control_rank_as_extra() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(ERA_2024_10_16)))

    assert len(snapshot.entries) == 152
    top = entry_named(snapshot, "ChatGPT-4o-latest (2024-09-03)")
    assert (top.rank, top.score, top.ci_lower, top.ci_upper, top.votes) == (1, 1339.0, 1335.0, 1343.0, 28488)
    assert top.extra["rank_stylectrl"] == 1


def test_lmsys_2025_03_04() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(LMSYS_2025_03_04)))

    assert snapshot.published_at == date(2025, 3, 4)
    grok = snapshot.entries[0]
    assert (grok.model_name, grok.rank, grok.score, grok.ci_lower, grok.ci_upper) == (
        "Grok-3-Preview-02-24",
        1,
        1412.0,
        1402.0,  # +8/-10
        1420.0,
    )
    assert grok.extra == {
        "rank_stylectrl": 2,
        "knowledge_cutoff": "Unknown",
        "url": "https://x.ai/blog/grok-3",
    }


def test_pickle_built_text_file_takes_the_upper_bound_rank_from_rank_stylectrl() -> None:
    raw = fixture_payload(TEXT_2025_08_04)
    rows = list(csv.DictReader(io.StringIO(raw.content.decode())))
    snapshot = only_snapshot(FORMAT.parse(raw))

    # the file's `rank` is only the row number; `rank_stylectrl` holds the board's own UB rank
    assert [int(r["rank"]) for r in rows] == list(range(1, 267))
    assert snapshot.board.board_id == "lmarena.text.overall.raw"
    assert snapshot.published_at == date(2025, 8, 4)
    glm = entry_named(snapshot, "GLM-4.5")
    assert (glm.rank, glm.score, glm.ci_lower, glm.ci_upper, glm.votes) == (2, 1434.0, 1425.0, 1443.0, 4112)
    assert "rank_stylectrl" not in glm.extra
    assert (glm.organization, glm.license) == ("Z.ai", "MIT")


def test_pickle_built_duplicate_row_is_one_entry() -> None:
    raw = fixture_payload(TEXT_2025_08_04)
    snapshot = only_snapshot(FORMAT.parse(raw))

    assert raw.content.count(b",Yi-34B-Chat,") == 2
    assert len(snapshot.entries) == 265
    assert entry_named(snapshot, "Yi-34B-Chat").rank == 188


def test_vision_and_image_arenas_from_the_file_name() -> None:
    vision = only_snapshot(FORMAT.parse(fixture_payload(VISION_2025_08_04)))
    image = only_snapshot(FORMAT.parse(fixture_payload(IMAGE_2025_08_04)))

    assert vision.board.board_id == "lmarena.vision.overall.raw"
    assert (vision.entries[0].model_name, vision.entries[0].score) == ("Gemini-2.5-Pro", 1317.0)
    assert image.board.board_id == "lmarena.text-to-image.overall.raw"
    assert len(image.entries) == 19
    top = image.entries[0]
    assert (top.model_name, top.rank, top.score, top.votes) == (
        "Imagen-4.0-ultra-generate-preview-06-06",
        1,
        1137.0,
        23376,
    )


def test_two_different_models_under_one_display_name_are_both_kept() -> None:
    snapshot = only_snapshot(FORMAT.parse(fixture_payload(IMAGE_2025_07_27)))

    same_name = [e for e in snapshot.entries if e.model_name == "Imagen-4.0-ultra-generate-preview-06-06"]
    assert [(e.rank, e.score, e.votes) for e in same_name] == [(1, 1138.0, 11897), (3, 1113.0, 14219)]


def test_arena_comes_from_the_manifest_source_path_when_the_file_was_renamed() -> None:
    raw = msgspec.structs.replace(fixture_payload(VISION_2025_08_04), origin="/downloads/board.csv")

    assert only_snapshot(FORMAT.parse(raw)).board.arena == "vision"


def test_unknown_file_name_without_hints() -> None:
    raw = msgspec.structs.replace(fixture_payload(ERA_2024_06_19), origin="/downloads/board.csv", hints={})

    with pytest.raises(ParseError, match=r"board\.csv: file name: cannot tell the arena.*lmsys\*\.csv"):
        FORMAT.parse(raw)


def test_missing_date_says_how_to_supply_it() -> None:
    raw = msgspec.structs.replace(fixture_payload(ERA_2024_06_19), published_hint=None)

    with pytest.raises(ParseError, match=r"published date: .*upstream_version \(e\.g\. 2025\.07\.27\)"):
        FORMAT.parse(raw)


def test_truncated_file_names_the_last_line() -> None:
    raw = fixture_payload(LMSYS_2025_03_04)
    lines = _lines(raw)
    cut = "".join(lines[:-1]) + lines[-1][:20]  # "176,174,LLaMA-13B,80"

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, cut.encode()))

    assert caught.value.location == "line 177"
    assert "expected 10 cells" in caught.value.problem
    assert "truncated" in caught.value.problem
    assert str(caught.value).startswith(f"lmarena-legacy-csv: {raw.origin}: line 177: ")


def test_non_numeric_score_names_line_and_column() -> None:
    raw = fixture_payload(ERA_2024_07_07)
    lines = _lines(raw)
    lines[1] = lines[1].replace(",1287,", ",n/a,", 1)

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, "".join(lines).encode()))

    assert caught.value.location == "line 2, column arena_score"
    assert caught.value.problem == "expected a number, got 'n/a'"


def test_malformed_interval_names_line_and_column() -> None:
    raw = fixture_payload(ERA_2024_06_19)
    lines = _lines(raw)
    assert lines[56].startswith("54,OpenChat-3.5-0106,1091,+6/-5,")
    lines[56] = lines[56].replace(",+6/-5,", ",12,", 1)

    with pytest.raises(ParseError, match=r"line 57, column 95_pct_ci: expected \+x/-y, got '12'$"):
        FORMAT.parse(with_content(raw, "".join(lines).encode()))


def test_missing_column_is_an_unknown_header_naming_it_and_the_eras() -> None:
    raw = fixture_payload(ERA_2024_10_16)
    rows = list(csv.reader(io.StringIO(raw.content.decode())))
    without_votes = io.StringIO()
    csv.writer(without_votes, lineterminator="\n").writerows([r[:5] + r[6:] for r in rows])

    with pytest.raises(ParseError) as caught:
        FORMAT.parse(with_content(raw, without_votes.getvalue().encode()))

    assert caught.value.location == "line 1"
    assert "closest is the 2024-10-16 era: missing votes" in caught.value.problem
    assert "2024-06-19: rank,model,arena_elo,95_pct_ci" in caught.value.problem


def test_html_error_page_saved_as_csv() -> None:
    page = b"<!DOCTYPE html>\n<html><body>Repository not found</body></html>\n"

    with pytest.raises(ParseError, match="line 1: this is an HTML page"):
        FORMAT.parse(with_content(fixture_payload(ERA_2024_06_19), page))


def test_empty_file_and_header_only_file() -> None:
    raw = fixture_payload(ERA_2024_06_19)

    with pytest.raises(ParseError, match="line 1: the file is empty"):
        FORMAT.parse(with_content(raw, b""))
    with pytest.raises(ParseError, match="line 2: the header is there but no model rows follow"):
        FORMAT.parse(with_content(raw, _lines(raw)[0].encode()))


def test_sniff_knows_the_three_headers_and_nothing_else() -> None:
    for path in (ERA_2024_06_19, ERA_2024_07_07, ERA_2024_10_16, TEXT_2025_08_04):
        raw = fixture_payload(path)
        assert FORMAT.sniff(raw.origin, raw.content[:65536]), path
    assert not FORMAT.sniff("x.csv", b"key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License\n")
    assert not FORMAT.sniff("x.json", b'{"full": {}}')


# The commits API answer is a minimal hand-made stand-in for GitHub's (only the fields the fetcher
# reads; the subject follows the repository's workflow template); the CSV bytes are real.
_LIVE = {
    "csv/lmarena_text.csv": TEXT_2025_08_04,
    "csv/lmarena_vision.csv": VISION_2025_08_04,
    "csv/lmarena_image.csv": IMAGE_2025_08_04,
}
_SHA = "e964e252a171a83b8bf189675ca01406d86bc810"


_GITHUB = github_replay(
    "fboulnois/llm-leaderboard-csv",
    {
        path: RecordedFile(
            fixture, _SHA, "2025-08-06T23:18:20Z", "auto: update csv outputs to version 2025.08.04"
        )
        for path, fixture in _LIVE.items()
    },
)


def test_fetch_downloads_the_current_csvs_dated_by_their_version() -> None:
    assert FORMAT.fetch is not None
    with httpx.Client(transport=httpx.MockTransport(_GITHUB)) as client:
        payloads = FORMAT.fetch(client)

    assert [p.hints["source_path"] for p in payloads] == list(_LIVE)
    text = payloads[0]
    assert (
        text.origin
        == f"https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/{_SHA}/csv/lmarena_text.csv"
    )
    # the version in the subject (the elo_results date), not the commit date 2025-08-06
    assert text.published_hint == date(2025, 8, 4)
    snapshots = [only_snapshot(FORMAT.parse(p)) for p in payloads]
    assert [s.board.board_id for s in snapshots] == [
        "lmarena.text.overall.raw",
        "lmarena.vision.overall.raw",
        "lmarena.text-to-image.overall.raw",
    ]
    assert entry_named(snapshots[0], "GLM-4.5").score == 1434.0


def test_fetch_turns_an_http_error_into_a_fetch_error() -> None:
    assert FORMAT.fetch is not None

    def raw_file_gone(request: httpx.Request) -> httpx.Response:
        return _GITHUB(request) if request.url.host == "api.github.com" else httpx.Response(404)

    with (
        httpx.Client(transport=httpx.MockTransport(raw_file_gone)) as client,
        pytest.raises(FetchError, match=r"csv/lmarena_text\.csv answered HTTP 404"),
    ):
        FORMAT.fetch(client)
