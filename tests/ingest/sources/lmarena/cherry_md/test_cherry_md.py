"""The Cherry Studio markdown pages: every column era, read from real recorded pages."""

from __future__ import annotations

import re
from datetime import date

import msgspec
import pytest

from ingest.errors import ParseError
from ingest.records import Entry, RawPayload, Snapshot
from ingest.sources.lmarena.cherry_md import FORMAT, parse_cherry_markdown, sniff
from tests.conftest import fixture_payload

FOLDER = "lmarena_cherry_md"


def _snapshot(relative: str) -> Snapshot:
    [snapshot] = parse_cherry_markdown(fixture_payload(f"{FOLDER}/{relative}"))
    return snapshot


def _entry(snapshot: Snapshot, name: str) -> Entry:
    return next(e for e in snapshot.entries if e.model_name == name)


def _names(relative: str) -> set[str]:
    return {e.model_name for e in _snapshot(relative).entries}


def test_format_is_archive_only() -> None:
    assert (FORMAT.name, FORMAT.source, FORMAT.precedence, FORMAT.fetch) == (
        "lmarena-cherry-md",
        "lmarena",
        50,
        None,
    )


# --- acceptance figures of the text board, November 2025 ---------------------------------------


def test_grok_4_1_thinking_leads_on_2025_11_18() -> None:
    top = _snapshot("text_full/2025-11-18.md").entries[0]
    assert (top.model_name, top.rank, top.score, top.preliminary) == ("grok-4.1-thinking", 1, 1483.0, True)
    assert (top.ci_lower, top.ci_upper, top.votes) == (1472.0, 1494.0, 3298)
    assert (top.extra["rank_spread_best"], top.extra["rank_spread_worst"]) == (1, 2)


def test_gemini_3_pro_leads_on_2025_11_19_with_a_preliminary_1501() -> None:
    snapshot = _snapshot("text_full/2025-11-19.md")
    top = snapshot.entries[0]
    assert (top.model_name, top.rank, top.score, top.preliminary) == ("gemini-3-pro", 1, 1501.0, True)
    assert (top.organization, top.license, top.votes) == ("Google", "Proprietary", 3089)
    assert snapshot.board.board_id == "lmarena.text.overall.style_control"
    assert snapshot.published_at == date(2025, 11, 19)


def test_claude_opus_4_5_first_appears_on_2025_11_27() -> None:
    opus = {"claude-opus-4-5-20251101", "claude-opus-4-5-20251101-thinking-32k"}
    assert not opus & (_names("text_full/2025-11-18.md") | _names("text_full/2025-11-19.md"))
    snapshot = _snapshot("text_full/2025-11-27.md")
    assert opus <= {e.model_name for e in snapshot.entries}
    plain = _entry(snapshot, "claude-opus-4-5-20251101")
    assert (plain.rank, plain.score, plain.ci_lower, plain.ci_upper, plain.votes) == (
        3,
        1466.0,
        1457.0,
        1475.0,
        4677,
    )
    assert (plain.extra["rank_spread_best"], plain.extra["rank_spread_worst"]) == (2, 6)
    assert (plain.organization, plain.license, plain.preliminary) == ("Anthropic", "Proprietary", False)


# --- one row per column era, exactly as on the page --------------------------------------------


def test_2025_01_era_raw_scores_with_style_control_rank() -> None:
    snapshot = _snapshot("text_full/2025-01-17.md")
    # The page states its data date (2025-01-15), two days before the scrape.
    assert (snapshot.published_at, snapshot.board.board_id) == (date(2025, 1, 15), "lmarena.text.overall.raw")
    assert (len(snapshot.entries), snapshot.truncated) == (161, False)
    top = snapshot.entries[0]
    assert top == Entry(
        model_name="Gemini-Exp-1206", rank=1, score=1374.0, ci_lower=1369.0, ci_upper=1378.0, votes=20227,
        organization="Google", extra={"rank_style_control": 1},
    )  # fmt: skip
    assert _entry(snapshot, "o1-2024-12-17").extra == {"rank_style_control": 1}


def test_2025_05_18_era_adds_licence_and_plain_votes() -> None:
    snapshot = _snapshot("text_full/2025-05-18.md")
    r1 = _entry(snapshot, "deepseek-r1")
    assert (r1.rank, r1.extra["rank_style_control"], r1.score, r1.ci_lower, r1.ci_upper) == (
        8,
        8,
        1358.0,
        1354.0,
        1362.0,
    )
    assert (r1.votes, r1.organization, r1.license) == (18493, "DeepSeek", "MIT")
    assert _entry(snapshot, "gemma-3-27b-it").license == "Gemma"


