"""Test-only fault points: the writer kills itself at a named phase, to prove crashes lose nothing.

``RANKLEDGER_FAULT_POINT=load`` makes the process SIGKILL itself the first time it reaches the
``load`` point; ``load:3`` the third time. Unset (always, outside the crash tests) it does nothing.
The phases, in the order a run reaches them: ``parse`` (a payload parsed, not yet written),
``load`` (a batch of payloads committed), ``derive`` (identities and served tables rewritten),
``checkpoint`` (warehouse checkpointed and closed), ``copy`` (generation copy written, not yet
renamed), ``exports`` (an export file written, manifest not yet), ``switch`` (new ``CURRENT``
written, not yet renamed over the old one), ``prune`` (an old generation deleted, its exports not
yet).
"""

from __future__ import annotations

import os
import signal

__all__ = ("FAULT_POINT_ENV", "fault_point")

FAULT_POINT_ENV = "RANKLEDGER_FAULT_POINT"
"""Environment variable naming the fault point (``phase`` or ``phase:N``); tests only."""

_reached: dict[str, int] = {}


def fault_point(phase: str) -> None:
    """SIGKILL this process if ``RANKLEDGER_FAULT_POINT`` names ``phase`` (at its N-th visit)."""
    wanted = os.environ.get(FAULT_POINT_ENV)
    if not wanted:
        return
    name, _, count = wanted.partition(":")
    if name != phase:
        return
    _reached[phase] = _reached.get(phase, 0) + 1
    if _reached[phase] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
