"""Where published generations live in a bucket: ``s3://BUCKET/PREFIX`` and the keys below it.

Layout under the prefix (one per publishing writer; replicas only read it)::

    CURRENT.json                                  the pointer (generation, sha256, bytes, published_at)
    generations/gen-<stamp>.duckdb                a generation file (metadata: its sha256)
    generations/gen-<stamp>.duckdb.exports/<f>    its export files, then manifest.json
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ingest.errors import IngestError

__all__ = ("POINTER_OBJECT", "BucketLocation", "check_export_name", "check_generation_name")

POINTER_OBJECT = "CURRENT.json"
"""The pointer object naming the generation replicas should serve."""
_GENERATIONS = "generations/"
_GENERATION_NAME = re.compile(r"^gen-[0-9A-Za-z]+\.duckdb$")
_EXPORT_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
# S3's rule for bucket names (3-63 characters; lower-case letters, digits, dots, hyphens).
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def check_generation_name(name: str, where: str) -> str:
    """``name`` if it is a generation file name (``gen-<stamp>.duckdb``), else an error naming ``where``.

    Names read from a bucket become local file names: nothing else (no ``/``, no ``..``) may pass.
    """
    if not _GENERATION_NAME.match(name):
        raise IngestError(f"{where}: {name!r} is not a generation file name (gen-<stamp>.duckdb)")
    return name


def check_export_name(name: str, where: str) -> str:
    """``name`` if it is a plain export file name (no folder, not hidden), else an error naming ``where``."""
    if not _EXPORT_NAME.match(name) or ".." in name:
        raise IngestError(f"{where}: {name!r} is not an export file name")
    return name


@dataclass(frozen=True)
class BucketLocation:
    """A bucket and a key prefix (empty, or ending with ``/``)."""

    bucket: str
    """The bucket's name."""
    prefix: str = ""
    """Prefix of every key rankledger writes, e.g. ``rankledger/`` (``""``: the bucket's root)."""

    @classmethod
    def parse(cls, url: str) -> BucketLocation:
        """``s3://BUCKET`` or ``s3://BUCKET/PREFIX``; anything else is an error saying what to write."""
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
            raise IngestError(f"{url!r} is not an object storage location; write s3://BUCKET/PREFIX")
        if not _BUCKET_NAME.match(parts.netloc):
            raise IngestError(
                f"{url!r}: {parts.netloc!r} is not a bucket name "
                "(3-63 lower-case letters, digits, dots, hyphens)"
            )
        prefix = parts.path.strip("/")
        return cls(bucket=parts.netloc, prefix=f"{prefix}/" if prefix else "")

    @property
    def url(self) -> str:
        """``s3://BUCKET/PREFIX`` (as the operator writes it)."""
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")

    @property
    def pointer_key(self) -> str:
        """Key of ``CURRENT.json``."""
        return self.prefix + POINTER_OBJECT

    @property
    def generations_prefix(self) -> str:
        """Prefix of every generation and export object."""
        return self.prefix + _GENERATIONS

    def generation_key(self, generation: str) -> str:
        """Key of a generation file."""
        return self.generations_prefix + generation

    def export_key(self, generation: str, file: str) -> str:
        """Key of one of a generation's export files (or its ``manifest.json``)."""
        return f"{self.generations_prefix}{generation}.exports/{file}"

    def generation_of(self, key: str) -> str | None:
        """The generation a key under ``generations/`` belongs to (``None`` for anything else)."""
        if not key.startswith(self.generations_prefix):
            return None
        name = key[len(self.generations_prefix) :].split("/", 1)[0].removesuffix(".exports")
        return name if _GENERATION_NAME.match(name) else None
