"""Picking what a test looks at out of parsed snapshots (shared by the source tests)."""

from __future__ import annotations

from ingest.records import Entry, Snapshot


def board_named(snapshots: list[Snapshot], board_id: str) -> Snapshot:
    """The one snapshot of ``board_id`` (fails when there are none or several)."""
    (snapshot,) = [s for s in snapshots if s.board.board_id == board_id]
    return snapshot


def entry_named(snapshot: Snapshot, name: str) -> Entry:
    """The one entry named ``name`` exactly as upstream wrote it."""
    (entry,) = [e for e in snapshot.entries if e.model_name == name]
    return entry


def only_snapshot(snapshots: list[Snapshot]) -> Snapshot:
    """The snapshot of a payload that holds exactly one."""
    (snapshot,) = snapshots
    return snapshot
