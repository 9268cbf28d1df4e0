"""Open LLM Leaderboard v2: both CSV versions, the dataset Parquet, bad input, the live fetch."""

from __future__ import annotations

import io
from datetime import date

import httpx
import msgspec
import polars as pl
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload, Snapshot
from ingest.sources.open_llm_leaderboard import CSV_FORMAT, FORMATS, PARQUET_FORMAT
from tests.conftest import fixture_payload, with_content
from tests.ingest.sources.parsed import board_named, entry_named

CSV_2024_07 = "open_llm_leaderboard_fboulnois_csv/huggingface_v2_2024-07-15.csv"
# From seeds/snapshots (882 KB): the 36-column version.
CSV_2024_12 = "open_llm_leaderboard_fboulnois_csv/huggingface_v2_2024-12-02.csv"
# BUILT from 24 real rows of CSV_2024_12 in the dataset's columns (see its PROVENANCE.md).
BUILT_PARQUET = "open_llm_leaderboard_contents_parquet/data/train-00000-of-00001.parquet"
AVERAGE = "open-llm-leaderboard.v2.average.default"
LLAMA_3_70B = "meta-llama/Meta-Llama-3-70B-Instruct"


def _replace_line(raw: RawPayload, line: int, old: str, new: str) -> RawPayload:
    lines = raw.content.decode().split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return with_content(raw, "\n".join(lines).encode())


def test_2024_07_has_seven_boards_of_normalised_scores() -> None:
    snapshots = CSV_FORMAT.parse(fixture_payload(CSV_2024_07))

    assert [(s.board.board_id, len(s.entries)) for s in snapshots] == [
        (AVERAGE, 238),
        ("open-llm-leaderboard.v2.ifeval.default", 238),
        ("open-llm-leaderboard.v2.bbh.default", 238),
        ("open-llm-leaderboard.v2.math_lvl_5.default", 238),
        ("open-llm-leaderboard.v2.gpqa.default", 238),
        ("open-llm-leaderboard.v2.musr.default", 238),
        ("open-llm-leaderboard.v2.mmlu_pro.default", 238),
    ]
    assert {s.published_at for s in snapshots} == {date(2024, 7, 15)}  # upstream_version 2024.07.15
    mmlu_pro = snapshots[-1].board
    assert (mmlu_pro.metric, mmlu_pro.unit, mmlu_pro.higher_is_better) == ("mmlupro", "percent", True)
    top = snapshots[0].entries[0]
    assert (top.model_name, top.score, top.rank, top.license) == (
        "Qwen/Qwen2-72B-Instruct",
        42.49,
        None,
        "other",
    )


def test_a_benchmark_board_is_sorted_by_its_own_score_and_keeps_the_raw_score() -> None:
    mmlu_pro = board_named(
        CSV_FORMAT.parse(fixture_payload(CSV_2024_07)), "open-llm-leaderboard.v2.mmlu_pro.default"
    )

    top = mmlu_pro.entries[0]
    assert (top.model_name, top.score, top.extra["raw_score"]) == ("Qwen/Qwen2-72B", 52.56, 0.57)
    scores = [e.score or 0.0 for e in mmlu_pro.entries]
    assert scores == sorted(scores, reverse=True)


def test_extra_keeps_the_models_facts_with_negated_flags_turned_back() -> None:
    average = board_named(CSV_FORMAT.parse(fixture_payload(CSV_2024_07)), AVERAGE)
    llama = entry_named(average, LLAMA_3_70B)
    mixtral = entry_named(average, "mistralai/Mixtral-8x22B-Instruct-v0.1")

    assert (llama.score, llama.license) == (36.18, "llama3")
    assert llama.extra == {
        "type": "💬 chat models (RLHF, DPO, IFT, ...)",
        "architecture": "LlamaForCausalLM",
        "weight_type": "Original",
        "precision": "bfloat16",
        "params_b": 70.0,
        "hub_hearts": 1295,
        "available_on_the_hub": True,
        "model_sha": "7129260dd854a80eb10ace5f61c20324b472b31c",
        "chat_template": True,
        "maintainers_highlight": True,
        "submission_date": "2024-06-12",
        "upload_to_hub_date": "2024-04-17",
        "url": "https://huggingface.co/meta-llama/Meta-Llama-3-70B-Instruct",
        # the CSV says not_merged=TRUE, flagged=TRUE, moe=TRUE
        "merged": False,
        "moe": False,
        "flagged": False,
    }
    assert mixtral.extra["moe"] is True  # the CSV says moe=FALSE


def test_a_repo_at_two_precisions_stays_two_entries() -> None:
    average = board_named(CSV_FORMAT.parse(fixture_payload(CSV_2024_07)), AVERAGE)
    gpt2 = [(e.score, e.extra["precision"]) for e in average.entries if e.model_name == "gpt2"]

    assert gpt2 == [(6.54, "bfloat16"), (5.98, "float16")]


