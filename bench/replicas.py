"""Read replicas fed from object storage: cold start, switch time, and three replicas against one
(figures, not pass/fail).

    .venv/bin/python bench/replicas.py [--data-dir DIR] [--repeat 5] [--duration 10]

The seeded warehouse (built from ``seeds/`` unless ``--data-dir`` holds one) is published to an
S3-compatible server on this machine (moto's server, in-memory, over HTTP on 127.0.0.1: the same
one the tests use; real storage over a network is slower to download from, so read the times as
what the replica itself costs), then:

(a) **cold start**: ``rankledger serve --from`` over an empty cache folder, from the command to
    the first ``200`` of ``/healthz`` (download, sha256 checks, switch, worker start), and the
    replica's own ``last_switch_seconds`` (download, checks and switch alone), ``--repeat`` times;
(b) **switch**: a running replica (``--poll 1``) and the writer publishing a new generation of
    the same size: from the pointer write to ``/healthz`` naming the new generation (this includes
    up to one poll interval of waiting), and ``last_switch_seconds``;
(c) **requests per second** of three replicas (127.0.0.2-4, one worker each) against one, with
    wrk on a mix of cached leaderboard and history URLs: one ``wrk -t2 -c32`` against one replica,
    three ``wrk -t1 -c11`` at once against three. **This machine has 2 cores**, shared by the
    replicas, the wrk processes, the storage server and anything else running: three replicas
    here cannot be three times one. Replicas share nothing but the bucket, so on separate machines
    they add up; what this measures is that they do not get in each other's way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import RANKLEDGER, Server, WrkResult, free_port, require_wrk, start_server, wrk
from ingest.replication import BucketLocation, publish_to_bucket, s3_client
from ingest.warehouse import (
    WAREHOUSE_FILE,
    current_generation_path,
    exports_dir,
    publish_generation,
    writer_lock,
)
from service.cli import build_seed_warehouse
from service.settings import Settings

BUCKET = "rankledger-bench"
STYLE = "lmarena.text.overall.style_control"
MIX = [
    f"/v1/boards/{STYLE}/leaderboard",
    f"/v1/boards/{STYLE}/leaderboard?as_of=2025-11-19&limit=20",
    "/v1/models/gpt-4o-2024-05-13/history?board=lmarena.text.overall.raw",
    "/v1/models/gemini-3-pro/history?board=" + STYLE,
    "/v1/boards?source=lmarena",
]


def _spread(values: Sequence[float], unit: str = "s") -> str:
    return (
        f"median {statistics.median(values):.2f} {unit} (min {min(values):.2f}, max {max(values):.2f}, "
        f"n={len(values)})"
    )


def _object_storage() -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{env['AWS_ENDPOINT_URL']}/moto-api/", timeout=2)
            return process, env
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the object storage server did not start")


def _replica(cache: Path, url: str, host: str = "127.0.0.2", poll: float = 15.0) -> Server:
    port = free_port()
    command = [str(RANKLEDGER), "serve", "--from", url, "--poll", str(poll), "--data-dir", str(cache)]
    command += ["--host", host, "--port", str(port), "--workers", "1", "--log-level", "warning"]
    return start_server(f"replica-{host}", command, f"http://{host}:{port}", "/healthz")


def _health(base_url: str) -> dict[str, object]:
    answer: dict[str, object] = httpx.get(f"{base_url}/healthz", timeout=5).json()
    return answer


def _switch_seconds(base_url: str) -> float:
    replica = _health(base_url)["replica"]
    assert isinstance(replica, dict)
    return float(replica["last_switch_seconds"])


def _sizes(data_dir: Path) -> str:
    generation = current_generation_path(data_dir)
    assert generation is not None
    exports = sum(p.stat().st_size for p in exports_dir(generation).iterdir())
    return f"{generation.name}: {generation.stat().st_size / 1e6:.1f} MB + exports {exports / 1e6:.1f} MB"


def _cold_starts(url: str, repeat: int) -> None:
    print(f"\n(a) cold start of `rankledger serve --from` over an empty cache, {repeat} times")
    ready, switch = [], []
    for _ in range(repeat):
        cache = Path(tempfile.mkdtemp(prefix="rankledger-replica-"))
        started = time.monotonic()
        server = _replica(cache, url)
        ready.append(time.monotonic() - started)
        switch.append(_switch_seconds(server.base_url))
        server.stop()
    print(f"  command to first 200 of /healthz: {_spread(ready)}")
    print(f"  download + sha256 checks + switch (replica's own figure): {_spread(switch)}")


def _switches(data_dir: Path, url: str, repeat: int) -> None:
    poll = 1.0
    print(f"\n(b) switch of a running replica (--poll {poll:g}) to a new generation of the same size")
    location = BucketLocation.parse(url)
    server = _replica(Path(tempfile.mkdtemp(prefix="rankledger-replica-")), url, poll=poll)
    client = s3_client()
    seen, switch = [], []
    try:
        for _ in range(repeat):
            # a new generation of the same warehouse (same size), as the writer makes one
            with writer_lock(data_dir, command="bench", wait=60):
                name = publish_generation(data_dir, data_dir / WAREHOUSE_FILE)
            written = 0.0

            def mark() -> datetime:  # publish_to_bucket asks the time just before the pointer write
                nonlocal written
                written = time.monotonic()
                return datetime.now(UTC)

            publish_to_bucket(data_dir, location, client, now=mark)
            while _health(server.base_url)["generation"] != name:
                time.sleep(0.01)
            seen.append(time.monotonic() - written)
            switch.append(_switch_seconds(server.base_url))
    finally:
        server.stop()
    print(f"  pointer written to /healthz naming it: {_spread(seen)} (includes 0-{poll:g} s of poll wait)")
    print(f"  download + sha256 checks + switch (replica's own figure): {_spread(switch)}")


def _wrk_into(results: list[WrkResult], base_url: str, duration: int) -> None:
    results.append(wrk(base_url, MIX, duration=duration, connections=11, threads=1))


def _throughput(url: str, repeat: int, duration: int) -> None:
    print(
        f"\n(c) requests per second, one replica against three ({repeat} runs of {duration} s, interleaved)"
    )
    print("    2 cores shared by every replica, the wrk processes and the storage server")
    servers = [
        _replica(Path(tempfile.mkdtemp(prefix="rankledger-replica-")), url, host=f"127.0.0.{n}")
        for n in (2, 3, 4)
    ]
    try:
        for server in servers:  # warm each replica's response cache
            wrk(server.base_url, MIX, duration=2, connections=8)
        one: list[float] = []
        three: list[float] = []
        errors = 0
        for _ in range(repeat):
            single = wrk(servers[0].base_url, MIX, duration=duration, connections=32, threads=2)
            one.append(single.requests_per_second)
            results: list[WrkResult] = []
            threads = [
                threading.Thread(target=_wrk_into, args=(results, s.base_url, duration)) for s in servers
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            three.append(sum(r.requests_per_second for r in results))
            errors += single.errors + sum(r.errors for r in results)
    finally:
        for server in servers:
            server.stop()
    print(f"  one replica:    {_spread(one, 'req/s')}")
    print(f"  three replicas: {_spread(three, 'req/s')} (sum of the three wrk runs)")
    ratios = [t / o for t, o in zip(three, one, strict=True)]
    print(f"  three / one: {_spread(ratios, 'x')} (per interleaved pair); errors: {errors}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="a writer's data dir (default: a new seeded one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    args = parser.parse_args()
    require_wrk()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rankledger-replicas-")) / "data"
    if current_generation_path(data_dir) is None:
        build_seed_warehouse(Settings(data_dir=data_dir))
    storage, env = _object_storage()
    os.environ.update(env)
    try:
        client = s3_client()
        client.create_bucket(Bucket=BUCKET)
        url = f"s3://{BUCKET}/bench"
        started = time.monotonic()
        result = publish_to_bucket(data_dir, BucketLocation.parse(url), client)
        print(f"published {_sizes(data_dir)} to {url} in {time.monotonic() - started:.1f} s")
        print(f"({result.uploaded_bytes / 1e6:.1f} MB uploaded; storage: moto's server on 127.0.0.1)")
        _cold_starts(url, args.repeat)
        _switches(data_dir, url, args.repeat)
        _throughput(url, max(3, args.repeat // 2 + 1), args.duration)
    finally:
        storage.terminate()
        storage.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
