"""One model across sources: ``/v1/models/gemini-3-pro`` gathers every source's spelling of it."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import TestClient


def _standings(client: TestClient[Litestar]) -> dict[tuple[str, str], dict[str, Any]]:
    body = client.get("/v1/models/gemini-3-pro").json()
    assert body["model"]["model_id"] == "gemini-3-pro"
    return {(s["board_id"], s["model_name"]): s for s in body["standings"]}


def test_gemini_3_pro_stands_on_every_source_with_the_real_values(client: TestClient[Litestar]) -> None:
    standings = _standings(client)

    def value(board: str, name: str) -> tuple[str, float, str | None]:
        line = standings[(board, name)]
        return line["published_at"], line["score"], line["variant"]

    # SWE-bench leaderboards.json of 2025-12-11: the model alone (bash-only) and in an agent system.
    assert value("swebench.bash-only.overall.default", "Gemini 3 Pro Preview (2025-11-18)") == (
        "2025-12-11",
        74.2,
        "mini-swe-agent-2025-11-18",
    )
    assert value(
        "swebench.verified.overall.default", "live-SWE-agent + Gemini 3 Pro Preview (2025-11-18)"
    ) == (
        "2025-12-11",
        77.4,
        "live-swe-agent-2025-11-18",
    )
    # LiveBench release 2025-11-25, global score computed from the task CSV and category map.
    assert value("livebench.llm.global.release_2025_11_25", "gemini-3-pro-preview-11-2025-high")[1:] == (
        75.57,
        "high-2025-11",
    )
    # Artificial Analysis collector file of 2026-08-12: the high-effort variant's intelligence index.
    assert value("artificial-analysis.llm.intelligence_index.default", "Gemini 3 Pro Preview (high)") == (
        "2026-08-12",
        40.6,
        "high",
    )
    # LMArena, website view: the model itself, no variant label.
    assert value("lmarena.text.overall.style_control", "gemini-3-pro")[2] is None


def test_aliases_say_where_each_mapping_came_from(client: TestClient[Litestar]) -> None:
    aliases = client.get("/v1/models/gemini-3-pro").json()["aliases"]
    by_source = {(a["source_id"], a["alias"]): a for a in aliases}

    livebench = by_source[("livebench", "gemini-3-pro-preview-11-2025-low")]
    # the registry declares LiveBench's stem `gemini-3-pro-preview`; the suffixes are variant rules
    assert livebench["rule"].startswith("suffix rule (reasoning effort low, date version 2025-11)")
    assert livebench["variant"] == "low-2025-11"
    assert "livebench" in livebench["provenance"]
    assert {"lmarena", "livebench", "swebench", "artificial-analysis"} <= {a["source_id"] for a in aliases}


def test_resolve_explains_a_name(client: TestClient[Litestar]) -> None:
    items = client.get(
        "/v1/models/resolve", params={"name": "claude-4-1-opus-20250805-thinking-32k", "source": "livebench"}
    ).json()["items"]

    assert [(i["model_id"], i["resolved"]) for i in items] == [("claude-opus-4-1", True)]
    assert items[0]["variant_attributes"]["thinking_budget"] == "32k"


def test_a_source_spelling_works_in_every_model_path(client: TestClient[Litestar]) -> None:
    detail = client.get("/v1/models/Gemini 3 Pro Preview (high)").json()
    history = client.get("/v1/models/claude-opus-4-1-20250805/history").json()

    assert detail["model"]["model_id"] == "gemini-3-pro"
    assert history["model_id"] == "claude-opus-4-1"
    assert history["items"]


def test_different_models_stay_different(client: TestClient[Litestar]) -> None:
    ids = {
        name: client.get(f"/v1/models/{name}").json()["model"]["model_id"]
        for name in ("deepseek-v3.2", "deepseek-v3.2-exp")
    }

    assert ids == {"deepseek-v3.2": "deepseek-v3.2", "deepseek-v3.2-exp": "deepseek-v3.2-exp"}
