"""The S3 client (boto3) and what its failures mean to an operator.

Configured the standard AWS way, nothing rankledger-specific: the endpoint from
``AWS_ENDPOINT_URL`` (MinIO, Ceph, R2, a test server...; unset: AWS itself), credentials from
``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (or any other source boto3 reads: a profile, a
web identity token in Kubernetes, an instance role), the region from ``AWS_REGION`` /
``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from ingest.errors import ObjectStoreError

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

__all__ = ("error_code", "object_store_error", "s3_client")

_CONFIG = Config(
    connect_timeout=5,
    read_timeout=60,
    retries={"max_attempts": 5, "mode": "standard"},  # backoff with jitter on throttling and 5xx
)


def s3_client() -> S3Client:
    """A client configured from the standard AWS environment variables."""
    return boto3.session.Session().client("s3", config=_CONFIG)


def error_code(error: ClientError) -> str:
    """The S3 error code (``NoSuchKey``, ``PreconditionFailed``...) or the HTTP status as text."""
    details = error.response.get("Error", {})
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return str(details.get("Code") or status or "unknown")


def object_store_error(error: Exception, action: str, url: str) -> ObjectStoreError:
    """A domain error saying what failed, on which object, and what to check."""
    if isinstance(error, NoCredentialsError):
        hint = "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or use a profile or role)"
    elif isinstance(error, ClientError):
        code = error_code(error)
        hint = {
            "NoSuchBucket": "the bucket does not exist",
            "AccessDenied": "access denied: check the credentials and the bucket policy",
            "InvalidAccessKeyId": "the access key is not known to this endpoint",
            "SignatureDoesNotMatch": "the secret key does not match the access key",
        }.get(code, f"{code}: {error.response.get('Error', {}).get('Message', '')}".rstrip(": "))
    elif isinstance(error, BotoCoreError):
        hint = f"{error} (is AWS_ENDPOINT_URL right and the storage reachable?)"
    else:
        hint = str(error)
    return ObjectStoreError(f"{action} {url}: {hint}")
