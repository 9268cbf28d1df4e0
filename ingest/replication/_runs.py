"""The writer's ``runs.json`` travels with the generations, so replicas report ingest runs as it does.

A run that changed nothing publishes no generation but still updates ``runs.json`` (the latest
run of every source: ``ingest/run_status.py``). The writer uploads it on every publish, even one
that finds the bucket already pointing at its generation; replicas fetch it after each check of
the pointer (conditionally: an unchanged file costs a ``304``) and replace their copy atomically,
so ``/v1/runs``, ``/healthz`` and ``/metrics`` answer the same on a replica as on the writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from botocore.exceptions import BotoCoreError, ClientError

from ingest.replication._client import error_code, object_store_error
from ingest.replication._location import BucketLocation
from ingest.run_status import RUNS_FILE

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ("download_runs", "upload_runs")


def upload_runs(client: S3Client, location: BucketLocation, data_dir: Path) -> bool:
    """Upload ``runs.json`` if the data dir has one (a writer that only imported has none)."""
    path = data_dir / RUNS_FILE
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        return False
    key = location.prefix + RUNS_FILE
    try:
        client.put_object(Bucket=location.bucket, Key=key, Body=body, ContentType="application/json")
    except (BotoCoreError, ClientError) as error:
        raise object_store_error(error, "uploading to", f"s3://{location.bucket}/{key}") from error
    return True


def download_runs(client: S3Client, location: BucketLocation, data_dir: Path, etag: str | None) -> str | None:
    """Replace the local ``runs.json`` when the bucket's changed; returns the ETag now held."""
    key = location.prefix + RUNS_FILE
    try:
        if etag is None:
            answer = client.get_object(Bucket=location.bucket, Key=key)
        else:
            answer = client.get_object(Bucket=location.bucket, Key=key, IfNoneMatch=etag)
        body = answer["Body"].read()
    except ClientError as error:
        code = error_code(error)
        if code in {"304", "NotModified"}:
            return etag
        if code in {"NoSuchKey", "404"}:
            return None
        raise object_store_error(error, "downloading", f"s3://{location.bucket}/{key}") from error
    except BotoCoreError as error:
        raise object_store_error(error, "downloading", f"s3://{location.bucket}/{key}") from error
    partial = data_dir / f".{RUNS_FILE}.partial"
    partial.write_bytes(body)
    partial.replace(data_dir / RUNS_FILE)
    return answer["ETag"]
