"""The rules every registered format keeps, checked over ``ingest.sources.FORMATS``.

A format recognises its own real recorded file (and parses it); it rejects an empty file, an HTML
page saved in its place and text that is not UTF-8 with a ``ParseError`` naming the format and the
file; its live fetch (if any) turns an upstream's 5xx into a ``FetchError``; its source is listed
in ``seeds/sources.toml``; and it has a test module in the folder mirroring its own.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import httpx
import pytest

import ingest.sources
from ingest.errors import FetchError, ParseError
from ingest.records import RawPayload
from ingest.sources import FORMATS, SourceFormat, detect_payload_format, with_archive_hints
from ingest.sources_catalog import load_sources
from tests.conftest import ROOT, SEEDS, fixture_payload, with_content

REAL_FILES = {
    "lmarena-dataset-parquet": "lmarena_hf_dataset_parquet/search/latest-00000-of-00001.parquet",
    "lmarena-dataset-rows": "lmarena_hf_dataset_rows/search/latest-offset-000.json",
    "lmarena-dataset-json": "lmarena_hf_dataset_json/2026-08-12/search.json",
    "lmarena-catalog-json": (
        "lmarena_arena_catalog_json/leaderboard-vision/leaderboard-vision@2025-03-07_b3b0fef89.json"
    ),
    "lmarena-legacy-csv": "lmarena_fboulnois_csv/lmsys/lmsys_2024-06-19.csv",
    "lmarena-arena-ai-json": "lmarena_arena_ai_json/2026-06-18/text.json",
    "lmarena-cherry-md": "lmarena_cherry_md/text_full/2025-11-18.md",
    "lmarena-wide-elo-csv": "lmarena_nakasyou_wide/result.csv",
    "artificial-analysis-api-json": "artificial_analysis_api_json/2026-08-12/llms_models.json",
    "artificial-analysis-collector-json": "artificial_analysis_json/2026-08-12/llms.json",
    "swebench-leaderboards-json": (
        "swebench_leaderboards_json/leaderboards/leaderboards_2025-07-04_64ecce3.json"
    ),
    "swebench-legacy-json": "swebench_leaderboards_json/legacy_template_data/data_2024-04-16_088f371.json",
    "open-llm-leaderboard-parquet": "open_llm_leaderboard_contents_parquet/data/train-00000-of-00001.parquet",
    "open-llm-leaderboard-csv": "open_llm_leaderboard_fboulnois_csv/huggingface_v2_2024-07-15.csv",
    "livebench-csv": "livebench_csv/release_latest/table_2025_11_25.csv",
    "aider-yaml": "aider_leaderboards_yaml/polyglot_leaderboard/polyglot_leaderboard_2025-10-04.yml",
}
"""One real recorded file per format (``tests/fixtures`` or ``seeds/snapshots``)."""

ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><h1>502 Bad Gateway</h1><p>The upstream did not answer.</p></body></html>\n"
)
EVERY_FORMAT = pytest.mark.parametrize("source_format", FORMATS, ids=lambda f: f.name)
LIVE_FORMATS = pytest.mark.parametrize(
    "source_format", [f for f in FORMATS if f.fetch is not None], ids=lambda f: f.name
)


def _real_file(source_format: SourceFormat) -> RawPayload:
    """The format's real file, read as the importer reads it (with the hints kept beside it)."""
    return with_archive_hints(fixture_payload(REAL_FILES[source_format.name]), source_format)


def _format_modules() -> dict[str, str]:
    """Format name -> the innermost module (or package) whose ``FORMATS`` lists it."""
    defined_in: dict[str, str] = {}
    for module_info in pkgutil.walk_packages(ingest.sources.__path__, "ingest.sources."):
        if module_info.name.rpartition(".")[2].startswith("_"):
            continue
        module = importlib.import_module(module_info.name)
        for source_format in getattr(module, "FORMATS", ()):
            if len(module_info.name) > len(defined_in.get(source_format.name, "")):
                defined_in[source_format.name] = module_info.name
    return defined_in


def test_every_format_has_a_real_file_here() -> None:
    assert sorted(REAL_FILES) == sorted(f.name for f in FORMATS)


def test_the_registry_is_every_source_package_s_formats() -> None:
    packages = [
        importlib.import_module(m.name)
        for m in pkgutil.iter_modules(ingest.sources.__path__, "ingest.sources.")
        if m.ispkg
    ]
    assert sorted(f.name for p in packages for f in p.FORMATS) == sorted(f.name for f in FORMATS)


@EVERY_FORMAT
def test_recognises_and_parses_its_own_real_file(source_format: SourceFormat) -> None:
    raw = _real_file(source_format)

    assert detect_payload_format(raw) is source_format
    assert source_format.parse(raw)


@EVERY_FORMAT
@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("empty", b""),
        ("html", ERROR_PAGE),
        ("utf-16", "model,score\ngpt-4o,1287\n".encode("utf-16")),
    ],
)
def test_rejects_a_wrong_file_naming_the_format_and_the_file(
    source_format: SourceFormat, kind: str, content: bytes
) -> None:
    raw = with_content(_real_file(source_format), content)

    with pytest.raises(ParseError) as caught:
        source_format.parse(raw)

    assert caught.value.origin == raw.origin
    assert str(caught.value).startswith(f"{source_format.name}: {raw.origin}: ")
    if kind == "empty":
        assert "empty" in caught.value.problem
    if kind == "html":
        assert "HTML page" in caught.value.problem


@LIVE_FORMATS
def test_an_upstream_5xx_is_a_fetch_error(
    source_format: SourceFormat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert source_format.fetch is not None
    if source_format.credential_env:
        monkeypatch.setenv(source_format.credential_env, "recorded-test-key")
    monkeypatch.setenv("RANKLEDGER_DATA_DIR", str(tmp_path))
    transport = httpx.MockTransport(lambda request: httpx.Response(503, text="Service Unavailable"))

    with httpx.Client(transport=transport) as client, pytest.raises(FetchError, match="503"):
        source_format.fetch(client)


@EVERY_FORMAT
def test_its_source_is_listed_in_the_seeds(source_format: SourceFormat) -> None:
    assert source_format.source in {s.id for s in load_sources(SEEDS / "sources.toml")}


@EVERY_FORMAT
def test_it_has_a_test_module_mirroring_its_module(source_format: SourceFormat) -> None:
    module = _format_modules()[source_format.name]
    parts = module.split(".")
    is_package = (ROOT.joinpath(*parts) / "__init__.py").is_file()
    folder = ROOT.joinpath("tests", *(parts if is_package else parts[:-1]))

    assert (folder / f"test_{parts[-1]}.py").is_file()