def test_2025_06_era_links_and_knowledge_cutoff() -> None:
    snapshot = _snapshot("text_full/2025-06-05.md")
    assert (snapshot.published_at, snapshot.board.variant) == (date(2025, 6, 5), "raw")
    o3 = _entry(snapshot, "o3-2025-04-16")
    assert (o3.rank, o3.score, o3.ci_lower, o3.ci_upper, o3.votes) == (2, 1419.0, 1415.0, 1425.0, 13279)
    # 暂无数据 ("no data") leaves the cutoff out.
    assert o3.extra == {
        "rank_style_control": 1,
        "url": "https://openai.com/index/introducing-o3-and-o4-mini/",
    }
    assert _entry(snapshot, "o1-preview").extra["knowledge_cutoff"] == "2023/10"


def test_2025_10_09_era_website_scrape_with_logo_text() -> None:
    snapshot = _snapshot("text_full/2025-10-09.md")
    assert snapshot.board.board_id == "lmarena.text.overall.style_control"
    opus = _entry(snapshot, "claude-opus-4-1-20250805")
    assert (opus.rank, opus.score, opus.ci_lower, opus.ci_upper, opus.votes) == (
        2,
        1438.0,
        1433.0,
        1443.0,
        31452,
    )
    assert (opus.organization, opus.license) == ("Anthropic", "Proprietary")
    ling = _entry(snapshot, "ling-flash-2.0")
    assert (ling.rank, ling.score, ling.preliminary, ling.organization) == (62, 1349.0, True, "Ant Group")
    assert (_entry(snapshot, "llama-13b").rank, _entry(snapshot, "llama-13b").license) == (
        248,
        "Non-commercial",
    )


def test_2025_12_20_era_rank_spread_header() -> None:
    snapshot = _snapshot("text_full/2025-12-20.md")
    row = _entry(snapshot, "deepseek-v3.2-exp")
    assert (row.rank, row.extra, row.score, row.votes) == (
        28,
        {"rank_spread_best": 20, "rank_spread_worst": 43},
        1423.0,
        11929,
    )
    assert (row.ci_lower, row.ci_upper, row.organization, row.license) == (
        1416.0,
        1430.0,
        "DeepSeek AI",
        "MIT",
    )


def test_2026_02_10_era_glued_cells() -> None:
    snapshot = _snapshot("text_full/2026-02-10.md")
    top = snapshot.entries[0]
    assert top == Entry(
        model_name="claude-opus-4-6-thinking", rank=1, score=1504.0, ci_lower=1494.0, ci_upper=1514.0,
        votes=3401, organization="Anthropic", license="Proprietary",
        extra={"rank_spread_best": 1, "rank_spread_worst": 2},
    )  # fmt: skip
    hunyuan = _entry(snapshot, "hunyuan-vision-1.5-thinking")
    assert (hunyuan.rank, hunyuan.extra["rank_spread_best"], hunyuan.extra["rank_spread_worst"]) == (
        72,
        57,
        87,
    )


def test_2026_03_11_era_price_and_context() -> None:
    snapshot = _snapshot("text_full/2026-07-27.md")
    assert (len(snapshot.entries), snapshot.truncated) == (380, False)
    gpt = _entry(snapshot, "gpt-5.4-high")
    assert (gpt.rank, gpt.score, gpt.ci_lower, gpt.ci_upper, gpt.votes) == (16, 1477.0, 1473.0, 1481.0, 60260)
    assert gpt.extra == {
        "rank_spread_best": 11, "rank_spread_worst": 32, "price_input_usd_per_mtok": 2.5,
        "price_output_usd_per_mtok": 15.0, "context_window": "1.1M",
    }  # fmt: skip
    inkling = _entry(snapshot, "inkling")
    assert (inkling.organization, inkling.license, inkling.rank, inkling.votes) == (
        "Thinky",
        "Apache 2.0",
        70,
        7072,
    )
    alpaca = _entry(snapshot, "alpaca-13b")  # organisation missing, licence glued to the name
    assert (alpaca.organization, alpaca.license, alpaca.extra) == (
        None, "Non-commercial", {"rank_spread_best": 367, "rank_spread_worst": 372},
    )  # fmt: skip


