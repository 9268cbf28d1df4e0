"""Format detection: when no format recognises a file, the message says what each candidate finds wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.archived_files import read_archived_file
from ingest.errors import UnknownFormatError
from ingest.runner import import_paths
from ingest.sources import detect_payload_format
from tests.conftest import SEEDS

CATALOG = SEEDS / "snapshots" / "lmarena_arena_catalog_json" / "leaderboard-text"
LEGACY = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys" / "lmsys_2024-06-19.csv"


def _unknown(path: Path) -> UnknownFormatError:
    with pytest.raises(UnknownFormatError) as raised:
        detect_payload_format(read_archived_file(path))
    return raised.value


def test_a_utf16_catalog_json_is_named_utf16_and_each_json_format_says_where_it_fails(tmp_path: Path) -> None:
    original = CATALOG / "leaderboard-text@2025-05-24_209556bee.json"
    utf16 = tmp_path / original.name
    utf16.write_bytes(original.read_text(encoding="utf-8").encode("utf-16"))  # as Windows tools save it

    error = _unknown(utf16)

    assert "(it is UTF-16 text; rankledger reads UTF-8: convert it first)" in str(error)
    assert error.reasons[0] == (
        "lmarena-dataset-rows: origin: cannot tell which dataset config (text, vision, agent...) this is: "
        "name it in a manifest `config` column, or keep the dataset's path "
        "<config>/latest-00000-of-00001.parquet"
    )
    assert error.reasons[1] == (
        "lmarena-dataset-json, lmarena-catalog-json, lmarena-arena-ai-json, artificial-analysis-api-json, "
        "artificial-analysis-collector-json, swebench-leaderboards-json, swebench-legacy-json: "
        "line 1, column 1: not valid JSON: JSON is malformed: invalid character (byte 0) (edited by hand?)"
    )
    assert len(error.reasons) == 2  # only JSON formats are candidates for a .json file


def test_a_csv_missing_a_column_gets_the_closest_eras_complaint(tmp_path: Path) -> None:
    lines = LEGACY.read_text(encoding="utf-8").splitlines()
    # rank,model,arena_elo,95_pct_ci,votes,...: drop the 95_pct_ci column from every line
    cut = tmp_path / LEGACY.name
    cut.write_text("\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 3) for line in lines))

    error = _unknown(cut)

    legacy = next(r for r in error.reasons if r.startswith("lmarena-legacy-csv: "))
    assert legacy.startswith(
        "lmarena-legacy-csv: line 1: unknown header (closest is the 2024-06-19 era: missing 95_pct_ci)"
    )
    assert {r.split(":")[0] for r in error.reasons} == {
        "lmarena-legacy-csv",
        "lmarena-wide-elo-csv",
        "open-llm-leaderboard-csv",
        "livebench-csv",
    }


def test_an_import_names_the_reasons_for_a_file_it_rejects(tmp_path: Path) -> None:
    lines = LEGACY.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / LEGACY.name
    cut.write_text("\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 3) for line in lines))

    summary = import_paths(tmp_path / "data", [cut])

    [rejected] = summary.rejected
    assert rejected.message.startswith(f"{cut}: no known leaderboard format recognises this file; ")
    assert "What the candidate formats say:\n  lmarena-legacy-csv: line 1: unknown header" in rejected.message
