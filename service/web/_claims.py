"""``/claims``: what articles claimed about rankings, each with its verdict, and
``/claims/{claim_id}``: the evidence per board with links to the snapshots."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter
from litestar.response import Template

from service.controllers.claims import ClaimStatus
from service.queries.claims import claim_detail, list_claims
from service.queries.served import ServedIndex
from service.schemas_claims import BoardCheck

__all__ = ("ClaimPages", "EvidenceSnapshot", "evidence_snapshots")


class EvidenceSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """A snapshot a board check looked at, and what it showed (from the check's ``evidence``)."""

    board_id: str
    published_at: str
    outcome: str
    reason: str


def evidence_snapshots(check: BoardCheck) -> list[EvidenceSnapshot]:
    """The snapshots listed in a check's evidence, oldest first (none for checks without data)."""
    listed: Any = check.evidence.get("snapshots", [])
    snapshots = []
    for item in listed if isinstance(listed, list) else []:
        if isinstance(item, dict) and {"board_id", "published_at"} <= item.keys():
            snapshots.append(
                EvidenceSnapshot(
                    board_id=str(item["board_id"]),
                    published_at=str(item["published_at"]),
                    outcome=str(item.get("outcome", "")),
                    reason=str(item.get("reason", "")),
                )
            )
    return snapshots


class ClaimPages(Controller):
    """Claims and their verification."""

    path = "/claims"

    @get("/", name="page:claims", sync_to_thread=True)
    def claims(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        served: NamedDependency[ServedIndex],
        model: Annotated[str | None, QueryParameter(description="Only claims naming this model.")] = None,
        status: Annotated[ClaimStatus | None, QueryParameter(description="Only this verdict.")] = None,
    ) -> Template:
        """Every claim with its verdict, newest first."""
        items = list_claims(db, served.names, model=model or None, status=status.value if status else None)
        return Template(
            "claims.html",
            context={
                "claims": sorted(items, key=lambda c: (c.refers_to, c.claim_id), reverse=True),
                "model": model or "",
                "status": status.value if status else "",
                "statuses": [s.value for s in ClaimStatus],
            },
        )

    @get("/{claim_id:str}", name="page:claim", sync_to_thread=True)
    def claim(
        self,
        db: NamedDependency[duckdb.DuckDBPyConnection],
        claim_id: Annotated[str, PathParameter(description="Claim id.")],
    ) -> Template:
        """The claim, its source and every board check with the snapshots it looked at."""
        detail = claim_detail(db, claim_id)
        return Template(
            "claim.html",
            context={
                "detail": detail,
                "claim": detail.claim,
                "checks": [(check, evidence_snapshots(check)) for check in detail.checks],
                "evidence_json": {
                    i: msgspec.json.format(msgspec.json.encode(check.evidence), indent=2).decode()
                    for i, check in enumerate(detail.checks)
                },
            },
        )
