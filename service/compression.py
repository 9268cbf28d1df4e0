"""gzip with a fixed header, so the same response compresses to the same bytes every time.

Python's ``GzipFile`` writes the current time into the gzip header; two computations of one
response a second apart would then differ, and a response replayed from the cache would not be
byte-identical to a fresh one. The header's time is optional (RFC 1952: 0 means none).
"""

from __future__ import annotations

from gzip import GzipFile
from io import BytesIO
from typing import Literal

from litestar.config.compression import CompressionConfig
from litestar.enums import CompressionEncoding
from litestar.middleware.compression.gzip_facade import GzipCompression

__all__ = ("DeterministicGzip",)


class DeterministicGzip(GzipCompression):
    """Litestar's gzip facade with no modification time in the header."""

    def __init__(
        self,
        buffer: BytesIO,
        compression_encoding: Literal[CompressionEncoding.GZIP] | str,
        config: CompressionConfig,
    ) -> None:
        super().__init__(buffer, compression_encoding, config)
        level = config.gzip_compress_level
        self.compressor = GzipFile(mode="wb", fileobj=buffer, compresslevel=level, mtime=0)
