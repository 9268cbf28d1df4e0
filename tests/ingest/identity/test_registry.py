"""The registry itself (``seeds/models.toml``) and its coverage of the seeded boards.

Coverage goal (docs/identity.md): every name that reached the top 20 of any board since
2025-01-01 resolves to a canonical model, except the ones listed in ``EXCEPTIONS`` with the
reason they cannot. The seeded warehouse is built once per session (``seeded_data_dir``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.identity import Registry, Resolver, load_registry, normalize_name
from ingest.sources_catalog import load_sources
from ingest.warehouse import current_generation_path
from service.queries.identity import unresolved_names

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

NO_MODEL = "agent system: the entry names no model (none in its name, no single `Model:` tag)"
SEVERAL_MODELS = "agent system running several models (its tags list {})"
TWO_MODELS = "Aider architect/editor pair: two models, {} and {}"

EXCEPTIONS: dict[tuple[str, str], str] = {
    ("aider", "DeepSeek R1 + claude-3-5-sonnet-20241022"): TWO_MODELS.format(
        "deepseek-r1", "claude-3-5-sonnet"
    ),
    ("aider", "o3 (high) + gpt-4.1"): TWO_MODELS.format("o3", "gpt-4.1"),
    ("aider", "QwQ-32B + Qwen 2.5 Coder Instruct"): TWO_MODELS.format("qwq-32b", "a Qwen2.5 Coder"),
    ("aider", "Optimus Alpha"): "anonymous stealth model on OpenRouter; the data never names its vendor",
    ("aider", "Quasar Alpha"): "anonymous stealth model on OpenRouter; the data never names its vendor",
    ("lmarena", "shadebrook"): "anonymous codename on the vision arena; the data never names its vendor",
    ("swebench", "ACoder"): SEVERAL_MODELS.format("claude-4-sonnet, claude-4.1-opus, gpt-5, gemini-2.5-pro"),
    ("swebench", "AgentScope"): NO_MODEL,
    ("swebench", "Amazon Q Developer Agent (v20240430-dev)"): NO_MODEL,
    ("swebench", "Amazon Q Developer Agent (v20240719-dev)"): NO_MODEL,
    ("swebench", "Amazon Q Developer Agent (v20241202-dev)"): NO_MODEL,
    ("swebench", "Amazon Q Developer Agent (v20250405-dev)"): NO_MODEL,
    ("swebench", "AppMap Navie v2"): NO_MODEL,
    ("swebench", "Atlassian Rovo Dev (2025-06-05)"): NO_MODEL,
    ("swebench", "Atlassian Rovo Dev (2025-09-02)"): SEVERAL_MODELS.format("claude-sonnet-4, gpt-5"),
    ("swebench", "Augment Agent v0"): NO_MODEL,
    ("swebench", "Augment Agent v1"): NO_MODEL,
    ("swebench", "Blackbox AI Agent"): NO_MODEL,
    ("swebench", "Bracket.sh"): NO_MODEL,
    ("swebench", "Bytedance MarsCode Agent"): NO_MODEL,
    ("swebench", "Codart AI"): SEVERAL_MODELS.format("claude-3-5-haiku, claude-3.5-sonnet"),
    ("swebench", "CodeFuse-AAIS"): NO_MODEL,
    ("swebench", "CodeFuse-CGM"): NO_MODEL,
    ("swebench", "CodeStory Aide + Mixed Models"): "agent system; its name says it mixes models",
    ("swebench", "CodeStory Midwit Agent + swe-search"): NO_MODEL,
    ("swebench", "Codev"): SEVERAL_MODELS.format("seven, from claude-3-7-sonnet to gpt-4o-mini"),
    ("swebench", "Composio SWE-Kit (2024-10-25)"): NO_MODEL,
    ("swebench", "Composio SWE-Kit (2024-10-30)"): NO_MODEL,
    ("swebench", "DARS Agent"): SEVERAL_MODELS.format("claude-3-5-sonnet, deepseek-reasoner"),
    ("swebench", "Emergent E1 (v2024-12-23)"): NO_MODEL,
    ("swebench", "Engine Labs (2024-11-25)"): NO_MODEL,
    ("swebench", "ExpeRepair-v1.0"): SEVERAL_MODELS.format("claude-3.5-sonnet, o3-mini, o4-mini"),
    ("swebench", "Factory Code Droid"): NO_MODEL,
    ("swebench", "Globant Code Fixer Agent"): NO_MODEL,
    ("swebench", "Gru(2024-08-11)"): NO_MODEL,
    ("swebench", "Gru(2024-12-08)"): NO_MODEL,
    ("swebench", "Honeycomb"): NO_MODEL,
    ("swebench", "Isoform"): NO_MODEL,
    ("swebench", "JoyCode"): SEVERAL_MODELS.format("claude-4-sonnet, gpt-4.1"),
    ("swebench", "Learn-by-interact"): NO_MODEL,
    ("swebench", "Nemotron-CORTEXA"): SEVERAL_MODELS.format("twelve, from NV-EmbedCode to Llama-3.3-70B"),
    ("swebench", "OpenCSG Starship Agentic Coder + GPT 4 (0806)"): (
        "no GPT-4 snapshot is dated 0806 (GPT-4o's is): ambiguous, not guessed"
    ),
    ("swebench", "OpenHands + 4x Scaled (2024-02-03)"): NO_MODEL,
    ("swebench", "Patched.Codes Patchwork"): NO_MODEL,
    ("swebench", "Qodo Command"): SEVERAL_MODELS.format("claude-sonnet-4, gpt-4o"),
    ("swebench", "Refact.ai Agent"): SEVERAL_MODELS.format(
        "claude-3-7-sonnet or claude-4-sonnet, o3, o4-mini"
    ),
    ("swebench", "Salesforce AI Research SAGE (OpenHands)"): SEVERAL_MODELS.format(
        "claude-sonnet-4.5, gpt-5"
    ),
    ("swebench", "Salesforce AI Research SAGE (bash-only)"): SEVERAL_MODELS.format(
        "claude-sonnet-4.5, gpt-5"
    ),
    ("swebench", "SemAgent_Multi-v1.0"): SEVERAL_MODELS.format("claude-3-7-sonnet, gemini-2.5-pro"),
    ("swebench", "Solver (2024-10-28)"): NO_MODEL,
    ("swebench", "TRAE"): SEVERAL_MODELS.format(
        "claude-4-sonnet, claude-4-opus, claude-3-7-sonnet, gemini-2.5-pro"
    ),
    ("swebench", "W&B Programmer O1 crosscheck5"): NO_MODEL,
    ("swebench", "Warp"): SEVERAL_MODELS.format("claude-sonnet-4, gpt-5 and others"),
    ("swebench", "Zencoder (2025-03-10)"): NO_MODEL,
    ("swebench", "Zencoder (2025-04-30)"): SEVERAL_MODELS.format("claude-3-7-sonnet, o4-mini"),
    ("swebench", "devlo"): SEVERAL_MODELS.format("claude-3-7-sonnet, o3, gemini-2.5-pro"),
    ("swebench", "nFactorial (2024-11-05)"): NO_MODEL,
}
"""Names that reached the top 20 since 2025 and stay unresolved on purpose, with the reason.

