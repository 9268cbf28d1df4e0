"""The datasets rankledger exports: one query over the warehouse each, and the filters it honours.

Written as Parquet and CSV for every published generation and on request with filters
(``ingest.exports``); the column names equal the API's snake_case keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ("DATASETS", "Dataset", "ExportFilters", "get_dataset")


@dataclass(frozen=True)
class ExportFilters:
    """Row filters a client may pass; each dataset says which ones it understands."""

    board: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def used(self) -> set[str]:
        """Names of the filters that are set (as the API names them)."""
        names = {"board": self.board, "source": self.source, "from": self.date_from, "to": self.date_to}
        return {k for k, v in names.items() if v is not None}

    def params(self) -> dict[str, Any]:
        return {"board": self.board, "source": self.source, "from": self.date_from, "to": self.date_to}


@dataclass(frozen=True)
class Dataset:
    """One exportable table: a query over the warehouse and the filters it honours."""

    name: str
    description: str
    sql: str
    filters: frozenset[str] = field(default_factory=frozenset)


_BOARD_FILTERS = """
  AND ($board IS NULL OR b.board_id = $board)
  AND ($source IS NULL OR b.source_id = $source)
"""
_DATE_FILTERS = """
  AND ($from IS NULL OR s.last_seen_on >= $from)
  AND ($to IS NULL OR s.published_at <= $to)
"""

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        name="sources",
        description="Upstream sources with homepage, licence and citation.",
        sql="""
SELECT source_id, name, homepage, licence, citation, description, retired
FROM source WHERE $source IS NULL OR source_id = $source ORDER BY source_id""",
        filters=frozenset({"source"}),
    ),
    Dataset(
        name="boards",
        description="Boards (source, arena, category, variant, metric) with their served date range.",
        sql=f"""
SELECT b.board_id, b.source_id, b.arena, b.category, b.variant, b.metric, b.unit, b.higher_is_better,
       min(s.published_at) AS first_published_at, max(s.last_seen_on) AS last_published_at,
       count(*) AS snapshot_count
FROM board AS b JOIN served_snapshot AS s ON s.board_id = b.board_id
WHERE true {_BOARD_FILTERS}
GROUP BY ALL ORDER BY b.board_id""",
        filters=frozenset({"board", "source"}),
    ),
    Dataset(
        name="snapshots",
        description="Every snapshot (served or kept as corroboration) with dates, parser and flags.",
        sql=f"""
SELECT s.snapshot_id, s.board_id, b.source_id, s.published_at, s.retrieved_at, s.parser,
       s.precedence, s.row_count, s.truncated, s.carried_over, s.has_preliminary,
       srv.snapshot_id IS NOT NULL AS served, srv.last_seen_on, s.payload_sha256
FROM snapshot AS s
JOIN board AS b ON b.board_id = s.board_id
LEFT JOIN served_snapshot AS srv ON srv.snapshot_id = s.snapshot_id
WHERE ($from IS NULL OR s.published_at >= $from) AND ($to IS NULL OR s.published_at <= $to)
{_BOARD_FILTERS}
ORDER BY s.board_id, s.published_at, s.snapshot_id""",
        filters=frozenset({"board", "source", "from", "to"}),
    ),
    Dataset(
        name="entries",
        description=(
            "Every line of every served snapshot: the board as of published_at, valid to last_seen_on, "
            "with published rank, rank interval, score, CI, votes and the resolved model; votes and "
            "rank a served line lacks are taken from a corroborating snapshot of the same board and day, "
            "named by votes_snapshot_id / rank_snapshot_id."
        ),
        sql=f"""
SELECT s.board_id, b.source_id, s.published_at, s.last_seen_on, e.snapshot_id, e.position,
       e.model_id, e.variant, e.model_name, coalesce(e.rank, c.rank) AS rank, e.rank_best, e.rank_worst,
       e.score, e.ci_lower, e.ci_upper, coalesce(e.votes, c.votes) AS votes, e.organization, e.license,
       e.preliminary, CAST(e.extra AS VARCHAR) AS extra,
       CASE WHEN e.votes IS NOT NULL THEN e.snapshot_id ELSE c.votes_snapshot_id END AS votes_snapshot_id,
       CASE WHEN e.rank IS NOT NULL THEN e.snapshot_id ELSE c.rank_snapshot_id END AS rank_snapshot_id
FROM entry AS e
JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
JOIN board AS b ON b.board_id = s.board_id
LEFT JOIN served_completion AS c ON c.snapshot_id = e.snapshot_id AND c.position = e.position
WHERE true {_BOARD_FILTERS} {_DATE_FILTERS}
ORDER BY s.board_id, s.published_at, e.position""",
        # The API reads its leaderboards from this file and relies on this order: each snapshot's
        # lines together, by position (service/queries/served.py).
        filters=frozenset({"board", "source", "from", "to"}),
    ),
    Dataset(
        name="models",
        description="Models: canonical ones from the registry and source-scoped ones not mapped yet.",
        sql="""
SELECT model_id, display_name, canonical, organization, family, release_date
FROM model ORDER BY canonical DESC, model_id""",
    ),
    Dataset(
        name="model_aliases",
        description="Every name a source uses, its model and variant, the rule and the provenance.",
        sql="""
SELECT source_id, alias, model_id, variant, CAST(variant_attributes AS VARCHAR) AS variant_attributes,
       resolved, rule, provenance, observed
FROM model_alias WHERE $source IS NULL OR source_id = $source
ORDER BY source_id, alias, variant NULLS FIRST, model_id, rule, provenance, resolved, observed,
         variant_attributes""",
        filters=frozenset({"source"}),
    ),
    Dataset(
        name="claims",
        description="Article claims (our one-line summaries) with their verdict against the snapshots.",
        sql="""
SELECT claim_id, kind, status, reason, summary, array_to_string(model_ids, ',') AS model_ids, scope,
       array_to_string(boards, ',') AS boards, refers_to, timing, CAST(claimed AS VARCHAR) AS claimed,
       publisher, title, url, language, published_on
FROM claim ORDER BY claim_id""",
    ),
    Dataset(
        name="claim_checks",
        description="Every board a claim was checked on: verdict, decisive snapshot and the evidence (JSON).",
        sql="""
SELECT c.claim_id, c.board_ref, c.board_id, c.in_scope, c.verdict, c.reason, c.snapshot_id, c.published_at,
       CAST(c.evidence AS VARCHAR) AS evidence
FROM claim_check AS c
WHERE $board IS NULL OR c.board_id = $board
ORDER BY c.claim_id, c.board_ref""",
        filters=frozenset({"board"}),
    ),
)
"""Every exportable dataset."""


def get_dataset(name: str) -> Dataset | None:
    """The dataset called ``name``, if any."""
    return next((d for d in DATASETS if d.name == name), None)