def test_top30_text_page() -> None:
    snapshot = _snapshot("text_top30/2026-08-21.md")
    assert (snapshot.board.board_id, snapshot.truncated, len(snapshot.entries)) == (
        "lmarena.text.overall.style_control", True, 30,
    )  # fmt: skip
    top = snapshot.entries[0]
    assert (top.model_name, top.score, top.ci_lower, top.ci_upper, top.votes) == (
        "claude-fable-5",
        1507.0,
        1502.0,
        1512.0,
        23626,
    )
    assert top.extra["url"] == "https://www.anthropic.com/news/claude-fable-5-mythos-5"
    flash = _entry(snapshot, "gemini-3.7-flash-high")
    assert (flash.rank, flash.score, flash.preliminary, flash.ci_lower, flash.ci_upper) == (
        9,
        1490.0,
        True,
        1482.0,
        1498.0,
    )
    assert (flash.extra["rank_spread_best"], flash.extra["rank_spread_worst"]) == (3, 22)


def test_top30_agent_page_keeps_its_metrics() -> None:
    snapshot = _snapshot("agent_top30/2026-08-21.md")
    assert (snapshot.board.board_id, snapshot.board.metric, snapshot.truncated) == (
        "lmarena.agent.overall.raw",
        "score",
        True,
    )
    top = snapshot.entries[0]
    assert (top.model_name, top.rank, top.score, top.votes) == ("Claude Opus 5 (High)", 1, None, 19787)
    assert top.extra == {
        "rank_spread_best": 1, "rank_spread_worst": 6, "url": "https://www.anthropic.com/news/claude-opus-5",
        "session_count": 19787, "net_improvement": 12.47, "net_improvement_ci": 1.54,
        "confirmed_success": 15.41, "confirmed_success_ci": 3.16, "praise_vs_complaint": 20.52,
        "praise_vs_complaint_ci": 5.59, "steerability": 11.15, "steerability_ci": 2.98,
        "bash_recovery": 14.23, "bash_recovery_ci": 0.81,
        "tool_hallucination": 1.04, "tool_hallucination_ci": 0.17,
    }  # fmt: skip
    deepseek = _entry(snapshot, "DeepSeek V4 Pro (High) (0813)")
    assert (deepseek.rank, deepseek.organization, deepseek.license) == (14, "DeepSeek", "MIT")


def test_top30_code_webdev_page_is_the_webdev_board_dated_by_its_stamp() -> None:
    snapshot = _snapshot("code-webdev_top30/2026-08-12.md")
    # Committed on 2026-08-12, but the page was last refreshed at 2026-08-11 08:49 UTC.
    assert (snapshot.board.board_id, snapshot.published_at) == (
        "lmarena.webdev.overall.raw",
        date(2026, 8, 11),
    )
    qwen = _entry(snapshot, "qwen3.8-max")
    assert (qwen.rank, qwen.score, qwen.ci_lower, qwen.ci_upper, qwen.preliminary, qwen.votes) == (
        3, 1671.0, 1657.0, 1685.0, True, 2531,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("relative", "board_id", "first"),
    [
        (
            "search_top30/2026-08-07.md",
            "lmarena.search.overall.raw",
            ("claude-opus-4-6-search", 1253.0, 112201),
        ),
        (
            "vision_top30/2026-08-07.md",
            "lmarena.vision.overall.style_control",
            ("claude-fable-5", 1315.0, 8333),
        ),
        (
            "text-to-image_top30/2026-08-07.md",
            "lmarena.text-to-image.overall.raw",
            ("gpt-image-2 (medium)", 1380.0, 67864),
        ),
    ],
)
def test_other_top30_pages(relative: str, board_id: str, first: tuple[str, float, int]) -> None:
    snapshot = _snapshot(relative)
    top = snapshot.entries[0]
    assert (snapshot.board.board_id, (top.model_name, top.score, top.votes)) == (board_id, first)


# --- dates, arenas and truncation from outside the table ----------------------------------------


def _edited(relative: str, old: str, new: str, count: int = 1) -> RawPayload:
    raw = fixture_payload(f"{FOLDER}/{relative}")
    text = raw.content.decode()
    assert old in text
    return msgspec.structs.replace(raw, content=text.replace(old, new, count).encode())


def test_the_utc_date_of_the_stamp_is_used_not_the_beijing_date() -> None:
    raw = _edited(
        "text_top30/2026-08-21.md",
        "2026-08-21 08:35:38 UTC / 2026-08-21 16:35:38 CST",
        "2026-08-21 17:35:38 UTC / 2026-08-22 01:35:38 CST",
    )
    assert parse_cherry_markdown(raw)[0].published_at == date(2026, 8, 21)


def test_without_a_stamp_the_date_known_from_outside_is_used() -> None:
    raw = _edited("text_full/2025-11-19.md", "> **数据更新时间**: 2025-11-19 08:08:17 UTC", "> 更新: ")
    assert raw.published_hint == date(2025, 11, 19)
    assert parse_cherry_markdown(raw)[0].published_at == date(2025, 11, 19)


