"""The committed contract: openapi/openapi.json is what the app generates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from litestar.testing import TestClient

from service.app import create_app
from service.cli import main
from service.settings import Settings
from tests.conftest import ROOT


def test_committed_openapi_matches_the_app(tmp_path: Path) -> None:
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


def test_openapi_is_served(tmp_path: Path) -> None:
    with TestClient(app=create_app(Settings(data_dir=tmp_path))) as client:
        served = client.get("/openapi.json").json()

    committed = json.loads((ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    assert served == committed


def _schema() -> dict[str, Any]:
    return create_app(Settings()).openapi_schema.to_schema()


def test_every_operation_describes_itself_from_its_handler_docstring() -> None:
    schema = _schema()

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("description"), f"{method.upper()} {path}: write a docstring on its handler"
    movers = schema["paths"]["/v1/movers"]["get"]["description"]
    assert movers.startswith("Moves up first, then down")


def test_every_schema_and_property_has_a_description() -> None:
    undescribed = []
    for name, component in _schema()["components"]["schemas"].items():
        if not component.get("description"):
            undescribed.append(name)
        properties = component.get("properties", {})
        undescribed += [f"{name}.{key}" for key, prop in properties.items() if not prop.get("description")]

    assert not undescribed, (
        "write a docstring under each of these fields (or add the name to service/schema_glossary.py): "
        + ", ".join(undescribed)
    )


def test_field_descriptions_come_from_docstrings_then_the_glossary() -> None:
    components = _schema()["components"]["schemas"]

    entry = components["LeaderboardEntry"]["properties"]
    snapshot = components["Leaderboard"]["properties"]["snapshot"]
    assert entry["model_name"]["description"] == "Name exactly as the source writes it."
    assert entry["rank_best"]["description"].startswith("Best rank the confidence intervals allow")
    assert components["SourceList"]["properties"]["items"]["description"].startswith("This page of the list")
    assert snapshot["$ref"] == "#/components/schemas/SnapshotInfo"
    assert snapshot["description"].startswith("The snapshot current")
    assert components["MoverList"]["properties"]["since"]["deprecated"] is True


def test_tags_licence_contact_and_security_are_declared() -> None:
    schema = _schema()
    declared = {tag["name"]: tag.get("description") for tag in schema["tags"]}
    used = {tag for item in schema["paths"].values() for op in item.values() for tag in op.get("tags", [])}

    assert used <= set(declared), f"declare these tags in service/openapi_contract.py: {used - set(declared)}"
    assert all(declared.values())
    assert schema["info"]["license"] == {"name": "MIT", "url": "https://opensource.org/license/mit"}
    assert schema["info"]["contact"]["name"] == "rankledger maintainers"
    assert schema["security"] == []


def test_old_parameter_names_are_documented_as_deprecated_aliases() -> None:
    paths = _schema()["paths"]

    def parameters(path: str) -> dict[str, dict[str, Any]]:
        return {p["name"]: p for p in paths[path]["get"]["parameters"]}

    movers = parameters("/v1/movers")
    unresolved = parameters("/v1/identity/unresolved")
    assert (movers["since"]["deprecated"], movers["until"]["deprecated"]) == (True, True)
    assert (movers["from"]["deprecated"], movers["to"]["deprecated"]) == (False, False)
    assert unresolved["since"]["deprecated"] is True
    assert "Deprecated alias of `from`" in unresolved["since"]["description"]