def test_2024_12_adds_generation_base_model_and_co2_and_rescored_math() -> None:
    snapshots = CSV_FORMAT.parse(fixture_payload(CSV_2024_12))
    average = board_named(snapshots, AVERAGE)
    llama = entry_named(average, LLAMA_3_70B)

    assert len(average.entries) == 2114
    assert average.published_at == date(2024, 12, 2)
    assert average.entries[0].model_name == "dfurman/CalmeRys-78B-Orpo-v0.1"
    # MATH Lvl 5 rose from 23.34 to 25.3 between the versions, hence the average 36.18 -> 36.51
    assert llama.score == 36.51
    assert (
        entry_named(board_named(snapshots, "open-llm-leaderboard.v2.math_lvl_5.default"), LLAMA_3_70B).score
        == 25.3
    )
    assert (llama.extra["generation"], llama.extra["base_model"], llama.extra["co2_cost_kg"]) == (
        1,
        "meta-llama/Meta-Llama-3-70B",
        18.24,
    )
    # 56 repos appear at two precisions; every row is kept
    assert len({e.model_name for e in average.entries}) == 2058


def test_average_is_the_mean_of_the_six_normalised_scores() -> None:
    by_board = {
        s.board.category: entry_named(s, LLAMA_3_70B).score or 0.0
        for s in CSV_FORMAT.parse(fixture_payload(CSV_2024_07))
    }

    benchmarks = [v for k, v in by_board.items() if k != "average"]
    assert round(sum(benchmarks) / 6, 2) == by_board["average"] == 36.18


# -- the dataset's own Parquet (built fixture) -------------------------------------------------------


def _without_url(snapshot: Snapshot) -> list[tuple[str, float | None, dict[str, object]]]:
    return [
        (e.model_name, e.score, {k: v for k, v in e.extra.items() if k != "url"}) for e in snapshot.entries
    ]


def test_parquet_rows_read_like_the_csv_rows_they_were_built_from() -> None:
    parquet = PARQUET_FORMAT.parse(fixture_payload(BUILT_PARQUET))
    csv_boards = CSV_FORMAT.parse(fixture_payload(CSV_2024_12))

    assert len(parquet) == 7
    for from_parquet, from_csv in zip(parquet, csv_boards, strict=True):
        assert from_parquet.board == from_csv.board
        assert from_parquet.published_at == date(2024, 12, 2)
        kept = {(e.model_name, e.extra["precision"]) for e in from_parquet.entries}
        subset = msgspec.structs.replace(
            from_csv,
            entries=tuple(e for e in from_csv.entries if (e.model_name, e.extra["precision"]) in kept),
        )
        assert _without_url(from_parquet) == _without_url(subset)
    mixtral = entry_named(parquet[0], "mistralai/Mixtral-8x22B-Instruct-v0.1")
    assert (mixtral.score, mixtral.extra["moe"], mixtral.license) == (33.89, True, "apache-2.0")


def test_parquet_with_not_merged_is_read_with_the_old_negated_flags() -> None:
    raw = fixture_payload(BUILT_PARQUET)
    frame = pl.read_parquet(io.BytesIO(raw.content))
    old = frame.with_columns(
        (~pl.col("Merged")).alias("Not_Merged"), ~pl.col("MoE"), ~pl.col("Flagged")
    ).drop("Merged")
    buffer = io.BytesIO()
    old.write_parquet(buffer)

    assert _without_url(PARQUET_FORMAT.parse(with_content(raw, buffer.getvalue()))[0]) == _without_url(
        PARQUET_FORMAT.parse(raw)[0]
    )


