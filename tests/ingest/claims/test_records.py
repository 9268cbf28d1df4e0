"""Claim files are strictly validated, and their committed JSON schema is what the Structs generate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.claims import (
    AheadOfClaim,
    ClaimFileError,
    ForecastClaim,
    LeadsClaim,
    ModelRef,
    claim_files,
    claims_json_schema,
    read_claim_file,
    subjects,
)
from service.cli import main
from tests.conftest import SEEDS

CLAIMS = SEEDS / "claims"

SOURCE = """
[source]
publisher = "Example Daily"
language = "en"
published_on = 2025-11-20
"""


def _file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "example.toml"
    path.write_text(SOURCE + body, encoding="utf-8")
    return path


def test_committed_schema_matches_the_structs(tmp_path: Path) -> None:
    generated = tmp_path / "claims.schema.json"

    assert main(["claims", "schema", "--out", str(generated)]) == 0

    committed = (CLAIMS / "claims.schema.json").read_text(encoding="utf-8")
    assert generated.read_text(encoding="utf-8") == committed == claims_json_schema(), (
        "seeds/claims/claims.schema.json drifted from ingest/claims/_records.py: run "
        "`rankledger claims schema --out seeds/claims/claims.schema.json` and review the diff"
    )


def test_every_seed_claim_file_is_valid() -> None:
    files = claim_files(CLAIMS)

    parsed = [read_claim_file(path) for path in files]

    assert len(files) >= 4
    ids = [claim.id for file in parsed for claim in file.claim]
    assert len(ids) == len(set(ids))
    netease = read_claim_file(CLAIMS / "netease-2025-12-openai-code-red.toml")
    assert (netease.source.author, netease.source.editor) == ("何簡", "蔣澆")
    assert netease.source.published_on == date(2025, 12, 2)
    assert netease.source.published_on_approximate


def test_kinds_decode_into_their_own_shapes(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        """
[[claim]]
id = "example-ahead"
kind = "ahead_of"
summary = "Model A placed above model B."
models = ["gemini-3-pro", { id = "gpt-5.1", variant = "high" }]
scope = "major"
refers_to = 2025-11-20

[[claim]]
id = "example-forecast"
kind = "forecast"
summary = "A vendor said a better model would come within a week."
models = ["gemini-3-pro"]
organization = "OpenAI"
boards = ["lmarena.text.overall.style_control"]
refers_to = 2025-12-01
deadline = 2025-12-14
""",
    )

    ahead, forecast = read_claim_file(path).claim

    assert isinstance(ahead, AheadOfClaim)
    assert subjects(ahead) == [ModelRef(id="gemini-3-pro"), ModelRef(id="gpt-5.1", variant="high")]
    assert ahead.timing == "as_of"
    assert isinstance(forecast, ForecastClaim)
    assert (forecast.deadline, forecast.grace_days) == (date(2025, 12, 14), 7)


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        (
            'models = ["gemini-3-pro"]\nscope = "major"\nrefers_to = "2025-11-18"\n',
            "$.claim[0].refers_to",
            "write dates as bare TOML dates",
        ),
        (
            'models = ["gemini-3-pro"]\nscope = "major"\nrefers_to = 2025-11-18\nrnak = 1\n',
            "$.claim[0]",
            "`rnak`",
        ),
        ('models = ["gemini-3-pro"]\nrefers_to = 2025-11-18\n', "$.claim[0]", "needs `boards` or `scope`"),
        (
            'models = ["gemini-3-pro", "gpt-5.1"]\nscope = "major"\nrefers_to = 2025-11-18\n',
            "$.claim[0].models",
            "length",
        ),
    ],
    ids=["date-as-string", "unknown-field", "no-boards", "two-models-for-leads"],
)
def test_invalid_claims_are_rejected_naming_the_claim_and_field(
    tmp_path: Path, body: str, field: str, problem: str
) -> None:
    path = _file(
        tmp_path, f'\n[[claim]]\nid = "example-leads"\nkind = "leads"\nsummary = "Model A is first."\n{body}'
    )

    with pytest.raises(ClaimFileError) as raised:
        read_claim_file(path)

    rejection = raised.value.rejection
    assert (rejection.file, rejection.claim_id, rejection.field) == ("example.toml", "example-leads", field)
    assert problem in rejection.problem


def test_leads_claim_keeps_its_claimed_values(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        """
[[claim]]
id = "example-leads"
kind = "leads"
summary = "Model A debuted first by about forty points."
models = ["gemini-2.5-pro"]
boards = ["lmarena.text.overall.raw"]
refers_to = 2025-03-25
timing = "on_release"
margin = 40
tolerance = 5
""",
    )

    (claim,) = read_claim_file(path).claim

    assert isinstance(claim, LeadsClaim)
    assert (claim.margin, claim.tolerance, claim.score, claim.timing) == (40.0, 5.0, None, "on_release")


@pytest.mark.parametrize(
    "ranks",
    ["", "rank = 3\nrank_at_most = 10\n"],
    ids=["neither", "both"],
)
def test_a_ranks_claim_needs_an_exact_rank_or_a_top_n(tmp_path: Path, ranks: str) -> None:
    path = _file(
        tmp_path,
        '\n[[claim]]\nid = "example-ranks"\nkind = "ranks"\nsummary = "Model A is in the top 10."\n'
        f'models = ["gemini-3-pro"]\nscope = "major"\nrefers_to = 2025-11-18\n{ranks}',
    )

    with pytest.raises(ClaimFileError) as raised:
        read_claim_file(path)

    assert raised.value.rejection.claim_id == "example-ranks"
    assert "exactly one of `rank` (exact) or `rank_at_most` (top N)" in raised.value.rejection.problem
