"""The committed contract: openapi/openapi.json is what the app generates."""

from __future__ import annotations

import json

from litestar.testing import TestClient

from service.app import create_app
from service.cli import main
from service.settings import Settings
from tests.conftest import ROOT


def test_committed_openapi_matches_the_app(tmp_path) -> None:  # type: ignore[no-untyped-def]
    generated = tmp_path / "openapi.json"

    assert main(["openapi", "--out", str(generated)]) == 0

    committed = (ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8")
    assert generated.read_text(encoding="utf-8") == committed, (
        "openapi/openapi.json drifted from the app: run `make openapi` and review the diff"
    )


def test_every_operation_has_an_operation_id_and_summary() -> None:
    schema = create_app(Settings()).openapi_schema.to_schema()

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("operationId"), f"{method.upper()} {path} has no operationId"
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"


def test_openapi_is_served(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app=create_app(Settings(data_dir=tmp_path))) as client:
        served = client.get("/openapi.json").json()

    committed = json.loads((ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    assert served == committed
