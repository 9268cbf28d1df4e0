"""``/v1/changes`` and its Atom feeds over the real bundled history."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import feedparser
import msgspec
from litestar import Litestar
from litestar.testing import TestClient

from ingest.changes import KINDS
from ingest.changes import ChangeEvent as StoredEvent
from ingest.warehouse import current_generation_path
from service.controllers.changes import ChangeKind
from service.queries.leaders import board_leaders
from service.schemas_changes import ChangeEvent

STYLE = "lmarena.text.overall.style_control"
RAW = "lmarena.text.overall.raw"
TAG = "tag:rankledger.dev,2026:"


def test_the_wire_event_is_the_stored_event_field_for_field() -> None:
    # the webhook's `data` is the stored row: /v1/changes must show the same fields
    assert ChangeEvent.__struct_fields__ == StoredEvent.__struct_fields__


def test_the_kind_parameter_lists_every_kind() -> None:
    assert tuple(kind.value for kind in ChangeKind) == KINDS


def test_changes_filter_by_board_kind_and_days(client: TestClient[Litestar]) -> None:
    response = client.get(
        "/v1/changes",
        params={
            "board": STYLE,
            "kind": ["new_leader", "co_leaders"],
            "from": "2025-11-01",
            "to": "2025-11-30",
        },
    )

    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["occurred_on"], i["kind"], i["model_ids"]) for i in items] == [
        ("2025-11-19", "co_leaders", ["gemini-3-pro", "grok-4.1"]),
        ("2025-11-18", "new_leader", ["grok-4.1"]),
        ("2025-11-06", "co_leaders", ["claude-opus-4-1", "claude-sonnet-4-5", "gemini-2.5-pro"]),
    ]
    assert items[1]["previous_on"] == "2025-11-13"


def test_a_model_filter_accepts_any_spelling_and_keeps_events_naming_it(client: TestClient[Litestar]) -> None:
    by_id = client.get("/v1/changes", params={"model": "gemini-3-pro", "board": STYLE, "to": "2025-11-19"})
    by_name = client.get("/v1/changes", params={"model": "Gemini-3-Pro", "board": STYLE, "to": "2025-11-19"})

    assert by_id.json() == by_name.json()
    assert [(i["occurred_on"], i["kind"]) for i in by_id.json()["items"]] == [
        ("2025-11-19", "co_leaders"),
        ("2025-11-19", "enters_top10"),
        ("2025-11-19", "new_models"),
        ("2025-11-19", "claim_verdict"),  # decided on this board: claims come last in a day
    ]


def test_changes_page_like_the_other_lists(client: TestClient[Litestar]) -> None:
    first = client.get("/v1/changes", params={"board": RAW, "limit": 2})
    second = client.get("/v1/changes", params={"board": RAW, "limit": 2, "offset": 2})

    total = int(first.headers["x-total-count"])
    assert first.json()["total"] == total > 100
    assert 'rel="next"' in first.headers["link"]
    assert len(second.json()["items"]) == 2
    assert first.json()["items"][1]["event_id"] != second.json()["items"][0]["event_id"]


def test_changes_come_as_csv_with_the_json_keys_as_columns(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/changes", params={"board": STYLE, "kind": "new_leader", "format": "csv"})

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.headers["content-type"].startswith("text/csv")
    assert list(rows[0]) == list(ChangeEvent.__struct_fields__)
    grok = next(r for r in rows if r["occurred_on"] == "2025-11-18")
    assert grok["model_ids"] == '["grok-4.1"]'
    assert grok["title"] == f"Grok 4.1 (thinking) takes the lead of {STYLE}"


def test_bad_parameters_and_unknown_ids_are_problem_details(client: TestClient[Litestar]) -> None:
    cases = {
        "/v1/changes?board=lmarena.nope": (404, "board"),
        "/v1/boards/lmarena.nope/changes.atom": (404, "board"),
        "/v1/changes?model=gpt-9": (404, "model"),
        "/v1/changes?kind=new_king": (400, "kind"),
        "/v1/changes?from=2025-12-01&to=2025-11-01": (400, "to"),
        "/v1/changes.atom?limit=0": (400, "limit"),
    }
    for url, (status, named) in cases.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert response.headers["content-type"] == "application/problem+json", url
        assert named in response.text, url


def _feed(client: TestClient[Litestar], url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_board_feed_has_grok_4_1_then_gemini_3_pro_at_the_top(client: TestClient[Litestar]) -> None:
    feed = _feed(client, f"/v1/boards/{STYLE}/changes.atom?to=2025-11-30&kind=new_leader&kind=co_leaders")
    entries = {entry.id: entry for entry in feed.entries}

    assert feed.feed.id == f"{TAG}feed/board/{STYLE}?to=2025-11-30&kind=co_leaders&kind=new_leader"
    assert feed.feed.updated == "2025-11-19T00:00:00Z"
    gemini = entries[f"{TAG}board/{STYLE}/2025-11-19/co_leaders/gemini-3-pro+grok-4.1"]
    grok = entries[f"{TAG}board/{STYLE}/2025-11-18/new_leader/grok-4.1"]
    assert gemini.title == f"Gemini 3 Pro joins Grok 4.1 (thinking) at rank 1 on {STYLE}"
    assert gemini.updated == "2025-11-19T00:00:00Z"
    assert gemini.link == f"http://testserver.local/v1/boards/{STYLE}/leaderboard?as_of=2025-11-19"
    # the former leader as that day's board named it
    assert gemini.summary.endswith("Before (2025-11-18): Grok 4.1 (thinking).")
    assert grok.title == f"Grok 4.1 (thinking) takes the lead of {STYLE}"
    assert grok.published == "2025-11-18T00:00:00Z"
    assert [t.term for t in grok.tags] == ["new_leader", STYLE]
    assert feed.entries[0].id == gemini.id  # newest first


def test_the_raw_board_feed_has_gemini_2_5_pro_as_sole_leader_from_2025_03_26(
    client: TestClient[Litestar],
) -> None:
    feed = _feed(client, f"/v1/boards/{RAW}/changes.atom?kind=new_leader&from=2025-03-26&to=2025-03-26")

    (entry,) = feed.entries
    assert entry.id == f"{TAG}board/{RAW}/2025-03-26/new_leader/gemini-2.5-pro"
    assert entry.title == f"Gemini 2.5 Pro (03-25) takes the lead of {RAW}"
    before = "Before (2025-03-22): Early Grok 3 (chocolate), GPT-4.5 (preview) and Grok 3 (02-24)."
    assert before in entry.summary


def test_the_feed_of_all_boards_takes_the_same_filters(client: TestClient[Litestar]) -> None:
    feed = _feed(client, "/v1/changes.atom?kind=claim_verdict")

    assert feed.feed.id == f"{TAG}feed/changes?kind=claim_verdict"
    assert [e.updated[:10] for e in feed.entries] == ["2025-12-29", "2025-11-19", "2025-11-18", "2025-03-26"]
    assert feed.entries[1].title == (
        "Claim Supported: Google says Gemini 3 Pro is first on LMArena's text leaderboard"
        " with a score of 1501."
    )
    assert feed.entries[1].link.endswith("/v1/claims/google-gemini-3-pro-tops-lmarena-text-1501")
    assert len(_feed(client, "/v1/changes.atom").entries) == 100  # the default limit


def test_the_feed_answers_304_to_its_etag(client: TestClient[Litestar]) -> None:
    url = f"/v1/boards/{STYLE}/changes.atom"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_leader_events_are_the_reigns_of_v1_leaders_on_every_board(seeded_data_dir: Path) -> None:
    path = current_generation_path(seeded_data_dir)
    assert path is not None
    with duckdb.connect(str(path), read_only=True) as db:
        boards = [str(r[0]) for r in db.execute("SELECT DISTINCT board_id FROM served_snapshot").fetchall()]
        events = db.execute(
            "SELECT board_id, occurred_on, model_ids FROM change_event"
            " WHERE kind IN ('new_leader', 'co_leaders') ORDER BY board_id, occurred_on"
        ).fetchall()
        reigns = [
            (board, reign.first_day, reign.model_ids)
            for board in sorted(boards)
            for reign in board_leaders(db, board).items
        ]

    assert len(reigns) > 500
    assert [(b, d, list(m)) for b, d, m in events] == reigns


def test_a_change_event_decodes_as_the_wire_schema(client: TestClient[Litestar]) -> None:
    body = client.get("/v1/changes", params={"limit": 5}).content

    decoded = msgspec.json.decode(body)
    assert [msgspec.convert(i, ChangeEvent) for i in decoded["items"]]
