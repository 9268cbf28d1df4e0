"""The registry a generation was resolved with, read back from it (what-if name resolution)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.identity import ModelSpec, Resolver, load_registry
from ingest.warehouse import current_generation_path, stored_registry
from tests.conftest import SEEDS


def _comparable(model: ModelSpec) -> ModelSpec:
    return ModelSpec(
        id=model.id,
        name=model.name,
        organization=model.organization,
        family=model.family,
        release_date=model.release_date,
        aliases=sorted(model.aliases, key=lambda a: (a.source, a.name)),
    )


def test_the_stored_registry_is_the_seed_registry(seeded_data_dir: Path) -> None:
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as db:
        stored = stored_registry(db)
    seeds = load_registry(SEEDS / "models.toml")

    assert stored.sha256 == seeds.sha256
    assert sorted(map(_comparable, stored.models), key=lambda m: m.id) == sorted(
        map(_comparable, seeds.models), key=lambda m: m.id
    )
    # The same answers, e.g. a declared LiveBench alias with its variant.
    name = "claude-4-1-opus-20250805-thinking-32k"
    assert Resolver(stored).resolve_name("livebench", name) == Resolver(seeds).resolve_name("livebench", name)
