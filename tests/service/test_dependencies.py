"""The warehouse cursor a request holds is released however the request ends."""

from __future__ import annotations

import gc

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from ingest.warehouse import GenerationPool


@pytest.mark.parametrize(
    "path",
    [
        "/v1/boards?limit=0",  # the page dependency fails after the view's cursor was opened
        "/v1/boards/lmarena.text.overall.raw/leaderboard?offset=-1",
        "/v1/boards/no.such.board.raw/leaderboard",  # the handler fails
        "/v1/boards?limit=1",
    ],
)
def test_a_request_releases_its_cursor(client: TestClient[Litestar], path: str) -> None:
    # Found by Schemathesis: a rejected `limit` left the cursor open (Litestar skips the cleanup of
    # a generator dependency when another dependency fails), and the abandoned generator, finalised
    # by the garbage collector while the pool's lock was held, deadlocked the server.
    pool: GenerationPool = client.app.state.generations

    # With the collector held off, only a release at the end of the request can close a cursor.
    gc.disable()
    try:
        for _ in range(3):
            assert client.get(path).status_code in {200, 400, 404}

        with pool.cursor() as (generation, _):
            assert generation.in_flight == 1  # this cursor alone
    finally:
        gc.enable()