def test_without_link_and_title_the_origin_hint_names_the_arena() -> None:
    raw = _edited("code-webdev_top30/2026-08-12.md", "# 代码 / Web 开发榜单", "# 榜单")
    raw = msgspec.structs.replace(
        raw, content=raw.content.replace(b"https://arena.ai/leaderboard/code/webdev", b"")
    )
    assert raw.hints["arena"] == "code-webdev (top 30)"
    assert parse_cherry_markdown(raw)[0].board.arena == "webdev"
    anonymous = msgspec.structs.replace(raw, hints={})
    with pytest.raises(ParseError, match=r"2026-08-12\.md: line 1: cannot tell which arena"):
        parse_cherry_markdown(anonymous)


def test_a_full_page_missing_its_bottom_rows_is_marked_truncated() -> None:
    raw = fixture_payload(f"{FOLDER}/text_full/2025-11-19.md")
    lines = raw.content.decode().splitlines(keepends=True)
    last_row = max(i for i, line in enumerate(lines) if line.startswith("|"))
    cut = msgspec.structs.replace(
        raw, content="".join(lines[: last_row - 9] + lines[last_row + 1 :]).encode()
    )
    snapshot = parse_cherry_markdown(cut)[0]
    assert (len(snapshot.entries), snapshot.truncated) == (257, True)


# --- sniffing -----------------------------------------------------------------------------------


def test_sniff_recognises_every_era_and_nothing_else() -> None:
    for relative in ("text_full/2025-01-17.md", "text_full/2026-07-27.md", "agent_top30/2026-08-21.md"):
        raw = fixture_payload(f"{FOLDER}/{relative}")
        assert sniff(raw.origin, raw.content[:65536])
    assert not sniff("page.html", b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>")
    assert not sniff("README.md", b"# Notes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert not sniff(
        "lmsys.csv", b"rank,rank_stylectrl,model,arena_score,95_pct_ci,votes\n1,1,x,1374,+4/-5,20227\n"
    )


# --- bad input: real pages with one realistic corruption each ----------------------------------


def _error(raw: RawPayload) -> str:
    with pytest.raises(ParseError) as caught:
        parse_cherry_markdown(raw)
    return str(caught.value)


def test_a_row_missing_a_cell() -> None:
    message = _error(
        _edited("text_full/2025-11-19.md", "| 1501Preliminary | ±11            ", "| 1501Preliminary ")
    )
    assert re.search(
        r"2025-11-19\.md: line 11, column 许可证: the row has 7 cells, the header has 8", message
    )


def test_an_unknown_header() -> None:
    message = _error(_edited("text_full/2026-02-10.md", "|   Rank Spread |", "|   Rank Range |"))
    assert re.search(r"2026-02-10\.md: line 9, column Rank Range: unknown table header", message)


def test_a_shifted_column_puts_the_provider_under_votes() -> None:
    raw = _edited("text_full/2025-05-18.md", "|  18493 | DeepSeek               | MIT", "| DeepSeek | MIT | ")
    message = _error(raw)
    assert re.search(r"2025-05-18\.md: line 16, column 票数: expected a whole number .* 'DeepSeek'", message)


def test_a_score_that_is_not_a_score() -> None:
    message = _error(_edited("agent_top30/2026-08-21.md", "12.47%±1.54%", "12.47%"))
    assert re.search(r"2026-08-21\.md: line 17, column 净改进率: expected a percentage", message)


def test_a_file_cut_off_mid_table() -> None:
    raw = fixture_payload(f"{FOLDER}/text_full/2026-07-27.md")
    text = raw.content.decode()
    mid_row = text.index("| Anthropicclaude-opus-4-7Anthropic")
    cut_in_row = msgspec.structs.replace(raw, content=text[:mid_row].encode())
    assert re.search(r"2026-07-27\.md: line 16, column Rank Spread: the row is cut off", _error(cut_in_row))
    cut_at_row = msgspec.structs.replace(raw, content=text[: text.index("\n", mid_row) + 1].encode())
    assert re.search(r"2026-07-27\.md: line 16: the file ends inside the table", _error(cut_at_row))


def test_an_empty_file_and_an_html_error_page() -> None:
    raw = fixture_payload(f"{FOLDER}/text_full/2025-10-09.md")
    assert re.search(
        r"2025-10-09\.md: line 1: the file is empty", _error(msgspec.structs.replace(raw, content=b""))
    )
    html = msgspec.structs.replace(raw, content=b"<html><body><h1>502 Bad Gateway</h1></body></html>\n")
    assert re.search(
        r"2025-10-09\.md: line 1: this is an HTML page \(an error page saved as \.md\?\), "
        "not a Cherry Studio leaderboard page",
        _error(html),
    )
