"""Wire schemas of ``/v1/claims``: article claims and their verification against the snapshots.

Keys are snake_case and equal the CSV columns of each body's ``items``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from service.schemas import Paged, WireStruct

__all__ = ("BoardCheck", "ClaimDetail", "ClaimList", "ClaimSource", "ClaimSummary")


class ClaimSummary(WireStruct, frozen=True, kw_only=True):
    """A claim and its verdict: one row of ``GET /v1/claims`` (and of the claims export)."""

    claim_id: str
    kind: str
    """``ranks``, ``ahead_of``, ``score``, ``leads``, ``first_appearance``, ``usage_metric``, ``forecast``."""
    status: str
    """``supported``, ``contradicted``, ``partly_supported``, ``unverifiable`` or ``pending``."""
    reason: str
    """Which boards decided (with the snapshot dates), or why nothing could."""
    summary: str
    """Our own one-line paraphrase of what the article claims."""
    model_ids: list[str]
    """Models the claim names."""
    refers_to: date
    """The day the claim is about."""
    timing: str | None
    """``as_of`` (the snapshot current on ``refers_to``) or ``on_release`` (the first ones after it)."""
    scope: str | None
    """Named board scope (``major``: see docs/claims.md), if the claim uses one."""
    boards: list[str]
    """Explicit board ids (or families ``prefix.*``)."""
    boards_supported: int
    """In-scope boards whose snapshot supports the claim."""
    boards_contradicted: int
    """In-scope boards whose snapshot contradicts the claim."""
    boards_without_data: int
    """In-scope boards with no snapshot to decide on (unverifiable or pending there)."""
    publisher: str
    title: str | None
    url: str | None
    language: str
    published_on: date
    file: str
    """The claim file in ``seeds/claims/``."""


class ClaimSource(WireStruct, frozen=True, kw_only=True):
    """The article the claim comes from."""

    publisher: str
    language: str
    published_on: date
    published_on_approximate: bool = False
    """The publication day is approximate (the article gives no exact date)."""
    title: str | None = None
    author: str | None = None
    """Author of the article (``null``: not given)."""
    editor: str | None = None
    """Editor of the article (``null``: not given)."""
    url: str | None = None
    note: str | None = None
    """Our note on the source (``null``: none)."""


class BoardCheck(WireStruct, frozen=True, kw_only=True):
    """The claim checked on one board, with the evidence."""

    board_ref: str
    """The board id or family (``livebench.llm.global.*``) checked."""
    board_id: str | None
    """The board of the deciding snapshot."""
    in_scope: bool
    """False: a board outside the claim's scope, shown for context; it does not count in the verdict."""
    verdict: str
    """``supported``, ``contradicted``, ``unverifiable`` or ``pending``."""
    reason: str
    """Why this verdict, in words, with the snapshot date."""
    snapshot_id: int | None
    published_at: date | None
    """Published day of the deciding snapshot."""
    evidence: dict[str, Any]
    """Snapshots looked at, each model's rank/score/CI/votes/preliminary flag, the tolerance or window."""


class ClaimDetail(WireStruct, frozen=True, kw_only=True):
    """``GET /v1/claims/{claim_id}``."""

    claim: ClaimSummary
    """The claim and its verdict."""
    quote: str | None
    """At most a short fragment of the article."""
    claimed: dict[str, Any]
    """The claimed values: models (with variants), rank, score, margin, tolerance, deadline..."""
    source: ClaimSource
    """The article it comes from."""
    checks: list[BoardCheck]
    """In-scope boards first, then context boards."""


class ClaimList(Paged, frozen=True, kw_only=True):
    """``GET /v1/claims``."""

    items: list[ClaimSummary]
