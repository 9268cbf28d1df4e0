"""Article claims and their verification, as stored by the last ingest (``claim``, ``claim_check``)."""

from __future__ import annotations

from typing import Any

import duckdb
import msgspec

from ingest.errors import NotFoundError
from service.queries._rows import fetch_all, fetch_one
from service.queries.identity import ModelNames
from service.schemas import ModelClaim
from service.schemas_claims import BoardCheck, ClaimDetail, ClaimSource, ClaimSummary

__all__ = ("all_claims", "claim_detail", "claims_about_model", "list_claims")

# Board counts are over the claim's own scope; context boards (in_scope = false) never count.
_CLAIMS = """
WITH counts AS (
    SELECT
        claim_id,
        count(*) FILTER (WHERE verdict = 'supported') AS boards_supported,
        count(*) FILTER (WHERE verdict = 'contradicted') AS boards_contradicted,
        count(*) FILTER (WHERE verdict IN ('unverifiable', 'pending')) AS boards_without_data
    FROM claim_check
    WHERE in_scope
    GROUP BY claim_id
)
SELECT
    c.claim_id, c.kind, c.status, c.reason, c.summary, c.model_ids, c.refers_to, c.timing, c.scope,
    c.boards,
    coalesce(n.boards_supported, 0) AS boards_supported,
    coalesce(n.boards_contradicted, 0) AS boards_contradicted,
    coalesce(n.boards_without_data, 0) AS boards_without_data,
    c.publisher, c.title, c.url, c.language, c.published_on, c.file
FROM claim AS c
LEFT JOIN counts AS n ON n.claim_id = c.claim_id
WHERE ($claim_id IS NULL OR c.claim_id = $claim_id)
  AND ($model_id IS NULL OR list_contains(c.model_ids, $model_id))
  AND ($status IS NULL OR c.status = $status)
  AND ($kind IS NULL OR c.kind = $kind)
ORDER BY c.refers_to, c.claim_id
"""

_CHECKS = """
SELECT board_ref, board_id, in_scope, verdict, reason, snapshot_id, published_at, evidence
FROM claim_check
WHERE claim_id = ?
ORDER BY in_scope DESC, (verdict IN ('supported', 'contradicted')) DESC, board_ref
"""

_MODEL_CLAIMS = """
SELECT claim_id, kind, status, summary, refers_to, publisher
FROM claim
WHERE list_contains(model_ids, ?)
ORDER BY refers_to, claim_id
"""


def list_claims(
    cursor: duckdb.DuckDBPyConnection,
    names: ModelNames,
    *,
    model: str | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> list[ClaimSummary]:
    """Claims, optionally about one model (by id or any source's name for it), status or kind."""
    model_id = names.resolve(model)[0] if model is not None else None
    return _claims(cursor, model_id=model_id, status=status, kind=kind)


def all_claims(cursor: duckdb.DuckDBPyConnection) -> list[ClaimSummary]:
    """Every claim with its verdict, one flat row each (the rows of the ``claims`` export)."""
    return _claims(cursor, model_id=None, status=None, kind=None)


def _claims(
    cursor: duckdb.DuckDBPyConnection, *, model_id: str | None, status: str | None, kind: str | None
) -> list[ClaimSummary]:
    params = {"claim_id": None, "model_id": model_id, "status": status, "kind": kind}
    return fetch_all(cursor, _CLAIMS, params, ClaimSummary)


def claim_detail(cursor: duckdb.DuckDBPyConnection, claim_id: str) -> ClaimDetail:
    """One claim with its source, claimed values and every board check with its evidence."""
    params = {"claim_id": claim_id, "model_id": None, "status": None, "kind": None}
    summary = fetch_one(cursor, _CLAIMS, params, ClaimSummary)
    extra = cursor.execute(
        "SELECT quote, claimed, source FROM claim WHERE claim_id = ?", [claim_id]
    ).fetchone()
    if summary is None or extra is None:
        raise NotFoundError("claim", claim_id)
    quote, claimed, source = extra
    rows = cursor.execute(_CHECKS, [claim_id])
    columns = [d[0] for d in rows.description or ()]
    checks = []
    for row in rows.fetchall():
        record: dict[str, Any] = dict(zip(columns, row, strict=True))
        record["evidence"] = msgspec.json.decode(record["evidence"])
        checks.append(msgspec.convert(record, BoardCheck))
    return ClaimDetail(
        claim=summary,
        quote=quote,
        claimed=msgspec.json.decode(claimed),
        source=msgspec.json.decode(source, type=ClaimSource),
        checks=checks,
    )


def claims_about_model(cursor: duckdb.DuckDBPyConnection, model_id: str) -> list[ModelClaim]:
    """The claims naming a model (any role: subject, rival), oldest first."""
    return fetch_all(cursor, _MODEL_CLAIMS, [model_id], ModelClaim)
