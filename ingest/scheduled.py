"""Which sources a scheduled ``rankledger ingest --all`` fetches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ingest.sources import FORMATS
from ingest.sources_catalog import SourceInfo

__all__ = ("scheduled_sources",)


def scheduled_sources(
    catalog: Sequence[SourceInfo], environ: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The sources to fetch, and those skipped with the reason.

    Every source with a live format, except those ``catalog`` (``seeds/sources.toml``) marks
    retired (they no longer change), and those whose every live format needs a credential that
    ``environ`` does not set (e.g. Artificial Analysis without ``RANKLEDGER_AA_API_KEY``):
    skipped, not failed, so a deployment without that key still reports a clean run.
    """
    retired = {info.id for info in catalog if info.retired}
    to_fetch: list[str] = []
    skipped: dict[str, str] = {}
    for source in dict.fromkeys(f.source for f in FORMATS if f.fetch is not None):
        if source in retired:
            continue
        live = [f for f in FORMATS if f.fetch is not None and f.source == source]
        missing = sorted(
            {f.credential_env for f in live if f.credential_env and not environ.get(f.credential_env)}
        )
        if missing and all(f.credential_env in missing for f in live):
            skipped[source] = f"{', '.join(missing)} is not set; export it to fetch {source}"
        else:
            to_fetch.append(source)
    return to_fetch, skipped
