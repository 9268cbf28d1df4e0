"""Source metadata (licence, citation, homepage) shipped in ``seeds/sources.toml``."""

from __future__ import annotations

from pathlib import Path

import msgspec

from ingest.errors import IngestError

__all__ = ("CLAIMS_DIR", "MODELS_FILE", "SOURCES_FILE", "SourceInfo", "load_sources")

SOURCES_FILE = "sources.toml"
"""Source metadata inside the seeds dir."""
MODELS_FILE = "models.toml"
"""The canonical model registry inside the seeds dir."""
CLAIMS_DIR = "claims"
"""Article claim files inside the seeds dir."""


class SourceInfo(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One upstream source as ``/v1/sources`` describes it."""

    id: str
    """Source id used in board ids, e.g. ``lmarena``."""
    name: str
    """Display name."""
    homepage: str
    """Where people look at the leaderboard."""
    licence: str
    """Licence or terms of the data, as far as known (say so when unconfirmed)."""
    citation: str
    """How to cite the data when using it."""
    description: str
    """One paragraph: what the source measures."""
    retired: bool = False
    """The upstream no longer updates."""


class _SourcesFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    source: list[SourceInfo]


def load_sources(path: Path) -> list[SourceInfo]:
    """Read and strictly validate ``sources.toml``; errors name the file and the field."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise IngestError(
            f"{path}: cannot read the source catalog ({error.strerror}); point RANKLEDGER_SEEDS_DIR "
            "at a seeds folder holding sources.toml"
        ) from error
    try:
        return msgspec.toml.decode(content, type=_SourcesFile).source
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise IngestError(f"{path}: {error}") from error
