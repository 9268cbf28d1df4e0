"""Stable event ids: ``tag:`` URIs (RFC 4151) built from what the event is about, never from a
snapshot id or an ingest run, so a warehouse rebuilt from the same files gives the same ids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from urllib.parse import quote

__all__ = ("TAG_PREFIX", "board_event_id", "claim_event_id")

TAG_PREFIX = "tag:rankledger.dev,2026:"
"""``tag:`` + tagging entity (the project's domain and the year it was minted) + ``:``."""

# RFC 4151's specific part is pchar / "/" / "?"; "/" separates the parts and "+" joins models,
# so both are percent-encoded inside a part (model ids such as `lmarena:mercury` keep their ':').
_SAFE = "-._~!$&'()*,;=:@"


@lru_cache(maxsize=1 << 14)  # the same boards and models recur in thousands of events
def _part(text: str) -> str:
    return quote(text, safe=_SAFE)


def board_event_id(board_id: str, day: date, kind: str, model_ids: Sequence[str] = ()) -> str:
    """``tag:rankledger.dev,2026:board/<board>/<day>/<kind>[/<model>+<model>...]``."""
    tail = "+".join(_part(m) for m in model_ids)
    base = f"{TAG_PREFIX}board/{_part(board_id)}/{day.isoformat()}/{kind}"
    return f"{base}/{tail}" if tail else base


def claim_event_id(claim_id: str, day: date, verdict: str) -> str:
    """``tag:rankledger.dev,2026:claim/<claim>/<day>/claim_verdict/<new verdict>``."""
    return f"{TAG_PREFIX}claim/{_part(claim_id)}/{day.isoformat()}/claim_verdict/{_part(verdict)}"
