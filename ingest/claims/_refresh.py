"""Recomputing every claim's verdict after an ingest and storing it in ``claim`` / ``claim_check``.

The tables are derived data: rewritten whole from the claim files and the served history, and
only when the result differs from what is stored, so an ingest that changes nothing about the
claims publishes nothing new for them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import msgspec

from ingest.claims._loader import ClaimRejection, ClaimSet, LoadedClaim, load_claims
from ingest.claims._records import UsageMetricClaim, subjects
from ingest.claims._result import ClaimVerdict
from ingest.claims._snapshots import BoardHistory
from ingest.claims._verifier import verify_claim
from ingest.transaction import transaction

__all__ = ("ClaimsRefresh", "load_claims_for", "refresh_claims", "verify_claims")

_COMMON_FIELDS = {"id", "kind", "summary", "quote", "refers_to", "boards", "scope", "timing"}

_CLAIM_COLUMNS = (
    "claim_id, file, kind, summary, quote, model_ids, scope, boards, refers_to, timing, claimed, "
    "publisher, title, url, language, published_on, source, status, reason"
)
_CHECK_COLUMNS = (
    "claim_id, board_ref, board_id, in_scope, verdict, reason, snapshot_id, published_at, evidence"
)


@dataclass(frozen=True)
class ClaimsRefresh:
    """What a refresh did."""

    loaded: int
    """Claims loaded from the files."""
    rejections: tuple[ClaimRejection, ...]
    """Files that did not load, with file, claim id and field."""
    statuses: dict[str, int] = field(default_factory=dict)
    """How many claims have each status."""
    changed: bool = False
    """The stored claims or verdicts changed (the runner then publishes a new generation)."""


def load_claims_for(connection: duckdb.DuckDBPyConnection, claims_dir: Path) -> ClaimSet:
    """The folder's claims, their model ids and boards checked against this warehouse."""
    models = [str(r[0]) for r in connection.execute("SELECT model_id FROM model").fetchall()]
    boards = [str(r[0]) for r in connection.execute("SELECT board_id FROM board").fetchall()]
    return load_claims(claims_dir, known_models=models, known_boards=boards)


def verify_claims(
    connection: duckdb.DuckDBPyConnection, claims: tuple[LoadedClaim, ...], *, today: date
) -> list[ClaimVerdict]:
    """Every claim's verdict against the served history (read-only: works on a generation too)."""
    history = BoardHistory(connection)
    return [verify_claim(history, loaded.claim, today=today) for loaded in claims]


def _claim_row(loaded: LoadedClaim, verdict: ClaimVerdict) -> list[Any]:
    claim, source = loaded.claim, loaded.source
    fields: dict[str, Any] = msgspec.to_builtins(claim)
    claimed = {k: v for k, v in fields.items() if k not in _COMMON_FIELDS and v is not None}
    board_claim = not isinstance(claim, UsageMetricClaim)
    return [
        claim.id,
        loaded.file,
        fields["kind"],
        claim.summary,
        claim.quote,
        [ref.id for ref in subjects(claim)],
        claim.scope if board_claim else None,  # type: ignore[union-attr]
        list(claim.boards) if board_claim else [],  # type: ignore[union-attr]
        claim.refers_to,
        claim.timing if board_claim else None,  # type: ignore[union-attr]
        msgspec.json.encode(claimed).decode(),
        source.publisher,
        source.title,
        source.url,
        source.language,
        source.published_on,
        msgspec.json.encode(source).decode(),
        verdict.status,
        verdict.reason,
    ]


def _check_rows(verdict: ClaimVerdict) -> list[list[Any]]:
    return [
        [
            verdict.claim_id,
            check.board_ref,
            check.board_id,
            check.in_scope,
            check.verdict,
            check.reason,
            check.snapshot_id,
            check.published_at,
            msgspec.json.encode(check.evidence).decode(),
        ]
        for check in verdict.checks
    ]


def refresh_claims(
    connection: duckdb.DuckDBPyConnection, claims_dir: Path, *, today: date | None = None
) -> ClaimsRefresh:
    """Load ``claims_dir``, verify every claim, and rewrite the claim tables if anything changed."""
    today = today or datetime.now(UTC).date()
    claim_set = load_claims_for(connection, claims_dir)
    verdicts = verify_claims(connection, claim_set.claims, today=today)
    claims = [_claim_row(loaded, v) for loaded, v in zip(claim_set.claims, verdicts, strict=True)]
    checks = [row for v in verdicts for row in _check_rows(v)]
    rejected = [[r.file, r.claim_id, r.field, r.problem] for r in claim_set.rejections]
    fingerprint = hashlib.sha256(msgspec.json.encode([claims, checks, rejected])).hexdigest()
    stored = connection.execute("SELECT value FROM warehouse_meta WHERE key = 'claims_sha256'").fetchone()
    result = ClaimsRefresh(
        loaded=len(claim_set.claims),
        rejections=claim_set.rejections,
        statuses=dict(Counter(v.status for v in verdicts)),
    )
    if stored is not None and stored[0] == fingerprint:
        return result
    with transaction(connection):
        for table in ("claim", "claim_check", "claim_rejection"):
            connection.execute(f"DELETE FROM {table}")
        if claims:
            connection.executemany(
                f"INSERT INTO claim ({_CLAIM_COLUMNS}) VALUES ({', '.join('?' * 19)})", claims
            )
        if checks:
            connection.executemany(
                f"INSERT INTO claim_check ({_CHECK_COLUMNS}) VALUES ({', '.join('?' * 9)})", checks
            )
        if rejected:
            connection.executemany("INSERT INTO claim_rejection VALUES (?, ?, ?, ?)", rejected)
        connection.execute("INSERT OR REPLACE INTO warehouse_meta VALUES ('claims_sha256', ?)", [fingerprint])
    return dataclasses.replace(result, changed=True)
