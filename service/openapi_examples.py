"""Record one real example response per operation into ``service/openapi_examples.json``.

Each example is what the app answers to one request over the warehouse built from ``seeds/``,
with every list shortened to its first ``MAX_LIST_ITEMS`` items (a CSV to its header and as many
rows, other text to its first lines), so the contract shows real values. ``make openapi`` runs
this before writing the document; ``tests/service/test_openapi_examples.py`` replays every request
against the seeded app and fails when an example no longer matches what the app answers.

    python -m service.openapi_examples [--data-dir DIR]

Without ``--data-dir`` the warehouse is built from ``seeds/`` in a temporary folder (~20 s).
A new operation gets its example by adding a request to ``EXAMPLE_REQUESTS``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from service.openapi_contract import EXAMPLES_FILE, recorded_examples

__all__ = (
    "EXAMPLE_REQUESTS",
    "MAX_LIST_ITEMS",
    "VARYING_KEYS",
    "main",
    "record_examples",
    "shorten",
    "without_varying",
)

MAX_LIST_ITEMS = 2
"""Items kept of every list in an example (the rest is left out, the counts stay as answered)."""

VARYING_KEYS = frozenset({"generation", "generation_published_at", "created_at", "sha256"})
"""Keys whose values change with every build of the warehouse (the generation's name and time, and
the checksums of files that record it); the replaying test does not compare them."""

_STYLE = "lmarena.text.overall.style_control"
_RAW = "lmarena.text.overall.raw"

EXAMPLE_REQUESTS: dict[str, str] = {
    "GetHealth": "/healthz",
    "ListSources": "/v1/sources?limit=2",
    "ListBoards": "/v1/boards?source=lmarena&category=overall&limit=2",
    "GetBoardLeaderboard": f"/v1/boards/{_STYLE}/leaderboard?as_of=2025-11-19&limit=2",
    "ListBoardSnapshots": f"/v1/boards/{_RAW}/snapshots?limit=2",
    "ListModels": "/v1/models?q=gemini-3&limit=2",
    "GetModel": "/v1/models/gemini-3-pro",
    "GetModelHistory": f"/v1/models/gpt-4o-2024-05-13/history?board={_RAW}&limit=2",
    "ResolveModelName": "/v1/models/resolve?name=GPT-4o-2024-05-13&limit=2",
    "ListDisagreements": "/v1/disagreements?limit=2",
    "ListUnresolvedNames": "/v1/identity/unresolved?from=2025-01-01&max_rank=20&limit=2",
    "ListExports": "/v1/exports?limit=2",
    "GetExportManifest": "/v1/exports/manifest.json",
    "DownloadExport": "/v1/exports/boards.csv",
    "GetBoardMovement": f"/v1/boards/{_STYLE}/movement?from=2025-11-14&to=2025-11-21&limit=2",
    "ListMovers": f"/v1/movers?board={_STYLE}&from=2025-11-14&to=2025-11-21&limit=2",
    "ListLeaders": f"/v1/leaders?board={_STYLE}&limit=2",
    "CompareModels": "/v1/compare?models=gemini-3-pro,gpt-5.1-high&as_of=2025-11-19",
    "GetConsensus": "/v1/consensus?as_of=2025-11-19&limit=2",
    "GetClaim": "/v1/claims/google-gemini-3-pro-tops-lmarena-text-1501",
    "ListClaims": "/v1/claims?status=supported&limit=2",
    "ListRuns": "/v1/runs?limit=2",
    "ListChanges": f"/v1/changes?board={_STYLE}&kind=new_leader&from=2025-11-18&to=2025-11-19&limit=2",
    "GetChangesFeed": "/v1/changes.atom?kind=claim_verdict&limit=2",
    "GetBoardChangesFeed": f"/v1/boards/{_STYLE}/changes.atom?kind=new_leader&limit=2",
}
"""Operation id -> the request whose answer is its example (small: ``limit=2`` where paged)."""


def shorten(value: Any) -> Any:
    """``value`` with every list cut to its first ``MAX_LIST_ITEMS`` items, at any depth."""
    if isinstance(value, list):
        return [shorten(item) for item in value[:MAX_LIST_ITEMS]]
    if isinstance(value, dict):
        return {key: shorten(item) for key, item in value.items()}
    return value


def without_varying(value: Any) -> Any:
    """``value`` with the values of ``VARYING_KEYS`` replaced by a placeholder, at any depth."""
    if isinstance(value, list):
        return [without_varying(item) for item in value]
    if isinstance(value, dict):
        return {k: "(varies)" if k in VARYING_KEYS else without_varying(v) for k, v in value.items()}
    return value


def _head(text: str, lines: int) -> str:
    return "".join(text.splitlines(keepends=True)[:lines])


def _example_of(media_type: str, body: bytes) -> Any:
    """JSON shortened by ``shorten``; a CSV cut to its header and ``MAX_LIST_ITEMS`` rows; other text
    (an Atom feed, a Prometheus page) to its first 40 lines."""
    if media_type == "application/json" or media_type.endswith("+json"):
        return shorten(msgspec.json.decode(body))
    if media_type == "text/csv":
        return _head(body.decode(), 1 + MAX_LIST_ITEMS)
    return _head(body.decode(), 40)


def record_examples(get: Callable[[str], tuple[int, str, bytes]]) -> dict[str, dict[str, Any]]:
    """The examples, with ``get(url) -> (status, media type, body)`` answering each request."""
    examples: dict[str, dict[str, Any]] = {}
    for operation_id, url in EXAMPLE_REQUESTS.items():
        status, media_type, body = get(url)
        if status != 200:
            raise RuntimeError(f"{operation_id}: GET {url} answered {status}: {body[:300]!r}")
        media_type = media_type.split(";")[0].strip()
        response = _example_of(media_type, body)
        examples[operation_id] = {"request": url, "media_type": media_type, "response": response}
    return examples


def _record_from(data_dir: Path) -> dict[str, dict[str, Any]]:
    from litestar.testing import TestClient

    from service.app import create_app
    from service.settings import Settings

    with TestClient(app=create_app(Settings(data_dir=data_dir))) as client:

        def get(url: str) -> tuple[int, str, bytes]:
            response = client.get(url)
            return response.status_code, response.headers.get("content-type", ""), response.content

        return record_examples(get)


def main(argv: Sequence[str] | None = None) -> int:
    """Write ``service/openapi_examples.json`` from a seeded warehouse."""
    parser = argparse.ArgumentParser(prog="python -m service.openapi_examples", description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="a data dir built from seeds/ (default: build one)")
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        examples = _record_from(args.data_dir)
    else:
        from ingest.runner import import_paths
        from service.settings import Settings

        seeds = Settings.from_env().seeds_dir
        with tempfile.TemporaryDirectory(prefix="rankledger-examples-") as folder:
            data_dir = Path(folder) / "data"
            summary = import_paths(data_dir, [seeds / "snapshots"], seeds_dir=seeds, command="seed")
            if summary.rejected:
                raise RuntimeError(f"seeds did not import cleanly: {summary.rejected[0].message}")
            examples = _record_from(data_dir)
    # An example that differs only in per-build values keeps the recorded ones: no churn in the diff.
    previous = recorded_examples()
    for operation_id, example in examples.items():
        if without_varying(example) == without_varying(previous.get(operation_id)):
            examples[operation_id] = previous[operation_id]
    text = msgspec.json.format(msgspec.json.encode(examples), indent=2).decode() + "\n"
    EXAMPLES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {len(examples)} examples to {EXAMPLES_FILE.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
