"""``GET /v1/models/resolve`` answers for any spelling: recorded, by the rules, or the closest models."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

SOURCES = ["aider", "artificial-analysis", "livebench", "lmarena", "open-llm-leaderboard", "swebench"]


def _resolve(client: TestClient[Litestar], **params: str) -> dict[str, Any]:
    response = client.get("/v1/models/resolve", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_recorded_spelling_answers_with_its_aliases_as_before(client: TestClient[Litestar]) -> None:
    body = _resolve(client, name="gemini-3-pro-preview-11-2025-high", source="livebench")

    assert (body["rules_applied"], body["closest"]) == (False, [])
    assert [(i["model_id"], i["variant"], i["observed"]) for i in body["items"]] == [
        ("gemini-3-pro", "high-2025-11", True)
    ]


def test_a_display_name_nobody_used_resolves_by_the_rules_in_every_source(
    client: TestClient[Litestar],
) -> None:
    body = _resolve(client, name="Gemini 2.5 Pro (high)")

    assert body["rules_applied"] is True
    assert [i["source_id"] for i in body["items"]] == SOURCES
    assert {
        (i["alias"], i["model_id"], i["variant"], i["resolved"], i["observed"]) for i in body["items"]
    } == {("Gemini 2.5 Pro (high)", "gemini-2.5-pro", "high", True, False)}
    assert {i["rule"] for i in body["items"]} == {
        "suffix rule (reasoning effort high), then canonical id (case and separators)"
    }
    assert body["items"][0]["variant_attributes"] == {"reasoning_effort": "high"}
    assert body["closest"] == []


def test_a_canonical_id_in_a_source_that_never_wrote_it(client: TestClient[Litestar]) -> None:
    body = _resolve(client, name="gemini-2.5-pro", source="livebench")

    assert body["rules_applied"] is True
    [item] = body["items"]
    assert (item["source_id"], item["model_id"], item["variant"], item["rule"], item["provenance"]) == (
        "livebench",
        "gemini-2.5-pro",
        None,
        "canonical id (case and separators)",
        "canonical id in seeds/models.toml",
    )
    assert item["observed"] is False


def test_a_declared_alias_of_the_source_is_used_by_the_rules(client: TestClient[Litestar]) -> None:
    # Not written by LiveBench in the seeds; its declared stem 'gemini-2.5-pro-preview' (via a
    # date suffix) resolves it, with the alias's provenance.
    body = _resolve(client, name="gemini-2.5-pro-preview-06-05", source="livebench")

    [item] = body["items"]
    assert (item["model_id"], item["variant"], item["observed"]) == ("gemini-2.5-pro", "06-05", False)
    assert item["rule"] == "suffix rule (date version 06-05), then declared alias (case and separators)"
    assert "livebench" in item["provenance"]


def test_a_name_nothing_resolves_says_so_and_lists_the_closest_models(
    client: TestClient[Litestar],
) -> None:
    body = _resolve(client, name="Gemni 2.5 Pro", source="lmarena")

    assert body["rules_applied"] is True
    [item] = body["items"]
    assert (item["model_id"], item["resolved"], item["rule"]) == (
        "lmarena:gemni-2.5-pro",
        False,
        "unresolved",
    )
    assert body["closest"][0] == {
        "model_id": "gemini-2.5-pro",
        "display_name": "Gemini 2.5 Pro",
        "similarity": 0.929,  # 1 - 1/14: one letter missing from 'gemini-2.5-pro'
        "matched_name": "gemini-2.5-pro",
    }
    assert len(body["closest"]) == 5
    similarities = [c["similarity"] for c in body["closest"]]
    assert similarities == sorted(similarities, reverse=True)


def test_without_a_source_an_unresolved_name_lists_no_items_but_the_closest(
    client: TestClient[Litestar],
) -> None:
    body = _resolve(client, name="Gemni 2.5 Pro")

    assert (body["rules_applied"], body["items"]) == (True, [])
    assert body["closest"][0]["model_id"] == "gemini-2.5-pro"


@pytest.mark.parametrize("source", ["nosuchsource"])
def test_an_unknown_source_is_a_404(client: TestClient[Litestar], source: str) -> None:
    response = client.get("/v1/models/resolve", params={"name": "gpt-4o", "source": source})

    assert response.status_code == 404
    assert "nosuchsource" in response.json()["detail"]