SWE-bench systems appear here only for the entries whose parser found no single model; the same
system is resolved on boards where its entry names one.
"""

# Two different names in one snapshot that resolve to the same (model, variant): a merge.
_MERGED_IN_ONE_SNAPSHOT = """
SELECT s.board_id, s.published_at, e.model_id, e.variant, list(DISTINCT e.model_name)
FROM entry AS e
JOIN snapshot AS s ON s.snapshot_id = e.snapshot_id
JOIN board AS b ON b.board_id = s.board_id
WHERE e.resolved AND b.source_id <> 'swebench'
GROUP BY s.snapshot_id, s.board_id, s.published_at, e.model_id, e.variant
HAVING count(DISTINCT e.model_name) > 1
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    known = {s.id for s in load_sources(SEEDS / "sources.toml")}
    return load_registry(SEEDS / "models.toml", known_sources=known)


@pytest.fixture(scope="module")
def seeded_db(seeded_data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    path = current_generation_path(seeded_data_dir)
    assert path is not None
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def test_the_registry_is_sizeable_and_every_alias_has_provenance(registry: Registry) -> None:
    aliases = [alias for model in registry.models for alias in model.aliases]
    assert len(registry.models) > 350
    assert len(aliases) > 200
    assert all(alias.provenance.strip() for alias in aliases)


def test_a_provenance_that_cites_a_seed_file_cites_one_that_exists(registry: Registry) -> None:
    cited = re.compile(r" in ([\w.\-]+/\S+) \(published (\d{4}-\d{2}-\d{2})\)$")
    missing = []
    for model in registry.models:
        for alias in model.aliases:
            found = cited.search(alias.provenance)
            if found and not (SEEDS / "snapshots" / found.group(1)).is_file():
                missing.append((model.id, alias.name, found.group(1)))
    assert missing == []


def test_no_two_canonical_ids_differ_only_by_case_or_separators(registry: Registry) -> None:
    normalized = [normalize_name(model.id) for model in registry.models]
    assert len(set(normalized)) == len(normalized)


def test_every_declared_alias_resolves_to_its_own_model(registry: Registry) -> None:
    """No alias is shadowed by a canonical id or by another alias of the same source."""
    resolver = Resolver(registry)
    wrong = []
    for model in registry.models:
        for alias in model.aliases:
            found = resolver.resolve_name(alias.source, alias.name)
            # the alias's own attributes must survive (rules may add more)
            if (
                found is None
                or found.model_id != model.id
                or found.variant.merged(alias.variant) != found.variant
            ):
                wrong.append((alias.source, alias.name, model.id, found))
    assert wrong == []


def test_models_are_grouped_by_organization(registry: Registry) -> None:
    """One block per organization in the file: an organization never reappears after another."""
    order = [model.organization for model in registry.models]
    blocks = [org for i, org in enumerate(order) if i == 0 or order[i - 1] != org]
    assert len(blocks) == len(set(blocks))


def test_every_top_20_name_since_2025_resolves_or_is_a_documented_exception(
    seeded_db: duckdb.DuckDBPyConnection,
) -> None:
    """As ``rankledger identity unresolved --since 2025-01-01 --max-rank 20`` lists them."""
    unresolved = unresolved_names(seeded_db, since=date(2025, 1, 1), max_rank=20)
    assert {(name.source_id, name.model_name) for name in unresolved} == set(EXCEPTIONS)


def test_no_snapshot_merges_two_names_into_one_model_variant(seeded_db: duckdb.DuckDBPyConnection) -> None:
    """Two names on one board at one date are two entries: they must stay two (model, variant).

    SWE-bench is left out: its parser records no harness for systems whose model it read from
    the tags (``Bloop``, ``Harness AI``), so such systems share the model's bare variant.
    """
    assert seeded_db.execute(_MERGED_IN_ONE_SNAPSHOT).fetchall() == []


def test_hard_cases_land_in_the_seeded_warehouse(seeded_db: duckdb.DuckDBPyConnection) -> None:
    rows = seeded_db.execute(
        """
        SELECT DISTINCT b.source_id, e.model_name, e.model_id, e.variant
        FROM entry AS e
        JOIN snapshot AS s ON s.snapshot_id = e.snapshot_id
        JOIN board AS b ON b.board_id = s.board_id
        WHERE e.model_name IN (
            'gemini-3-pro', 'gemini-3-pro-preview-11-2025-high', 'Gemini 3 Pro Preview (2025-11-18)',
            'live-SWE-agent + Gemini 3 Pro Preview (2025-11-18)', 'Gemini 3 Pro Preview (high)',
            'claude-opus-4-5-20251101-thinking-32k', 'claude-opus-4-5-20251101-thinking-64k-high-effort',
            'Claude 4.5 Opus medium (20251101)', 'GPT-4o-2024-05-13', 'gpt-4o-2024-05-13'
        )
        """
    ).fetchall()
    assert set(rows) == {
        ("lmarena", "gemini-3-pro", "gemini-3-pro", None),
        ("livebench", "gemini-3-pro-preview-11-2025-high", "gemini-3-pro", "high-2025-11"),
        ("swebench", "Gemini 3 Pro Preview (2025-11-18)", "gemini-3-pro", "mini-swe-agent-2025-11-18"),
        (
            "swebench",
            "live-SWE-agent + Gemini 3 Pro Preview (2025-11-18)",
            "gemini-3-pro",
            "live-swe-agent-2025-11-18",
        ),
        ("artificial-analysis", "Gemini 3 Pro Preview (high)", "gemini-3-pro", "high"),
        ("lmarena", "claude-opus-4-5-20251101-thinking-32k", "claude-opus-4-5", "thinking-32k-20251101"),
        (
            "livebench",
            "claude-opus-4-5-20251101-thinking-64k-high-effort",
            "claude-opus-4-5",
            "thinking-high-64k-20251101",
        ),
        (
            "swebench",
            "Claude 4.5 Opus medium (20251101)",
            "claude-opus-4-5",
            "medium-mini-swe-agent-20251101",
        ),
        ("lmarena", "GPT-4o-2024-05-13", "gpt-4o", "2024-05-13"),
        ("lmarena", "gpt-4o-2024-05-13", "gpt-4o", "2024-05-13"),
        ("livebench", "gpt-4o-2024-05-13", "gpt-4o", "2024-05-13"),
        ("aider", "gpt-4o-2024-05-13", "gpt-4o", "diff-2024-05-13"),
    }
