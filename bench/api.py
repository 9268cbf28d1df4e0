"""Latency of the analytics endpoints over the whole bundled history (figures, not pass/fail).

Builds the seeded warehouse (as ``rankledger serve`` does on first start) or reuses one given with
``--data-dir``, then sends N requests per endpoint through the Litestar TestClient, in process,
with ``Accept-Encoding: gzip`` as browsers and most HTTP clients send it.

``server`` is what the app reports in its ``Server-Timing`` header: from the request reaching the
application to the response head, i.e. routing, dependencies, queries, serialisation and gzip.
``client`` adds the test client's own work (building the request, the thread hop, reading and
decompressing the body). ``cpu ms`` is the process CPU time per request (all threads).

    .venv/bin/python bench/api.py --data-dir /tmp/rankledger-bench --requests 100

With ``--url`` it measures a running server over HTTP instead (e.g. ``rankledger serve``);
``client`` then includes the network stack and the server's HTTP layer (granian).

    .venv/bin/python bench/api.py --url http://127.0.0.1:8000

In process, the response cache is off unless ``--cache`` is given: the figures are those of a
first request (nothing cached), which is what the cache cannot hide. Against ``--url`` the
server's cache answers the repeats: start it with ``RANKLEDGER_CACHE_MB=0`` for uncached figures.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import httpx
from litestar.testing import TestClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.warehouse import current_generation_path  # noqa: E402
from service.app import create_app  # noqa: E402
from service.cli import build_seed_warehouse  # noqa: E402
from service.server_timing import server_duration_ms  # noqa: E402
from service.settings import Settings  # noqa: E402

STYLE = "lmarena.text.overall.style_control"
RAW = "lmarena.text.overall.raw"

ENDPOINTS: dict[str, str] = {
    "leaderboard": f"/v1/boards/{STYLE}/leaderboard?as_of=2025-11-21",
    "leaderboard csv": f"/v1/boards/{RAW}/leaderboard?as_of=2025-05-24&format=csv",
    "history (one board)": f"/v1/models/gpt-4o-2024-05-13/history?board={RAW}",
    "history (all boards) csv": "/v1/models/claude-opus-4-5/history?format=csv",
    "movement": f"/v1/boards/{STYLE}/movement?from=2025-11-14&to=2025-11-21",
    "movement (method change)": f"/v1/boards/{RAW}/movement?from=2025-07-01&to=2025-08-04",
    "movement csv": f"/v1/boards/{STYLE}/movement?from=2025-11-14&to=2025-11-21&format=csv",
    "movers (one board)": f"/v1/movers?board={STYLE}&from=2025-11-01&to=2025-12-01",
    "movers (all boards)": "/v1/movers?from=2025-11-01&to=2025-12-01&include_noise=true",
    "leaders (raw, 2023-2025)": f"/v1/leaders?board={RAW}",
    "leaders (style control)": f"/v1/leaders?board={STYLE}",
    "compare": "/v1/compare?models=gemini-3-pro,gpt-5.1&as_of=2025-12-01",
    "compare history": "/v1/compare?models=gemini-3-pro,gpt-5.1,grok-4.1-thinking&history=true",
    "consensus": "/v1/consensus",
    "consensus csv": "/v1/consensus?as_of=2025-12-01&format=csv&limit=1000",
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _measure(client: httpx.Client, requests: int, warmup: int, in_process: bool) -> None:
    print(
        f"{'endpoint':<28} {'server p50':>10} {'server p99':>10} {'client p50':>10} {'client p99':>10}"
        f" {'cpu ms' if in_process else '':>7}  status"
    )
    for name, url in ENDPOINTS.items():
        for _ in range(warmup):
            client.get(url)
        timings = []
        server = []
        status = set()
        cpu_started = time.process_time()
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url, headers={"Accept-Encoding": "gzip"})
            timings.append((time.perf_counter() - started) * 1000)
            server.append(server_duration_ms(response.headers["server-timing"]))
            status.add(response.status_code)
        cpu = f"{(time.process_time() - cpu_started) * 1000 / requests:7.1f}" if in_process else " " * 7
        print(
            f"{name:<28} {_percentile(server, 0.5):10.1f} {_percentile(server, 0.99):10.1f}"
            f" {_percentile(timings, 0.5):10.1f} {_percentile(timings, 0.99):10.1f}"
            f" {cpu}  {sorted(status)}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, help="reuse (or build into) this data dir")
    parser.add_argument("--url", help="measure the server running at this base URL instead")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per endpoint first")
    parser.add_argument(
        "--cache", action="store_true", help="in process: keep the response cache on (repeats become hits)"
    )
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)

    if args.url:
        print(f"server: {args.url}")
        with httpx.Client(base_url=args.url, timeout=30) as client:
            _measure(client, args.requests, args.warmup, in_process=False)
        return 0
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rankledger-bench-")) / "data"
    if current_generation_path(data_dir) is None:
        build_seed_warehouse(Settings(data_dir=data_dir))
    print(f"data dir: {data_dir} ({current_generation_path(data_dir)})")
    # one client asks everything: no per-client rate limit
    cache_mb = Settings().cache_mb if args.cache else 0
    settings = Settings(data_dir=data_dir, cache_mb=cache_mb, rate_limit="off")
    with TestClient(app=create_app(settings)) as client:
        _measure(client, args.requests, args.warmup, in_process=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
