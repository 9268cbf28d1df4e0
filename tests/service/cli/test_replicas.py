"""``publish``, ``--publish-to`` and ``serve --from`` on the command line: what they refuse, and why.

(What they do, against a real S3-compatible server: tests/ingest/replication/ and tests/test_replicas.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestError
from service.cli import build_parser, main
from service.cli.output import ExitCode
from service.cli.replicas import poll_seconds


@pytest.fixture(autouse=True)
def _no_object_storage_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RANKLEDGER_PUBLISH_TO", "RANKLEDGER_SERVE_FROM", "RANKLEDGER_POLL_SECONDS"):
        monkeypatch.delenv(name, raising=False)


def test_publish_needs_to_know_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "--data-dir", str(tmp_path)]) == ExitCode.ERROR
    assert "where to? give --to s3://BUCKET/PREFIX (or set RANKLEDGER_PUBLISH_TO)" in capsys.readouterr().err


def test_publish_refuses_a_location_that_is_not_s3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["publish", "--to", "https://bucket.example/prod", "--data-dir", str(tmp_path)]) == 3
    assert "'https://bucket.example/prod' is not an object storage location; write s3://BUCKET/PREFIX" in (
        capsys.readouterr().err
    )


def test_publish_without_a_generation_says_to_import_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["publish", "--to", "s3://rankledger-data/prod", "--data-dir", str(tmp_path)]) == 3
    assert f"{tmp_path}: no published generation to upload; import or ingest first" in capsys.readouterr().err


def test_a_replica_never_takes_a_writer_s_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))  # serve would set it here
    (tmp_path / "warehouse.duckdb").write_bytes(b"")

    code = main(["serve", "--from", "s3://rankledger-data/prod", "--data-dir", str(tmp_path), "--port", "1"])

    assert code == ExitCode.ERROR
    assert "holds a writer's warehouse; a replica keeps its own copy" in capsys.readouterr().err


def test_the_settings_come_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANKLEDGER_PUBLISH_TO", "s3://rankledger-data/prod")
    monkeypatch.setenv("RANKLEDGER_SERVE_FROM", "s3://rankledger-data/prod")
    monkeypatch.setenv("RANKLEDGER_POLL_SECONDS", "2.5")

    serve = build_parser().parse_args(["serve"])
    importer = build_parser().parse_args(["import", "file.csv"])
    ingest = build_parser().parse_args(["ingest", "--all", "--publish-to", "s3://other-bucket"])

    assert (serve.source_url, serve.poll, poll_seconds(serve.poll)) == (
        "s3://rankledger-data/prod",
        None,
        2.5,
    )
    assert poll_seconds(0.5) == 0.5
    assert importer.publish_to == "s3://rankledger-data/prod"
    assert ingest.publish_to == "s3://other-bucket"


@pytest.mark.parametrize(("value", "says"), [("soon", "is not a number of seconds"), ("0", "above 0")])
def test_a_bad_poll_interval_is_named(value: str, says: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANKLEDGER_POLL_SECONDS", value)

    assert main(["sources"]) == 0  # other commands never mind it
    with pytest.raises(IngestError, match=says):
        poll_seconds(None)
