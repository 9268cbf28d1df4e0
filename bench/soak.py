"""Publishing under load, and restarting during an ingest (figures, not pass/fail).

    .venv/bin/python bench/soak.py [--data-dir DIR] [--duration 60] [--every 5]

1. ``rankledger serve`` (granian, one worker per core) over a warehouse built from ``seeds/``,
   under ``wrk -t2 -c32`` on the URL mix of ``bench/peers.py`` for ``--duration`` seconds, while
   ``rankledger import`` publishes one new generation after another, ``--every`` seconds apart
   (copies of a real LMArena markdown page with new dates; an import takes seconds itself). A
   probe beside the load sends one request every 20 ms and notes when each answer started, how
   long it took and which generation it came from.
   Printed: wrk's requests, errors (must be 0) and latencies; the probe's p99 overall and within
   one second after each switch of ``CURRENT``; requests started after a switch that still
   answered from an older generation (must be 0: ``Last-Modified`` names the generation); how
   long after each switch the probe first had the new data.
2. While another process holds the writer lock (an ingest running), ``rankledger serve`` is
   started three times: seconds until ``/healthz`` answers.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import RANKLEDGER, ROOT, free_port, require_wrk, start_server, wrk
from bench.peers import HISTORY, MIX, ONE_CLIENT
from ingest.warehouse import current_generation_path, writer_lock
from service.cli import build_seed_warehouse
from service.settings import Settings

PAGE = ROOT / "seeds" / "snapshots" / "lmarena_cherry_md" / "text_full" / "2026-07-27.md"
PROBE = "/v1/boards/lmarena.text.overall.style_control/snapshots?format=csv"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def _publisher(
    data_dir: Path, folder: Path, every: float, stop: threading.Event, log: list[tuple[float, float]]
) -> None:
    """Import a page with a new date every ``every`` seconds; note each switch of ``CURRENT`` (wall
    clock) and the published generation's time (what its responses say in ``Last-Modified``)."""
    text = PAGE.read_text(encoding="utf-8")
    day = 0
    while not stop.wait(every):
        day += 1
        page = folder / "text_full" / f"2026-09-{day:02d}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text.replace("2026-07-27", f"2026-09-{day:02d}"), encoding="utf-8")
        command = [str(RANKLEDGER), "import", str(page), "--data-dir", str(data_dir)]
        subprocess.run(command, check=True, capture_output=True)
        generation = current_generation_path(data_dir)
        assert generation is not None
        stamp = datetime.strptime(generation.name, "gen-%Y%m%dT%H%M%S%fZ.duckdb").replace(tzinfo=UTC)
        log.append(((data_dir / "CURRENT").stat().st_mtime, stamp.timestamp()))


def _probe(base_url: str, stop: threading.Event, seen: list[tuple[float, float, int, float]]) -> None:
    """(started (wall clock), milliseconds, status, ``Last-Modified``) of one request every 20 ms."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        while not stop.is_set():
            started = time.time()
            response = client.get(PROBE)
            modified = response.headers.get("last-modified")
            seen.append(
                (
                    started,
                    (time.time() - started) * 1000,
                    response.status_code,
                    parsedate_to_datetime(modified).timestamp() if modified else 0.0,
                )
            )
            time.sleep(0.02)


def soak(data_dir: Path, duration: int, every: float) -> None:
    port = free_port()
    server = start_server(
        "rankledger",
        [str(RANKLEDGER), "serve", "--data-dir", str(data_dir), "--port", str(port)],
        f"http://127.0.0.1:{port}",
        "/healthz",
        env=ONE_CLIENT,
    )
    stop = threading.Event()
    publishes: list[tuple[float, float]] = []
    seen: list[tuple[float, float, int, float]] = []
    pages = Path(tempfile.mkdtemp(prefix="rankledger-soak-pages-"))
    threads = [
        threading.Thread(target=_publisher, args=(data_dir, pages, every, stop, publishes)),
        threading.Thread(target=_probe, args=(server.base_url, stop, seen)),
    ]
    try:
        wrk(server.base_url, MIX, duration=3, connections=32, headers={"Accept-Encoding": "gzip"})  # warm
        for thread in threads:
            thread.start()
        load = wrk(
            server.base_url, MIX, duration=duration, connections=32, headers={"Accept-Encoding": "gzip"}
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        server.stop()
    latencies = [ms for _, ms, _, _ in seen]
    switches = [switched for switched, _ in publishes]
    near_switch = [ms for started, ms, _, _ in seen if any(0 <= started - s <= 1 for s in switches)]
    failed = sum(1 for _, _, status, _ in seen if status != 200)
    visible, stale = [], 0
    for switched, published in publishes:
        # a request that started after the switch and still answered from an older generation
        later = [(started, modified) for started, _, _, modified in seen if started >= switched]
        stale += sum(1 for _, modified in later if modified < int(published))
        first = next((started for started, modified in later if modified >= int(published)), None)
        if first is not None:
            visible.append((first - switched) * 1000)
    print(
        f"load: wrk -t2 -c32 -d{duration}s on {len(MIX)} URLs while publishing ({every:g} s between imports)"
    )
    print(
        f"  {load.requests} requests, {load.requests_per_second:,.0f} req/s, p50 {load.p50_ms:.1f} ms, "
        f"p99 {load.p99_ms:.1f} ms, errors {load.errors}"
    )
    print(f"  {len(publishes)} generations published during the load")
    print(
        f"probe: {len(seen)} requests, {failed} failed; p50 {_percentile(latencies, 0.5):.1f} ms, "
        f"p99 {_percentile(latencies, 0.99):.1f} ms; within 1 s after a switch ({len(near_switch)} "
        f"requests): p99 {_percentile(near_switch, 0.99):.1f} ms, "
        f"max {max(near_switch, default=float('nan')):.1f} ms"
    )
    print(f"  requests started after a switch that answered from an older generation: {stale} (must be 0)")
    if visible:
        print(
            f"  the first request started after a switch answered from the new generation "
            f"{statistics.median(visible):.0f} ms after it (median; max {max(visible):.0f} ms; the probe "
            "asks every 20 ms)"
        )


def restart_during_ingest(data_dir: Path, repeat: int = 3) -> None:
    print("serve started while an ingest holds the writer lock: seconds until /healthz answers")
    with writer_lock(data_dir, command="bench/soak.py holding the lock", wait=0):
        for _ in range(repeat):
            port = free_port()
            started = time.monotonic()
            process = subprocess.Popen(
                [str(RANKLEDGER), "serve", "--data-dir", str(data_dir), "--port", str(port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.05)
            answered = time.monotonic() - started
            first = httpx.get(f"http://127.0.0.1:{port}{HISTORY}", timeout=30).status_code
            print(f"  /healthz after {answered:.2f} s; the first history then answered {first}")
            process.terminate()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, help="a seeded data dir to copy (default: build one)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between publishes (default 5)")
    args = parser.parse_args()
    require_wrk()
    data_dir = Path(tempfile.mkdtemp(prefix="rankledger-soak-")) / "data"
    if args.data_dir is not None:
        shutil.copytree(args.data_dir, data_dir)
    if current_generation_path(data_dir) is None:
        build_seed_warehouse(Settings(data_dir=data_dir))
    soak(data_dir, args.duration, args.every)
    restart_during_ingest(data_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
