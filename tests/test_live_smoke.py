"""Live smoke tests against the real upstreams. Deselected by default; run with ``-m network``."""

from __future__ import annotations

import httpx
import pytest

from ingest.sources import get_format

LIVE_FORMATS = ("lmarena-catalog-json", "swebench-leaderboards-json", "aider-yaml", "lmarena-wide-elo-csv")


@pytest.mark.network
@pytest.mark.parametrize("format_name", LIVE_FORMATS)
def test_live_fetch_parses(format_name: str) -> None:
    source_format = get_format(format_name)
    assert source_format.fetch is not None
    with httpx.Client(timeout=60.0, follow_redirects=True) as client:
        payloads = source_format.fetch(client)

    snapshots = [s for raw in payloads for s in source_format.parse(raw)]
    assert snapshots
    assert all(s.entries for s in snapshots)
