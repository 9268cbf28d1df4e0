"""``rankledger claims``: verify the claim files, draft claims from an article, print the schema."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ingest.claims import (
    ModelVocabulary,
    claims_json_schema,
    extract_candidates,
    load_claims_for,
    render_drafts,
    verify_claims,
)
from ingest.errors import IngestError
from ingest.identity import load_registry
from ingest.warehouse import current_generation_path
from service.cli._data_dir import open_generation, settings_of
from service.cli.output import add_format_option, write_rows
from service.settings import Settings

__all__ = ("register",)

# Canonical models' display names and every alias that resolved to one, from the warehouse.
_WAREHOUSE_NAMES = """
SELECT display_name, model_id FROM model WHERE canonical
UNION
SELECT alias, model_id FROM model_alias WHERE resolved
"""


_VERIFY_COLUMNS = [
    "claim_id",
    "kind",
    "status",
    "boards_supported",
    "boards_contradicted",
    "boards_without_data",
    "refers_to",
    "reason",
]
"""Columns of ``claims verify --format csv`` (named as in ``GET /v1/claims``)."""


def _verify(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    claims_dir = settings.seeds_dir / "claims"
    with duckdb.connect(str(open_generation(settings)), read_only=True) as db:
        claim_set = load_claims_for(db, claims_dir)
        verdicts = verify_claims(db, claim_set.claims, today=datetime.now(UTC).date())
    rows: list[dict[str, Any]] = []
    for loaded, verdict in zip(claim_set.claims, verdicts, strict=True):
        scoped = [c for c in verdict.checks if c.in_scope]
        supported, contradicted = (sum(c.verdict == v for c in scoped) for v in ("supported", "contradicted"))
        rows.append(
            {
                "claim_id": loaded.claim.id,
                "kind": str(loaded.claim.__struct_config__.tag),
                "status": verdict.status,
                "boards_supported": supported,
                "boards_contradicted": contradicted,
                "boards_without_data": len(scoped) - supported - contradicted,
                "refers_to": loaded.claim.refers_to,
                "reason": verdict.reason,
            }
        )

    def table() -> None:
        print(f"{'claim':52} {'kind':16} {'status':16} {'+/-/?':>7}  {'refers_to':10}  reason")
        for row in rows:
            tally = f"{row['boards_supported']}/{row['boards_contradicted']}/{row['boards_without_data']}"
            print(
                f"{row['claim_id'][:52]:52} {row['kind']:16} {row['status']:16} {tally:>7}  "
                f"{row['refers_to']!s:10}  {row['reason']}"
            )
        print(
            f"{len(rows)} claim(s) from {claims_dir}; +/-/?: boards in scope supported/contradicted/no data"
        )

    write_rows(rows, _VERIFY_COLUMNS, args.output, table)
    for rejection in claim_set.rejections:
        print(f"rejected {rejection}", file=sys.stderr)
    return 1 if claim_set.rejections else 0


def _vocabulary(settings: Settings) -> ModelVocabulary:
    names: list[tuple[str, str]] = []
    registry_file = settings.seeds_dir / "models.toml"
    if registry_file.is_file():
        names += ModelVocabulary.from_registry(load_registry(registry_file)).names
    generation = current_generation_path(settings.data_dir)
    if generation is not None:
        with duckdb.connect(str(generation), read_only=True) as db:
            names += [
                (str(name), str(model_id)) for name, model_id in db.execute(_WAREHOUSE_NAMES).fetchall()
            ]
    return ModelVocabulary.build(names)


def _extract(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    candidates = extract_candidates(text, _vocabulary(settings_of(args)))
    sys.stdout.write(render_drafts(text, candidates, origin=path.name))
    print(f"{len(candidates)} candidate claim(s) in {path}", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = claims_json_schema()
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


def register(commands: Any, data_dir_parent: argparse.ArgumentParser) -> None:
    """Add ``claims verify|extract|schema`` to the top-level subcommands."""
    claims = commands.add_parser(
        "claims",
        help="article claims: verify them against the snapshots, draft them from an article",
        description="Article claims about rankings (seeds/claims/*.toml; see docs/claims.md).",
    )
    actions = claims.add_subparsers(dest="claims_command", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        parents=[data_dir_parent],
        help="check every claim file against the published warehouse and print the verdicts",
        description=(
            "Load seeds/claims/*.toml, check each claim against the published warehouse and print one line "
            "per claim. Exits 1 if a claim file is rejected (the others are still checked)."
        ),
    )
    add_format_option(verify)
    verify.set_defaults(handler=_verify)
    extract = actions.add_parser(
        "extract",
        parents=[data_dir_parent],
        help="print draft claim records (TOML) for the sentences of an article that rank a known model",
        description=(
            "Read an article (plain text, Markdown or HTML; English or Chinese) and print draft claim "
            "records for each sentence naming a known model next to a ranking cue, for review."
        ),
    )
    extract.add_argument("file", metavar="FILE", help="the article")
    extract.set_defaults(handler=_extract)
    schema = actions.add_parser("schema", help="print the JSON schema of claim files")
    schema.add_argument("--out", default="-", help="file to write (default: standard output)")
    schema.set_defaults(handler=_schema)
