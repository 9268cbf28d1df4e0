"""What the operations middleware costs per request (figures, not pass/fail).

Calls a trivial ASGI app directly (no server, no client, no routing) bare and wrapped in each
layer the API puts in front of every request: the request-id/access-log middleware
(``service/request_log.py``), Litestar's own ``PrometheusMiddleware`` and the lean subclass
``service/metrics.py`` uses, in memory (one process) and in prometheus_client's multiprocess mode (the figures
written to mmap'ed files, as under several workers). Prints microseconds per request (median of
rounds) for each.

    .venv/bin/python bench/middleware.py [--requests 20000]

The multiprocess figure runs in a child process: prometheus_client picks its mode at import.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def _app(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def _scope() -> dict[str, Any]:
    # what Litestar's router leaves in the scope when the middleware runs
    return {
        "type": "http",
        "method": "GET",
        "path": "/v1/boards/lmarena.text.overall.raw/leaderboard",
        "path_template": "/v1/boards/{board_id}/leaderboard",
        "raw_path": b"/v1/boards/lmarena.text.overall.raw/leaderboard",
        "query_string": b"",
        "headers": [(b"host", b"localhost"), (b"accept-encoding", b"gzip")],
        "app": None,
        "state": {},
        "server": ("127.0.0.1", 8000),
        "scheme": "http",
        "root_path": "",
    }


async def _per_request_us(app: Any, requests: int) -> float:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        pass

    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(requests // 5):
            await app(_scope(), receive, send)
        rounds.append((time.perf_counter() - started) / (requests // 5) * 1e6)
    return statistics.median(rounds)


def _measure(requests: int) -> dict[str, float]:
    from litestar.plugins.prometheus import PrometheusConfig, PrometheusMiddleware

    from service.metrics import RouteMetricsMiddleware, prometheus_config
    from service.request_log import request_context

    litestar_own = PrometheusConfig(app_name="litestar", prefix="litestar", group_path=True)
    ours = prometheus_config()
    stacks = {
        "bare app": _app,
        "+ request id": request_context(access_log=False)(_app),
        "+ litestar's": PrometheusMiddleware(_app, litestar_own),
        "+ metrics": RouteMetricsMiddleware(_app, ours),
        "+ both (ours)": RouteMetricsMiddleware(request_context(access_log=False)(_app), ours),
    }
    return {name: asyncio.run(_per_request_us(app, requests)) for name, app in stacks.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for name, micros in _measure(args.requests).items():
            print(f"{name}\t{micros}")
        return
    in_memory = _measure(args.requests)
    with tempfile.TemporaryDirectory(prefix="rankledger-bench-metrics-") as folder:
        child = subprocess.run(
            [sys.executable, __file__, "--child", "--requests", str(args.requests)],
            env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": folder},
            capture_output=True,
            text=True,
            check=True,
        )
    multiprocess = {line.split("\t")[0]: float(line.split("\t")[1]) for line in child.stdout.splitlines()}
    print(f"{'stack':16} {'1 process us':>13} {'multiprocess us':>16}")
    for name in in_memory:
        print(f"{name:16} {in_memory[name]:13.1f} {multiprocess[name]:16.1f}")


if __name__ == "__main__":
    main()
