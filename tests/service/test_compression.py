"""gzip: the same response compresses to the same bytes; streamed files too; Parquet never."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.testing import TestClient
from litestar.types import Message, Receive, Scope, Send

from ingest.warehouse import current_generation_path, exports_dir
from service.compression import GzipMiddleware

HISTORY = "/v1/models/gpt-4o-2024-05-13/history?board=lmarena.text.overall.raw"


def _raw(client: TestClient[Litestar], url: str, accept_encoding: str) -> tuple[dict[str, str], bytes]:
    with client.stream("GET", url, headers={"Accept-Encoding": accept_encoding}) as response:
        assert response.status_code == 200
        return dict(response.headers), b"".join(response.iter_raw())


def test_a_response_compresses_to_the_same_bytes_every_time(client: TestClient[Litestar]) -> None:
    headers, first = _raw(client, HISTORY + "&format=csv&limit=100", "gzip")
    _, second = _raw(client, HISTORY + "&limit=100&format=csv", "gzip")  # same response, not a cache hit

    assert headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in headers["vary"]
    assert int(headers["content-length"]) == len(first)
    assert first[4:8] == b"\0\0\0\0"  # no modification time in the gzip header
    assert first == second
    assert gzip.decompress(first).startswith(b"board_id,published_at,model_name")


def test_an_export_file_is_compressed_as_it_streams(
    client: TestClient[Litestar], seeded_data_dir: Path
) -> None:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    on_disk = (exports_dir(generation) / "model_aliases.csv").read_bytes()

    headers, body = _raw(client, "/v1/exports/model_aliases.csv", "gzip, deflate")

    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == on_disk
    assert len(body) < len(on_disk) / 4


async def test_a_body_sent_in_parts_is_compressed_part_by_part() -> None:
    parts = [b"rank,model\n" * 200, b"1,gemini-3-pro\n" * 200, b""]

    async def streaming_app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"6000")]})
        for number, part in enumerate(parts):
            await send({"type": "http.response.body", "body": part, "more_body": number < len(parts) - 1})

    sent: list[Any] = []  # the ASGI messages, read by key

    async def record(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "path": "/v1/exports/x.csv", "headers": [(b"accept-encoding", b"gzip")]}
    await GzipMiddleware(streaming_app)(scope, _no_body, record)  # type: ignore[arg-type]

    head = dict(sent[0]["headers"])
    assert head[b"content-encoding"] == b"gzip"
    assert b"content-length" not in head
    assert [m["more_body"] for m in sent[1:]] == [True, True, False]
    assert gzip.decompress(b"".join(m["body"] for m in sent[1:])) == b"".join(parts)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def test_parquet_small_bodies_and_refused_gzip_are_sent_as_they_are(client: TestClient[Litestar]) -> None:
    parquet, _ = _raw(client, "/v1/exports/boards.parquet", "gzip")
    small, _ = _raw(client, "/healthz", "gzip")
    refused, body = _raw(client, HISTORY, "gzip;q=0, identity")

    assert "content-encoding" not in parquet
    assert "content-encoding" not in small
    assert "content-encoding" not in refused
    assert body.startswith(b'{"items":[{"board_id":"lmarena.text.overall.raw"')
