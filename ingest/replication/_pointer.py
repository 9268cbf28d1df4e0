"""``CURRENT.json``: the bucket's pointer to the generation replicas serve, read and written conditionally.

Writers update it with a conditional write: ``If-Match`` on the ETag they read (``If-None-Match: *``
when there was none), so when two writers publish at once, one of them is told (HTTP 412) instead
of silently replacing the other's pointer. Replicas read it with ``If-None-Match`` on the ETag
they last acted on: an unchanged pointer costs a ``304`` and no body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import msgspec
from botocore.exceptions import BotoCoreError, ClientError

from ingest.errors import IngestError, PublishConflictError
from ingest.replication._client import error_code, object_store_error
from ingest.replication._location import BucketLocation, check_generation_name

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ("Pointer", "PointerRead", "read_pointer", "write_pointer")


class Pointer(msgspec.Struct, frozen=True, kw_only=True):
    """What ``CURRENT.json`` says."""

    generation: str
    """File name of the generation, e.g. ``gen-20261128T120000000000Z.duckdb``."""
    sha256: str
    """sha256 of the generation file's bytes (hex)."""
    bytes: int
    """Size of the generation file."""
    published_at: datetime
    """When the writer pointed at it."""
    manifest_sha256: str
    """sha256 of the generation's export ``manifest.json``, which lists every export file's sha256."""


@dataclass(frozen=True)
class PointerRead:
    """The outcome of reading the pointer."""

    pointer: Pointer | None
    """The pointer; ``None`` when there is none yet or when it did not change (``not_modified``)."""
    etag: str | None
    """Its ETag (the one asked about, when unchanged)."""
    not_modified: bool = False
    """The pointer still has the ETag the reader sent in ``If-None-Match``."""


_decoder = msgspec.json.Decoder(Pointer)


def read_pointer(
    client: S3Client, location: BucketLocation, *, if_none_match: str | None = None
) -> PointerRead:
    """The current pointer (a conditional GET when ``if_none_match`` is given)."""
    url = f"s3://{location.bucket}/{location.pointer_key}"
    try:
        if if_none_match is None:
            answer = client.get_object(Bucket=location.bucket, Key=location.pointer_key)
        else:
            answer = client.get_object(
                Bucket=location.bucket, Key=location.pointer_key, IfNoneMatch=if_none_match
            )
        body = answer["Body"].read()
    except ClientError as error:
        code = error_code(error)
        if code in {"304", "NotModified"}:
            return PointerRead(pointer=None, etag=if_none_match, not_modified=True)
        if code in {"NoSuchKey", "404"}:
            return PointerRead(pointer=None, etag=None)
        raise object_store_error(error, "reading", url) from error
    except BotoCoreError as error:
        raise object_store_error(error, "reading", url) from error
    try:
        pointer = _decoder.decode(body)
    except msgspec.ValidationError as error:
        raise IngestError(f"{url}: not a rankledger pointer ({error})") from error
    except msgspec.DecodeError as error:
        raise IngestError(f"{url}: not JSON ({error})") from error
    check_generation_name(pointer.generation, url)
    return PointerRead(pointer=pointer, etag=answer["ETag"])


def write_pointer(
    client: S3Client, location: BucketLocation, pointer: Pointer, *, previous_etag: str | None
) -> str:
    """Point at ``pointer.generation`` unless someone else moved the pointer since it was read.

    ``previous_etag`` is the ETag read before uploading (``None``: there was no pointer). Returns
    the new ETag; raises ``PublishConflictError`` when the condition fails.
    """
    url = f"s3://{location.bucket}/{location.pointer_key}"
    body = msgspec.json.encode(pointer)
    try:
        if previous_etag is None:
            answer = client.put_object(
                Bucket=location.bucket,
                Key=location.pointer_key,
                Body=body,
                ContentType="application/json",
                IfNoneMatch="*",
            )
        else:
            answer = client.put_object(
                Bucket=location.bucket,
                Key=location.pointer_key,
                Body=body,
                ContentType="application/json",
                IfMatch=previous_etag,
            )
    except ClientError as error:
        # 412: the condition failed; 409: another conditional write to the key was in flight.
        if error_code(error) in {"PreconditionFailed", "ConditionalRequestConflict", "412", "409"}:
            raise PublishConflictError(
                f"{url} changed while {pointer.generation} was being uploaded: another writer published "
                "to the same place. Nothing points at the upload (the next publish prunes it); check that "
                "only one writer publishes there, then publish again"
            ) from error
        raise object_store_error(error, "writing", url) from error
    except BotoCoreError as error:
        raise object_store_error(error, "writing", url) from error
    return answer["ETag"]
