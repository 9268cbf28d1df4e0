"""The one domain error hierarchy of rankledger's data layer.

Every message says what was wrong, where (source, file or URL, line / field / JSON path)
and, where it helps, what to do.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = (
    "AmbiguousError",
    "ChecksumMismatchError",
    "FetchError",
    "IngestError",
    "NotFoundError",
    "ObjectStoreError",
    "ParseError",
    "PublishConflictError",
    "UnknownFormatError",
    "UnsupportedFilterError",
)


class IngestError(Exception):
    """Base of every error the data layer raises on purpose."""


class ParseError(IngestError):
    """An upstream payload does not have the shape its format promises."""

    def __init__(self, *, source: str, origin: str, location: str, problem: str) -> None:
        self.source = source
        """Format or source name, e.g. ``lmarena-legacy-csv``."""
        self.origin = origin
        """File path or URL of the payload."""
        self.location = location
        """Where in the payload: ``line 12``, ``line 12, column votes``, ``$.full.gpt-4o.rating``."""
        self.problem = problem
        """What is wrong there."""
        super().__init__(f"{source}: {origin}: {location}: {problem}")


class UnknownFormatError(IngestError):
    """No registered format recognises a payload."""

    def __init__(self, origin: str, detail: str = "", reasons: Sequence[str] = ()) -> None:
        self.origin = origin
        self.reasons = tuple(reasons)
        """What each candidate format says about the payload, one line each (as ``--format`` would)."""
        message = f"{origin}: no known leaderboard format recognises this file"
        if detail:
            message += f" ({detail})"
        message += "; see `rankledger sources` for the formats, or force one with --format"
        if self.reasons:
            message += ". What the candidate formats say:" + "".join(f"\n  {r}" for r in self.reasons)
        super().__init__(message)


class FetchError(IngestError):
    """A live fetch failed (network, HTTP status, missing credentials)."""


class NotFoundError(IngestError):
    """Something asked for by id does not exist."""

    def __init__(self, kind: str, key: str, *, known: Sequence[str] = ()) -> None:
        self.kind = kind
        self.key = key
        self.known = tuple(known)
        """What does exist, where that list is short enough to name in the message."""
        message = f"{kind} {key!r} not found"
        super().__init__(message + (f"; known: {', '.join(known)}" if known else ""))


class UnsupportedFilterError(IngestError):
    """An export was asked to filter its rows by something its dataset does not have."""

    def __init__(self, dataset: str, filters: Sequence[str]) -> None:
        self.dataset = dataset
        """The dataset's name, e.g. ``models``."""
        self.filters = tuple(filters)
        """The filters it cannot honour, as the API names them (``board``, ``from``...)."""
        super().__init__(f"dataset {dataset!r} cannot be filtered by {', '.join(self.filters)}")


class AmbiguousError(IngestError):
    """A name matches several things and nothing says which one is meant."""

    def __init__(self, kind: str, key: str, candidates: list[str]) -> None:
        self.kind = kind
        self.key = key
        self.candidates = candidates
        super().__init__(f"{kind} {key!r} is ambiguous: it may mean {', '.join(candidates)}")


class ObjectStoreError(IngestError):
    """Object storage (S3 or compatible) refused or failed a request: credentials, bucket, network."""


class PublishConflictError(ObjectStoreError):
    """Another writer moved the bucket's ``CURRENT.json`` between our read and our conditional write."""


class ChecksumMismatchError(ObjectStoreError):
    """A downloaded object's bytes do not have the sha256 (or size) its publisher recorded."""
