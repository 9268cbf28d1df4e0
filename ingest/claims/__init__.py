"""Article claims about rankings, kept as data and checked against the snapshots they refer to.

Claim files (``seeds/claims/*.toml``) are hand-edited and strictly validated (``ClaimFile``);
``refresh_claims`` recomputes every verdict after each ingest; ``extract_candidates`` drafts claim
records from an article for review. See ``docs/claims.md``.
"""

from __future__ import annotations

from ingest.claims._drafts import detect_language, render_drafts
from ingest.claims._extract import Candidate, ModelVocabulary, extract_candidates
from ingest.claims._loader import (
    ClaimFileError,
    ClaimRejection,
    ClaimSet,
    LoadedClaim,
    claim_files,
    load_claims,
    read_claim_file,
)
from ingest.claims._records import (
    KINDS,
    AheadOfClaim,
    Claim,
    ClaimFile,
    ClaimSource,
    FirstAppearanceClaim,
    ForecastClaim,
    LeadsClaim,
    ModelRef,
    RanksClaim,
    ScoreClaim,
    UsageMetricClaim,
    subjects,
)
from ingest.claims._refresh import ClaimsRefresh, load_claims_for, refresh_claims, verify_claims
from ingest.claims._result import (
    DEFAULT_WINDOW_DAYS,
    PARTLY_SUPPORTED,
    PENDING,
    UNVERIFIABLE,
    VERDICTS,
    BoardCheck,
    ClaimVerdict,
)
from ingest.claims._schema import claims_json_schema
from ingest.claims._scopes import SCOPES, scope_boards
from ingest.claims._snapshots import BoardHistory
from ingest.claims._verifier import verify_claim

__all__ = (
    "DEFAULT_WINDOW_DAYS",
    "KINDS",
    "PARTLY_SUPPORTED",
    "PENDING",
    "SCOPES",
    "UNVERIFIABLE",
    "VERDICTS",
    "AheadOfClaim",
    "BoardCheck",
    "BoardHistory",
    "Candidate",
    "Claim",
    "ClaimFile",
    "ClaimFileError",
    "ClaimRejection",
    "ClaimSet",
    "ClaimSource",
    "ClaimVerdict",
    "ClaimsRefresh",
    "FirstAppearanceClaim",
    "ForecastClaim",
    "LeadsClaim",
    "LoadedClaim",
    "ModelRef",
    "ModelVocabulary",
    "RanksClaim",
    "ScoreClaim",
    "UsageMetricClaim",
    "claim_files",
    "claims_json_schema",
    "detect_language",
    "extract_candidates",
    "load_claims",
    "load_claims_for",
    "read_claim_file",
    "refresh_claims",
    "render_drafts",
    "scope_boards",
    "subjects",
    "verify_claim",
    "verify_claims",
)
