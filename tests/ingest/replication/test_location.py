"""``s3://BUCKET/PREFIX`` and the keys below it; names read from a bucket never escape the data dir."""

from __future__ import annotations

import pytest

from ingest.errors import IngestError
from ingest.replication import BucketLocation
from ingest.replication._location import check_export_name, check_generation_name

GENERATION = "gen-20261128T120000000000Z.duckdb"


def test_a_location_names_the_pointer_generations_and_exports_under_its_prefix() -> None:
    location = BucketLocation.parse("s3://rankledger-data/prod/eu/")

    assert (location.bucket, location.prefix, location.url) == (
        "rankledger-data",
        "prod/eu/",
        "s3://rankledger-data/prod/eu",
    )
    assert location.pointer_key == "prod/eu/CURRENT.json"
    assert location.generation_key(GENERATION) == f"prod/eu/generations/{GENERATION}"
    assert (
        location.export_key(GENERATION, "entries.parquet")
        == f"prod/eu/generations/{GENERATION}.exports/entries.parquet"
    )
    assert location.generation_of(location.export_key(GENERATION, "manifest.json")) == GENERATION
    assert location.generation_of(location.generation_key(GENERATION)) == GENERATION
    assert location.generation_of("prod/eu/CURRENT.json") is None


def test_a_bucket_without_prefix_uses_its_root() -> None:
    location = BucketLocation.parse("s3://rankledger-data")

    assert (location.prefix, location.pointer_key, location.url) == (
        "",
        "CURRENT.json",
        "s3://rankledger-data",
    )


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://rankledger-data/prod", "write s3://BUCKET/PREFIX"),
        ("rankledger-data/prod", "write s3://BUCKET/PREFIX"),
        ("s3://Rankledger_Data/prod", "is not a bucket name"),
        ("s3://rankledger-data/prod?versionId=3", "write s3://BUCKET/PREFIX"),
    ],
)
def test_a_location_that_is_not_s3_says_what_to_write(url: str, says: str) -> None:
    with pytest.raises(IngestError, match=says.replace("?", r"\?")):
        BucketLocation.parse(url)


@pytest.mark.parametrize(
    "name", ["../CURRENT", "gen-1.duckdb/../../x", "/etc/passwd", "gen-.duckdb", "CURRENT"]
)
def test_generation_names_from_a_bucket_are_plain_file_names(name: str) -> None:
    with pytest.raises(IngestError, match="is not a generation file name"):
        check_generation_name(name, "s3://rankledger-data/CURRENT.json")


@pytest.mark.parametrize("name", ["../manifest.json", ".hidden", "a/b.csv", ""])
def test_export_names_from_a_manifest_are_plain_file_names(name: str) -> None:
    with pytest.raises(IngestError, match="is not an export file name"):
        check_export_name(name, "manifest.json")
    assert check_export_name("entries.parquet", "manifest.json") == "entries.parquet"
