"""Reading ``seeds/claims/*.toml``: strict validation, then references checked against the warehouse.

A file that fails is rejected whole, with the file, the claim id and the field named; the other
files still load. Nothing here guesses: an unknown model id or board is an error to fix in the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ingest.claims._records import Claim, ClaimFile, ClaimSource, UsageMetricClaim, subjects
from ingest.claims._scopes import SCOPES, is_family
from ingest.errors import IngestError

__all__ = (
    "ClaimFileError",
    "ClaimRejection",
    "ClaimSet",
    "LoadedClaim",
    "claim_files",
    "load_claims",
    "read_claim_file",
)

_AT_PATH = re.compile(r" - at `(\$[^`]*)`$")
_CLAIM_INDEX = re.compile(r"^\$\.claim\[(\d+)\]")
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_KEY = re.compile(r"^\s*([A-Za-z_][\w\-]*)\s*=")
_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")


@dataclass(frozen=True)
class ClaimRejection:
    """Why a claim file was not loaded."""

    file: str
    """The file, relative to the claims folder."""
    claim_id: str | None
    """The claim concerned, when the problem is inside one."""
    field: str | None
    """Where: a path such as ``$.claim[2].models[0]``, or ``line 14, key refers_to``."""
    problem: str
    """What is wrong and what to do."""

    def __str__(self) -> str:
        where = "".join(
            [f": claim {self.claim_id!r}" if self.claim_id else "", f": {self.field}" if self.field else ""]
        )
        return f"{self.file}{where}: {self.problem}"


@dataclass(frozen=True)
class LoadedClaim:
    """A valid claim with the file and article it comes from."""

    file: str
    source: ClaimSource
    claim: Claim


@dataclass(frozen=True)
class ClaimSet:
    """Every claim that loaded, and every file that did not."""

    claims: tuple[LoadedClaim, ...]
    rejections: tuple[ClaimRejection, ...]


class ClaimFileError(IngestError):
    """A claim file that cannot be loaded; ``rejection`` says where and why."""

    def __init__(self, rejection: ClaimRejection) -> None:
        self.rejection = rejection
        super().__init__(str(rejection))


def _claim_id_at_index(content: bytes, index: int) -> str | None:
    try:
        raw: dict[str, Any] = tomllib.loads(content.decode("utf-8"))
        claim_id = raw["claim"][index]["id"]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, IndexError, TypeError):
        return None
    return claim_id if isinstance(claim_id, str) else None


def _claim_id_at_line(lines: list[str], number: int) -> str | None:
    """The id of the ``[[claim]]`` block holding line ``number`` (1-based), read from the text."""
    start = next((i for i in range(number - 1, -1, -1) if lines[i].strip() == "[[claim]]"), None)
    if start is None:
        return None
    for line in lines[start + 1 :]:
        if line.lstrip().startswith("["):
            break
        match = _ID_LINE.match(line)
        if match:
            return match[1]
    return None


def _syntax_rejection(file: str, content: bytes, error: msgspec.DecodeError) -> ClaimRejection:
    message = str(error)
    found = _AT_LINE.search(message)
    if found is None:
        return ClaimRejection(file, None, None, f"not valid TOML: {message}")
    number = int(found[1])
    lines = content.decode("utf-8", errors="replace").splitlines()
    key = _KEY.match(lines[number - 1]) if number <= len(lines) else None
    field = f"line {number}" + (f", key {key[1]}" if key else "")
    hint = " Dates are bare TOML dates that exist, e.g. 2025-11-18." if "date" in message.lower() else ""
    problem = f"{_AT_LINE.sub('', message).strip()}.{hint}"
    return ClaimRejection(file, _claim_id_at_line(lines, number), field, problem)


def _schema_rejection(file: str, content: bytes, error: msgspec.ValidationError) -> ClaimRejection:
    message = str(error)
    found = _AT_PATH.search(message)
    path = found[1] if found else None
    problem = _AT_PATH.sub("", message)
    if "Expected `date`, got `str`" in problem:
        problem += " (write dates as bare TOML dates, e.g. 2025-11-18, not in quotes)"
    index = _CLAIM_INDEX.match(path) if path else None
    claim_id = _claim_id_at_index(content, int(index[1])) if index else None
    return ClaimRejection(file, claim_id, path, problem)


def read_claim_file(path: Path, name: str | None = None) -> ClaimFile:
    """Decode and validate one claim file; raises ``ClaimFileError`` naming file, claim and field."""
    file = name or path.name
    content = path.read_bytes()
    try:
        return msgspec.toml.decode(content, type=ClaimFile)
    except msgspec.ValidationError as error:
        raise ClaimFileError(_schema_rejection(file, content, error)) from error
    except msgspec.DecodeError as error:
        raise ClaimFileError(_syntax_rejection(file, content, error)) from error


def _check_references(
    file: str, parsed: ClaimFile, known_models: Set[str], known_boards: Set[str], seen_ids: dict[str, str]
) -> None:
    for index, claim in enumerate(parsed.claim):
        at = f"$.claim[{index}]"
        if claim.id in seen_ids:
            raise ClaimFileError(
                ClaimRejection(file, claim.id, f"{at}.id", f"claim id already used in {seen_ids[claim.id]}")
            )
        for position, ref in enumerate(subjects(claim)):
            if ref.id not in known_models:
                raise ClaimFileError(
                    ClaimRejection(
                        file,
                        claim.id,
                        f"{at}.models[{position}]",
                        f"unknown model id {ref.id!r}: use an id of seeds/models.toml "
                        "(`rankledger identity resolve NAME` shows what a name maps to)",
                    )
                )
        if isinstance(claim, UsageMetricClaim):
            continue
        if claim.scope is not None and claim.scope not in SCOPES:
            raise ClaimFileError(
                ClaimRejection(
                    file,
                    claim.id,
                    f"{at}.scope",
                    f"unknown scope {claim.scope!r}; known scopes: {', '.join(sorted(SCOPES))}",
                )
            )
        for position, board in enumerate(claim.boards):
            family = board[:-1] if is_family(board) else None
            known = any(b.startswith(family) for b in known_boards) if family else board in known_boards
            if not known:
                raise ClaimFileError(
                    ClaimRejection(
                        file,
                        claim.id,
                        f"{at}.boards[{position}]",
                        f"unknown board {board!r}: use a board id of `GET /v1/boards`",
                    )
                )


def claim_files(claims_dir: Path) -> list[Path]:
    """The ``*.toml`` files of the folder, in name order (other files, e.g. the schema, are ignored)."""
    return sorted(claims_dir.glob("*.toml")) if claims_dir.is_dir() else []


def load_claims(claims_dir: Path, *, known_models: Iterable[str], known_boards: Iterable[str]) -> ClaimSet:
    """Every claim of the folder's files; a file with any problem is rejected whole, not the others."""
    models, boards = set(known_models), set(known_boards)
    loaded: list[LoadedClaim] = []
    rejections: list[ClaimRejection] = []
    seen_ids: dict[str, str] = {}
    for path in claim_files(claims_dir):
        file = path.name
        try:
            parsed = read_claim_file(path, file)
            _check_references(file, parsed, models, boards, seen_ids)
        except ClaimFileError as rejected:
            rejections.append(rejected.rejection)
            continue
        for claim in parsed.claim:
            seen_ids[claim.id] = file
            loaded.append(LoadedClaim(file=file, source=parsed.source, claim=claim))
    return ClaimSet(claims=tuple(loaded), rejections=tuple(rejections))
