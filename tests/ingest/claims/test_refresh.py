"""The runner re-verifies claims after every ingest; a bad claim file never fails the ingest."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.runner import import_paths
from ingest.warehouse import current_generation_path
from tests.conftest import SEEDS

JUNE_2024 = SEEDS / "snapshots" / "lmarena_fboulnois_csv" / "lmsys" / "lmsys_2024-06-19.csv"

GOOD = """
[source]
publisher = "Example Daily"
language = "en"
published_on = 2024-06-20

[[claim]]
id = "example-gpt-4o-first"
kind = "ranks"
summary = "GPT-4o is first on the text arena, at 1287."
models = ["gpt-4o"]
boards = ["lmarena.text.overall.raw"]
refers_to = 2024-06-19
rank = 1
score = {score}
"""

BAD = """
[source]
publisher = "Example Daily"
language = "en"
published_on = 2024-06-20

[[claim]]
id = "example-unknown-model"
kind = "leads"
summary = "A model nobody knows is first."
models = ["gpt-9"]
boards = ["lmarena.text.overall.raw"]
refers_to = 2024-06-19
"""


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    (seeds / "claims").mkdir(parents=True)
    for name in ("sources.toml", "models.toml"):
        shutil.copyfile(SEEDS / name, seeds / name)
    (seeds / "claims" / "good.toml").write_text(GOOD.format(score=1287), encoding="utf-8")
    (seeds / "claims" / "bad.toml").write_text(BAD, encoding="utf-8")
    return seeds


def _stored(data_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    generation = current_generation_path(data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as db:
        claims = db.execute("SELECT claim_id, status FROM claim").fetchall()
        rejected = db.execute("SELECT file, claim_id, field FROM claim_rejection").fetchall()
    return claims, rejected


def test_a_bad_claim_file_is_reported_and_the_others_are_verified(tmp_path: Path, seeds_dir: Path) -> None:
    summary = import_paths(tmp_path / "data", [JUNE_2024], seeds_dir=seeds_dir)

    assert summary.rejected == []
    assert summary.claims is not None
    assert (summary.claims.loaded, summary.claims.statuses) == (1, {"supported": 1})
    (rejection,) = summary.claims.rejections
    assert str(rejection).startswith(
        "bad.toml: claim 'example-unknown-model': $.claim[0].models[0]: unknown model id"
    )
    assert _stored(tmp_path / "data") == (
        [("example-gpt-4o-first", "supported")],
        [("bad.toml", "example-unknown-model", "$.claim[0].models[0]")],
    )


def test_an_edited_claim_is_re_verified_and_published_without_new_data(
    tmp_path: Path, seeds_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    first = import_paths(data_dir, [JUNE_2024], seeds_dir=seeds_dir)
    unchanged = import_paths(data_dir, [JUNE_2024], seeds_dir=seeds_dir)
    (seeds_dir / "claims" / "good.toml").write_text(GOOD.format(score=1300), encoding="utf-8")

    edited = import_paths(data_dir, [JUNE_2024], seeds_dir=seeds_dir)

    assert first.generation is not None
    assert unchanged.generation is None  # same data, same claims: nothing to publish
    assert edited.snapshots_added == 0
    assert edited.generation is not None
    assert edited.generation != first.generation
    assert _stored(data_dir)[0] == [("example-gpt-4o-first", "contradicted")]
