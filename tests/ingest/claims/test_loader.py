"""A bad claim file is rejected whole, naming the file, the claim and the field; the others load."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.claims import ClaimRejection, load_claims

MODELS = {"gemini-3-pro", "gpt-5.1", "grok-4.1"}
BOARDS = {
    "lmarena.text.overall.style_control",
    "livebench.llm.global.release_2025_05_30",
    "livebench.llm.global.release_2025_11_25",
}

HEADER = """
[source]
publisher = "Example Daily"
language = "en"
published_on = 2025-11-20
"""

GOOD = """
[[claim]]
id = "good-leads"
kind = "leads"
summary = "Gemini 3 Pro is first on the text arena."
models = ["gemini-3-pro"]
boards = ["lmarena.text.overall.style_control", "livebench.llm.global.*"]
refers_to = 2025-11-19
"""

# The second claim of each bad file carries the problem, so the claim id must be found by position.
BAD = {
    "unknown-model.toml": (
        'models = ["gpt-9"]\nscope = "major"\nrefers_to = 2025-11-19\n',
        "$.claim[1].models[0]",
    ),
    "unknown-board.toml": (
        'models = ["gpt-5.1"]\nboards = ["lmarena.txt.overall.raw"]\nrefers_to = 2025-11-19\n',
        "$.claim[1].boards[0]",
    ),
    "unknown-scope.toml": (
        'models = ["gpt-5.1"]\nscope = "mayor"\nrefers_to = 2025-11-19\n',
        "$.claim[1].scope",
    ),
    "impossible-date.toml": (
        'models = ["gpt-5.1"]\nscope = "major"\nrefers_to = 2025-02-30\n',
        "line 21, key refers_to",
    ),
    "missing-field.toml": ('scope = "major"\nrefers_to = 2025-11-19\n', "$.claim[1]"),
}


def _write(folder: Path, name: str, claim_body: str) -> None:
    second = f'\n[[claim]]\nid = "bad-{name[:-5]}"\nkind = "leads"\nsummary = "Something is first."\n'
    first = GOOD.replace("good-leads", f"ok-{name[:-5]}")
    (folder / name).write_text(HEADER + first + second + claim_body, encoding="utf-8")


@pytest.fixture
def claims_dir(tmp_path: Path) -> Path:
    (tmp_path / "a-good.toml").write_text(HEADER + GOOD, encoding="utf-8")
    for name, (body, _) in BAD.items():
        _write(tmp_path, name, body)
    (tmp_path / "claims.schema.json").write_text("{}", encoding="utf-8")  # not a claim file
    return tmp_path


def test_good_file_loads_and_bad_files_are_each_rejected(claims_dir: Path) -> None:
    loaded = load_claims(claims_dir, known_models=MODELS, known_boards=BOARDS)

    assert [c.claim.id for c in loaded.claims] == ["good-leads"]
    assert loaded.claims[0].file == "a-good.toml"
    rejected = {r.file: r for r in loaded.rejections}
    assert set(rejected) == set(BAD)
    for name, (_, field) in BAD.items():
        assert rejected[name].claim_id == f"bad-{name[:-5]}", name
        assert rejected[name].field == field, name


def test_rejections_say_what_is_wrong(claims_dir: Path) -> None:
    loaded = load_claims(claims_dir, known_models=MODELS, known_boards=BOARDS)
    message = {r.file: str(r) for r in loaded.rejections}

    assert message["unknown-model.toml"] == (
        "unknown-model.toml: claim 'bad-unknown-model': $.claim[1].models[0]: unknown model id 'gpt-9': "
        "use an id of seeds/models.toml (`rankledger identity resolve NAME` shows what a name maps to)"
    )
    assert "unknown board 'lmarena.txt.overall.raw'" in message["unknown-board.toml"]
    assert "unknown scope 'mayor'; known scopes: lmarena-text, major" in message["unknown-scope.toml"]
    assert "Invalid date or datetime" in message["impossible-date.toml"]
    assert "e.g. 2025-11-18" in message["impossible-date.toml"]
    assert "missing required field `models`" in message["missing-field.toml"]


def test_a_claim_id_used_twice_rejects_the_later_file(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(HEADER + GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(HEADER + GOOD, encoding="utf-8")

    loaded = load_claims(tmp_path, known_models=MODELS, known_boards=BOARDS)

    assert [c.file for c in loaded.claims] == ["a.toml"]
    assert loaded.rejections == (
        ClaimRejection("b.toml", "good-leads", "$.claim[0].id", "claim id already used in a.toml"),
    )


def test_a_missing_folder_holds_no_claims(tmp_path: Path) -> None:
    loaded = load_claims(tmp_path / "nope", known_models=MODELS, known_boards=BOARDS)

    assert (loaded.claims, loaded.rejections) == ((), ())
