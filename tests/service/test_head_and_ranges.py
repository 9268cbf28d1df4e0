"""``HEAD`` on every ``GET``, byte ranges (RFC 9110 §14), strong validators of export files, ``Vary``."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.byte_ranges import ByteRange, RangeNotSatisfiableError, if_range_holds, requested_range
from service.openapi_examples import EXAMPLE_REQUESTS

ENTRIES = "/v1/exports/entries.parquet"
HISTORY_CSV = "/v1/models/gpt-4o-2024-05-13/history?board=lmarena.text.overall.raw&format=csv"


def _headers(response: httpx.Response) -> dict[str, str]:
    per_response = {"server-timing", "date", "x-request-id"}  # the clock, the request id
    return {k: v for k, v in response.headers.items() if k not in per_response}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", ByteRange(start=0, end=99)),
        ("bytes=990-", ByteRange(start=990, end=999)),
        ("bytes=-10", ByteRange(start=990, end=999)),
        ("bytes=-5000", ByteRange(start=0, end=999)),
        ("bytes=900-5000", ByteRange(start=900, end=999)),
        ("BYTES=1-1", ByteRange(start=1, end=1)),
        ("bytes=0-0,-1", None),  # several ranges: the whole file
        ("bytes=5-3", None),  # not a valid range: ignored
        ("items=0-9", None),
        ("bytes=x-9", None),
        ("bytes=-", None),
        (None, None),
    ],
)
def test_range_headers_select_one_range_or_none(header: str | None, expected: ByteRange | None) -> None:
    assert requested_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_ranges_outside_the_file_are_not_satisfiable(header: str) -> None:
    with pytest.raises(RangeNotSatisfiableError):
        requested_range(header, 1000)


def test_if_range_needs_the_strong_etag_or_the_exact_date() -> None:
    date = "Fri, 04 Dec 2026 18:23:58 GMT"

    assert if_range_holds(None, '"a"', date)
    assert if_range_holds('"a"', '"a"', date)
    assert not if_range_holds('W/"a"', '"a"', date)
    assert not if_range_holds('"a"', 'W/"a"', date)
    assert not if_range_holds('"b"', '"a"', date)
    assert if_range_holds(date, '"a"', date)
    assert not if_range_holds("Fri, 04 Dec 2026 18:23:59 GMT", '"a"', date)
    assert not if_range_holds("yesterday", '"a"', date)


@pytest.mark.parametrize("operation_id", sorted(EXAMPLE_REQUESTS))
def test_head_gives_the_headers_of_get_without_a_body(
    operation_id: str,
    client: TestClient[Litestar],
) -> None:
    url = EXAMPLE_REQUESTS[operation_id]
    get = client.get(url, headers={"Accept-Encoding": "gzip"})
    head = client.head(url, headers={"Accept-Encoding": "gzip"})

    assert (head.status_code, head.content) == (200, b"")
    assert _headers(head) == _headers(get)


def test_head_ignores_range_and_describes_the_whole_file(client: TestClient[Litestar]) -> None:
    head = client.head(ENTRIES, headers={"Range": "bytes=0-99"})

    assert head.status_code == 200
    assert head.headers["content-length"] == str(len(client.get(ENTRIES).content))
    assert head.headers["accept-ranges"] == "bytes"


def test_export_files_answer_single_open_ended_and_suffix_ranges(
    client: TestClient[Litestar],
    seeded_data_dir: Path,
) -> None:
    whole = client.get(ENTRIES)
    size = len(whole.content)
    first = client.get(ENTRIES, headers={"Range": "bytes=0-99"})
    tail = client.get(ENTRIES, headers={"Range": f"bytes={size - 100}-"})
    footer = client.get(ENTRIES, headers={"Range": "bytes=-8"})
    several = client.get(ENTRIES, headers={"Range": "bytes=0-3,-4"})

    assert whole.headers["accept-ranges"] == "bytes"
    assert (first.status_code, first.content) == (206, whole.content[:100])
    assert first.headers["content-range"] == f"bytes 0-99/{size}"
    assert first.headers["content-length"] == "100"
    assert first.headers["etag"] == whole.headers["etag"]
    assert (tail.status_code, tail.content) == (206, whole.content[-100:])
    assert (footer.status_code, footer.content[-4:]) == (206, b"PAR1")
    assert (several.status_code, several.content) == (200, whole.content)


def test_a_range_past_the_end_is_416_with_the_size(client: TestClient[Litestar]) -> None:
    size = len(client.get(ENTRIES).content)
    response = client.get(ENTRIES, headers={"Range": f"bytes={size}-"})

    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{size}"
    assert response.headers["content-type"] == "application/problem+json"
    assert f"ask for bytes 0-{size - 1} at most" in response.json()["detail"]


def test_export_files_have_a_strong_etag_that_if_range_and_if_none_match_honour(
    client: TestClient[Litestar],
) -> None:
    whole = client.get(ENTRIES)
    etag = whole.headers["etag"]
    matching = client.get(ENTRIES, headers={"Range": "bytes=0-9", "If-Range": etag})
    stale = client.get(ENTRIES, headers={"Range": "bytes=0-9", "If-Range": '"an-older-file"'})
    by_date = client.get(ENTRIES, headers={"Range": "bytes=0-9", "If-Range": whole.headers["last-modified"]})
    not_modified = client.get(ENTRIES, headers={"If-None-Match": etag})

    assert etag.startswith('"')
    assert (matching.status_code, len(matching.content)) == (206, 10)
    assert (stale.status_code, stale.content) == (200, whole.content)
    assert by_date.status_code == 206
    assert (not_modified.status_code, not_modified.headers["etag"]) == (304, etag)


def test_a_gzipped_csv_export_gets_the_weak_form_of_the_tag(client: TestClient[Litestar]) -> None:
    gzipped = client.get("/v1/exports/boards.csv", headers={"Accept-Encoding": "gzip"})
    plain = client.get("/v1/exports/boards.csv", headers={"Accept-Encoding": "identity"})
    revalidated = client.get(
        "/v1/exports/boards.csv",
        headers={"Accept-Encoding": "gzip", "If-None-Match": gzipped.headers["etag"]},
    )

    assert gzipped.headers["content-encoding"] == "gzip"
    assert gzipped.headers["etag"] == f"W/{plain.headers['etag']}"
    assert "content-encoding" not in plain.headers
    assert (revalidated.status_code, revalidated.headers["etag"]) == (304, gzipped.headers["etag"])


def test_ranges_of_an_api_answer_are_cut_from_its_uncompressed_bytes(
    client: TestClient[Litestar],
) -> None:
    whole = client.get(HISTORY_CSV, headers={"Accept-Encoding": "identity"})
    part = client.get(HISTORY_CSV, headers={"Range": "bytes=10-59", "Accept-Encoding": "gzip"})
    with_if_range = client.get(
        HISTORY_CSV, headers={"Range": "bytes=10-59", "If-Range": whole.headers["etag"]}
    )

    assert whole.headers["accept-ranges"] == "bytes"
    assert (part.status_code, part.content) == (206, whole.content[10:60])
    assert part.headers["content-range"] == f"bytes 10-59/{len(whole.content)}"
    assert "content-encoding" not in part.headers
    assert part.headers["etag"] == whole.headers["etag"]
    assert (with_if_range.status_code, with_if_range.content) == (200, whole.content)  # weak tag: no range


def test_vary_names_what_the_representation_depends_on(client: TestClient[Litestar]) -> None:
    boards = client.get("/v1/boards")
    not_modified = client.get("/v1/boards", headers={"If-None-Match": boards.headers["etag"]})

    assert boards.headers["vary"] == "Accept, Accept-Encoding"
    assert not_modified.headers["vary"] == "Accept, Accept-Encoding"
    assert client.get("/healthz").headers["vary"] == "Accept-Encoding"
    assert client.get("/v1/exports/boards.csv").headers["vary"] == "Accept-Encoding"


def test_an_unknown_export_dataset_lists_the_datasets(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/exports/everything.parquet")

    assert response.status_code == 404
    assert response.json()["known"][:4] == ["sources", "boards", "snapshots", "entries"]
    assert "What exists: sources, boards, snapshots, entries" in response.json()["detail"]
