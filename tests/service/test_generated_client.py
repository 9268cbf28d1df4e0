"""A client generated from the committed ``openapi/openapi.json`` by a standard generator works.

``openapi-python-client`` writes a typed package from the contract at test time; its calls go to
the app through the Litestar test client (an ``httpx.Client``), so no server process is needed.
The generator runs with ``--fail-on-warning``: a part of the contract it cannot turn into code
(an unsupported content type, an invalid schema) fails the test instead of being left out.
"""

from __future__ import annotations

import datetime
import importlib
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import ROOT

PACKAGE = "rankledger_client"
TEXT_RAW = "lmarena.text.overall.raw"


@pytest.fixture(scope="session")
def generated_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated package, importable for the session."""
    folder = tmp_path_factory.mktemp("generated-client")
    config = folder / "config.yaml"
    # No post hooks: they would run ruff over the generated code, which only formats it. The Atom
    # feeds come back as text (the generator knows no XML media type).
    config.write_text(
        "post_hooks: []\ncontent_type_overrides:\n  application/atom+xml: text/plain\n", encoding="utf-8"
    )
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(ROOT / "openapi" / "openapi.json"),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(folder / PACKAGE),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@pytest.fixture
def api(generated_client: ModuleType, client: TestClient[Litestar]) -> object:
    """The generated ``Client``, sending through the app's test client."""
    api = generated_client.Client(base_url=str(client.base_url), raise_on_unexpected_status=True)
    api.set_httpx_client(client)
    return api


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_list_boards_returns_typed_boards(api: object) -> None:
    models = _module("models")

    body = _module("api.boards.list_boards").sync(client=api, source="lmarena")

    assert isinstance(body, models.BoardList)
    boards = {board.board_id: board for board in body.items}
    raw = boards[TEXT_RAW]
    assert isinstance(raw, models.Board)
    assert (raw.arena, raw.category, raw.variant) == ("text", "overall", "raw")
    assert raw.first_published_at == datetime.date(2023, 5, 8)
    assert body.total == len(body.items)


def test_model_history_returns_typed_points(api: object) -> None:
    models = _module("models")

    body = _module("api.models.get_model_history").sync("gpt-4o-2024-05-13", client=api, board=TEXT_RAW)

    assert isinstance(body, models.ModelHistory)
    assert (body.model_id, body.spelling) == ("gpt-4o", "gpt-4o-2024-05-13")
    point = next(p for p in body.items if p.published_at == datetime.date(2024, 6, 19))
    assert isinstance(point, models.HistoryPoint)
    assert (point.model_name, point.rank, point.score, point.votes) == ("GPT-4o-2024-05-13", 1, 1287.0, 42046)


def test_board_leaderboard_returns_the_typed_snapshot(api: object) -> None:
    models = _module("models")

    body = _module("api.boards.get_board_leaderboard").sync(
        TEXT_RAW, client=api, as_of=datetime.date(2025, 5, 24)
    )

    assert isinstance(body, models.Leaderboard)
    assert body.snapshot.published_at == datetime.date(2025, 5, 24)
    assert body.snapshot.parser == "lmarena-catalog-json"
    leader = body.items[0]
    assert isinstance(leader, models.LeaderboardEntry)
    assert leader.rank_best == 1
    assert leader.score == max(entry.score for entry in body.items if entry.score is not None)


def test_errors_arrive_as_typed_problem_details(api: object) -> None:
    models = _module("models")

    response = _module("api.boards.get_board_leaderboard").sync_detailed("no.such.board.raw", client=api)

    assert response.status_code == 404
    assert isinstance(response.parsed, models.ProblemDetails)
    assert (response.parsed.kind, response.parsed.key) == ("board", "no.such.board.raw")