def test_parquet_bad_input() -> None:
    raw = fixture_payload(BUILT_PARQUET)
    frame = pl.read_parquet(io.BytesIO(raw.content))
    buffer = io.BytesIO()
    frame.drop("GPQA Raw").write_parquet(buffer)

    with pytest.raises(ParseError, match=r"column GPQA Raw: missing column\(s\) GPQA Raw"):
        PARQUET_FORMAT.parse(with_content(raw, buffer.getvalue()))
    with pytest.raises(ParseError, match=r"file: unreadable Parquet"):
        PARQUET_FORMAT.parse(with_content(raw, raw.content[: len(raw.content) // 2]))
    with pytest.raises(ParseError, match=r"not a Parquet file.*HTML page"):
        PARQUET_FORMAT.parse(with_content(raw, b"<!DOCTYPE html><html><title>503</title></html>"))
    buffer = io.BytesIO()
    frame.with_columns(pl.col("BBH").cast(pl.String)).write_parquet(buffer)
    with pytest.raises(ParseError, match=r"row 0, column BBH: expected a number value, got '61.92'"):
        PARQUET_FORMAT.parse(with_content(raw, buffer.getvalue()))


# -- bad CSV input -----------------------------------------------------------------------------------


def test_non_numeric_average_names_line_and_column() -> None:
    raw = _replace_line(fixture_payload(CSV_2024_07), 3, ",36.18,", ",n/a,")

    with pytest.raises(ParseError) as caught:
        CSV_FORMAT.parse(raw)

    assert (caught.value.location, caught.value.problem) == (
        "line 3, column average",
        "expected a number, got 'n/a'",
    )
    assert caught.value.origin == raw.origin


def test_a_flag_that_is_not_true_or_false() -> None:
    raw = _replace_line(fixture_payload(CSV_2024_07), 2, ",TRUE,other,", ",yes,other,")

    with pytest.raises(ParseError, match=r"line 2, column not_merged: expected TRUE or FALSE, got 'yes'"):
        CSV_FORMAT.parse(raw)


def test_missing_column_names_the_closest_header() -> None:
    raw = fixture_payload(CSV_2024_07)
    header, rest = raw.content.split(b"\n", 1)

    with pytest.raises(
        ParseError, match=r"line 1: unknown header \(closest is the 2024-07 era: missing gpqa_raw\)"
    ):
        CSV_FORMAT.parse(with_content(raw, header.replace(b",gpqa_raw", b"") + b"\n" + rest))


def test_truncated_html_and_empty_csv() -> None:
    raw = fixture_payload(CSV_2024_07)
    # cut inside line 118 (TencentARC/Mistral_Pro_8B_v0.1), after its scores
    cut = raw.content.index(b"\n", len(raw.content) // 2) + 1 + 100

    with pytest.raises(ParseError, match=r"line 118: expected 33 cells, got 15; the file may be truncated"):
        CSV_FORMAT.parse(with_content(raw, raw.content[:cut]))
    with pytest.raises(ParseError, match="HTML page"):
        CSV_FORMAT.parse(with_content(raw, b"<html><body>Bad gateway</body></html>"))
    with pytest.raises(ParseError, match=r"line 1: the file is empty"):
        CSV_FORMAT.parse(with_content(raw, b""))


def test_missing_version_says_how_to_supply_it() -> None:
    raw = msgspec.structs.replace(fixture_payload(CSV_2024_07), published_hint=None)

    with pytest.raises(ParseError, match=r"published date: .*upstream_version"):
        CSV_FORMAT.parse(raw)


def test_sniffers() -> None:
    csv_file = fixture_payload(CSV_2024_07)
    parquet = fixture_payload(BUILT_PARQUET)
    lmsys = fixture_payload("lmarena_fboulnois_csv/lmsys/lmsys_2024-06-19.csv")

    assert CSV_FORMAT.sniff(csv_file.origin, csv_file.content[:65536])
    assert PARQUET_FORMAT.sniff(parquet.origin, parquet.content[:65536])
    assert not PARQUET_FORMAT.sniff("/downloads/train-00000-of-00001.parquet", parquet.content[:65536])
    assert not any(f.sniff(lmsys.origin, lmsys.content[:65536]) for f in FORMATS)


# -- live fetch (the retired leaderboard's frozen dataset) -------------------------------------------

# The Hub answers are minimal stand-ins (the fields the fetcher reads; sha and date made up); the
# Parquet bytes are the built fixture.
_SHA = "0123456789abcdef0123456789abcdef01234567"
_DATASET_URL = "https://huggingface.co/datasets/open-llm-leaderboard/contents"
_FILE_URL = f"{_DATASET_URL}/resolve/{_SHA}/data/train-00000-of-00001.parquet"


def _hub(request: httpx.Request) -> httpx.Response:
    url = str(request.url)
    if url == "https://huggingface.co/api/datasets/open-llm-leaderboard/contents":
        return httpx.Response(
            200,
            json={
                "id": "open-llm-leaderboard/contents",
                "sha": _SHA,
                "lastModified": "2025-03-13T23:30:01.000Z",
            },
        )
    if url == _FILE_URL:  # the Hub redirects file downloads to its CDN
        return httpx.Response(302, headers={"location": "https://cdn-lfs.hf.co/contents/train.parquet"})
    if url == "https://cdn-lfs.hf.co/contents/train.parquet":
        return httpx.Response(200, content=fixture_payload(BUILT_PARQUET).content)
    return httpx.Response(404)


def test_fetch_downloads_the_dataset_file_at_its_last_commit() -> None:
    assert PARQUET_FORMAT.fetch is not None
    with httpx.Client(transport=httpx.MockTransport(_hub)) as client:
        (payload,) = PARQUET_FORMAT.fetch(client)

    assert payload.origin == _FILE_URL
    assert payload.published_hint == date(2025, 3, 13)
    assert payload.hints["revision"] == _SHA
    assert PARQUET_FORMAT.sniff(payload.origin, payload.content[:65536])
    average = board_named(PARQUET_FORMAT.parse(payload), AVERAGE)
    assert (average.published_at, average.entries[0].score) == (date(2025, 3, 13), 51.24)


def test_fetch_turns_an_http_error_into_a_fetch_error() -> None:
    assert PARQUET_FORMAT.fetch is not None
    transport = httpx.MockTransport(lambda request: httpx.Response(429, text="slow down"))

    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(FetchError, match=r"api/datasets/open-llm-leaderboard/contents answered HTTP 429"),
    ):
        PARQUET_FORMAT.fetch(client)


def test_csv_is_archive_only_and_precedences() -> None:
    assert CSV_FORMAT.fetch is None
    assert (PARQUET_FORMAT.precedence, CSV_FORMAT.precedence) == (5, 10)
