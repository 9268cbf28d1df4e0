"""Change events: what changed on each board between consecutive served snapshots, and when a
claim's verdict changed, computed by the writer after every ingest (see ``docs/changes.md``).

``refresh_change_events`` rewrites the ``change_event`` table (migration 013); ids are ``tag:``
URIs that a rebuild from the same files reproduces.
"""

from __future__ import annotations

from ingest.changes._board_sql import NOISE_TOP, OVERTAKE_TOP, TOP_PLACES, UB_RANK_FORMATS
from ingest.changes._ids import TAG_PREFIX, board_event_id, claim_event_id
from ingest.changes._records import KINDS, ChangeEvent
from ingest.changes._refresh import ChangesRefresh, compute_change_events, refresh_change_events

__all__ = (
    "KINDS",
    "NOISE_TOP",
    "OVERTAKE_TOP",
    "TAG_PREFIX",
    "TOP_PLACES",
    "UB_RANK_FORMATS",
    "ChangeEvent",
    "ChangesRefresh",
    "board_event_id",
    "claim_event_id",
    "compute_change_events",
    "refresh_change_events",
)
