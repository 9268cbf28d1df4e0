"""The example response of every operation in the contract is what the app really answers.

``service/openapi_examples.json`` is recorded from the warehouse built from ``seeds/``
(``make openapi``); each example is replayed here against the seeded app, so an example cannot
drift from the data or from the code. Values that change with every build (the generation's name
and time, and checksums of files that record it) are not compared.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.openapi_contract import recorded_examples
from service.openapi_examples import EXAMPLE_REQUESTS, record_examples, without_varying
from service.settings import Settings


@pytest.fixture(scope="module")
def replayed(client: TestClient[Litestar]) -> dict[str, dict[str, Any]]:
    def get(url: str) -> tuple[int, str, bytes]:
        response = client.get(url)
        return response.status_code, response.headers.get("content-type", ""), response.content

    return record_examples(get)


@pytest.mark.parametrize("operation_id", sorted(EXAMPLE_REQUESTS))
def test_the_recorded_example_is_what_the_app_answers(
    operation_id: str, replayed: dict[str, dict[str, Any]]
) -> None:
    recorded = recorded_examples()[operation_id]

    assert recorded["request"] == EXAMPLE_REQUESTS[operation_id]
    assert without_varying(replayed[operation_id]) == without_varying(recorded), (
        f"the example of {operation_id} drifted from the app: run `make openapi` and review the diff"
    )


def test_every_operation_has_an_example_response() -> None:
    schema = create_app(Settings()).openapi_schema.to_schema()

    for path, item in schema["paths"].items():
        operation = item["get"]
        content = operation["responses"]["200"]["content"]
        examples = [media["examples"]["seeded"] for media in content.values() if "examples" in media]
        assert examples, f"GET {path} ({operation['operationId']}) has no example: add it to EXAMPLE_REQUESTS"
        assert examples[0]["summary"].startswith(f"GET {EXAMPLE_REQUESTS[operation['operationId']]}")
