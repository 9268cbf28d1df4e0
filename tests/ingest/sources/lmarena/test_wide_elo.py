"""The wide Elo history CSV: one score-only snapshot of the raw text board per official pickle date."""

from __future__ import annotations

from datetime import date

import httpx
import msgspec
import pytest

from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload, Snapshot
from ingest.sources.lmarena.wide_elo import FORMAT, RESULT_CSV_URL, fetch, parse, sniff
from tests.conftest import FIXTURES, fixture_payload

RESULT_CSV = "lmarena_nakasyou_wide/result.csv"
CONTENT = (FIXTURES / RESULT_CSV).read_bytes()


@pytest.fixture(scope="module")
def snapshots() -> list[Snapshot]:
    return parse(fixture_payload(RESULT_CSV))


def scores(snapshot: Snapshot) -> dict[str, float | None]:
    return {entry.model_name: entry.score for entry in snapshot.entries}


def test_the_format_is_registered_with_its_precedence() -> None:
    assert (FORMAT.name, FORMAT.source, FORMAT.precedence) == ("lmarena-wide-elo-csv", "lmarena", 60)


def test_one_raw_text_snapshot_per_pickle_date(snapshots: list[Snapshot]) -> None:
    assert len(snapshots) == 98
    assert {s.board.board_id for s in snapshots} == {"lmarena.text.overall.raw"}
    assert (snapshots[0].published_at, snapshots[-1].published_at) == (date(2023, 5, 8), date(2025, 2, 27))
    assert not any(s.truncated or s.carried_over for s in snapshots)


def test_vicuna_13b_history_starts_on_the_first_board(snapshots: list[Snapshot]) -> None:
    history = [(s.published_at, scores(s)["vicuna-13b"]) for s in snapshots if "vicuna-13b" in scores(s)]
    assert history[:2] == [(date(2023, 5, 8), 1083.2188207782099), (date(2023, 5, 22), 1054.369728608854)]


def test_zero_cells_mean_absent_not_zero(snapshots: list[Snapshot]) -> None:
    first = snapshots[0]
    assert len(first.entries) == 13  # 227 columns, 214 of them 0.0 on 2023-05-08
    assert "gpt-4-0314" not in scores(first)
    assert all(entry.score is not None and entry.score > 0 for s in snapshots for entry in s.entries)
    assert len(snapshots[-1].entries) == 209


def test_entries_are_score_only(snapshots: list[Snapshot]) -> None:
    last = snapshots[-1]
    sonnet = next(e for e in last.entries if e.model_name == "claude-3-5-sonnet-20241022")
    assert sonnet.score == 1283.4221749470107
    assert (sonnet.rank, sonnet.ci_lower, sonnet.ci_upper, sonnet.votes) == (None, None, None, None)


def test_sniff_recognises_the_wide_layout_only() -> None:
    assert sniff("anything.csv", CONTENT[:65536])
    legacy = b"rank,model,arena_score,95_pct_ci,votes\n1,GPT-4o,1286,+3/-3,71665\n"
    assert not sniff("lmsys.csv", legacy)


def test_fetch_downloads_the_live_csv() -> None:
    def github(request: httpx.Request) -> httpx.Response:
        assert str(request.url) == RESULT_CSV_URL
        return httpx.Response(200, content=CONTENT)

    with httpx.Client(transport=httpx.MockTransport(github)) as client:
        [payload] = fetch(client)
    assert (payload.origin, payload.content) == (RESULT_CSV_URL, CONTENT)
    assert len(parse(payload)) == 98


def test_fetch_reports_an_http_error_with_its_url() -> None:
    def not_found(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, text="404: Not Found")

    with httpx.Client(transport=httpx.MockTransport(not_found)) as client, pytest.raises(FetchError) as error:
        fetch(client)
    assert f"{RESULT_CSV_URL}: HTTP 404" in str(error.value)


# --- broken input ------------------------------------------------------------------------------------


def parse_error(content: bytes) -> ParseError:
    raw: RawPayload = msgspec.structs.replace(fixture_payload(RESULT_CSV), content=content)
    with pytest.raises(ParseError) as error:
        parse(raw)
    assert raw.origin in str(error.value)
    return error.value


def test_a_non_numeric_cell_names_line_and_model() -> None:
    error = parse_error(CONTENT.replace(b"1083.2188207782099", b"n/a", 1))
    assert (error.location, error.problem) == ("line 2, column vicuna-13b", "'n/a' is not a number")


def test_a_row_with_a_missing_cell_is_an_error() -> None:
    lines = CONTENT.split(b"\n")
    lines[2] = lines[2].rsplit(b",", 1)[0]
    error = parse_error(b"\n".join(lines))
    assert (error.location, error.problem) == ("line 3", "227 cells, but the header has 228")


def test_a_bad_date_is_an_error() -> None:
    error = parse_error(CONTENT.replace(b"\n20230522,", b"\n2023-05-22,", 1))
    assert error.location == "line 3, column 1"


def test_a_truncated_download_is_an_error() -> None:
    error = parse_error(CONTENT[: len(CONTENT) // 2])
    assert error.location.startswith("line ")
    assert "cells, but the header has 228" in error.problem


def test_a_header_without_the_empty_first_cell_is_an_error() -> None:
    error = parse_error(b"date" + CONTENT)
    assert error.location == "line 1, column 1"


def test_an_html_page_is_an_error() -> None:
    error = parse_error(b"<!DOCTYPE html>\n<html><body>429 Too Many Requests</body></html>\n")
    assert "HTML page" in error.problem


def test_an_empty_file_is_an_error() -> None:
    error = parse_error(b"")
    assert error.problem == "the file is empty"
