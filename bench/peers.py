"""rankledger under load beside ROAPI and Datasette on the same rows (figures, not pass/fail).

    .venv/bin/python bench/peers.py [--data-dir DIR] [--duration 10] [--repeat 3]

Starts each server the way it runs in production and puts the same wrk load on it
(``wrk -t2 -c32``), in one run, interleaved ``--repeat`` times so the machine's drift touches
every system alike:

- rankledger: ``rankledger serve`` (granian, one worker per core, response cache on);
- ROAPI 0.12.7 over a Parquet file and Datasette 0.65.5 over a SQLite file (with an index on the
  filtered columns), both holding every served line of LMArena's text boards exported from the
  same warehouse generation, installed from ``bench/peers-requirements.txt`` into
  ``bench/.peers-venv`` (never into the project's environment).

(a) one model's history: GPT-4o-2024-05-13 on ``lmarena.text.overall.raw`` (147 points) from all
three; (b) rankledger only: a mix of the URLs in ``MIX`` (leaderboards, histories, compare,
movement, movers, leaders, consensus; JSON and CSV; gzip) beside ROAPI's (a) figure; (c) first
hits: rankledger restarted, every URL of (b) once, server-side time from ``Server-Timing``.
Also prints each rankledger worker's resident memory after every repetition of the mix.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import (
    RANKLEDGER,
    ROOT,
    Server,
    WrkResult,
    free_port,
    require_wrk,
    rss_mb,
    start_server,
    worker_pids,
    wrk,
)
from ingest.warehouse import current_generation_path
from service.cli import build_seed_warehouse
from service.server_timing import server_duration_ms
from service.settings import Settings

PEERS_VENV = ROOT / "bench" / ".peers-venv"
MODEL, BOARD = "gpt-4o-2024-05-13", "lmarena.text.overall.raw"
STYLE = "lmarena.text.overall.style_control"
HISTORY = f"/v1/models/{MODEL}/history?board={BOARD}"
# The peers answer the same 147 rows: the model's lines spelt this way, whatever the case (the
# sources write "GPT-4o-2024-05-13" and "gpt-4o-2024-05-13"), as rankledger's spelling rule does.
ROAPI_HISTORY = (
    f"/api/tables/history?filter%5Bspelling%5D=%27{MODEL}%27&filter%5Bboard_id%5D=%27{BOARD}%27"
    "&sort=published_at"
)
DATASETTE_HISTORY = (
    f"/history/history.json?spelling={MODEL}&board_id={BOARD}&_sort=published_at&_shape=array&_size=max"
)
MIX = [
    HISTORY,
    HISTORY + "&format=csv",
    f"/v1/models/gemini-3-pro/history?board={STYLE}",
    "/v1/models/claude-opus-4-5/history?format=csv",
    f"/v1/boards/{STYLE}/leaderboard",
    f"/v1/boards/{STYLE}/leaderboard?as_of=2025-11-19&limit=20",
    f"/v1/boards/{BOARD}/leaderboard?as_of=2025-05-24&format=csv",
    "/v1/boards/aider.polyglot.overall.default/leaderboard",
    "/v1/boards?source=lmarena",
    "/v1/models/gemini-3-pro",
    "/v1/compare?models=gemini-3-pro,gpt-5.1&as_of=2025-12-01",
    "/v1/compare?models=gemini-3-pro,gpt-5.1,grok-4.1-thinking&history=true",
    f"/v1/boards/{STYLE}/movement?from=2025-11-14&to=2025-11-21",
    f"/v1/boards/{STYLE}/movement?from=2025-11-14&to=2025-11-21&format=csv",
    f"/v1/boards/{BOARD}/movement?from=2025-07-01&to=2025-08-04",
    f"/v1/movers?board={STYLE}&from=2025-11-01&to=2025-12-01",
    "/v1/movers?from=2025-11-01&to=2025-12-01&include_noise=true",
    f"/v1/leaders?board={BOARD}",
    f"/v1/leaders?board={BOARD}&format=csv",
    f"/v1/leaders?board={STYLE}",
    "/v1/consensus",
    "/v1/consensus?as_of=2025-12-01&format=csv&limit=1000",
]
"""The mix of (b): 22 distinct URLs over every analytics endpoint, JSON and CSV."""
ONE_CLIENT = {"RANKLEDGER_RATE_LIMIT": "off"}
"""The load comes from one client (wrk on this machine): per-client rate limits would answer 429."""
COLD_TARGET_MS = {"/history": 5.0, "/leaderboard": 5.0}
"""(c): a first history or leaderboard page answers within 5 ms; everything else within 50 ms."""

_TEXT_HISTORY = """
SELECT s.board_id, s.published_at, s.last_seen_on, s.snapshot_id, e.model_id, e.model_name,
       lower(e.model_name) AS spelling, e.variant, e.rank, e.rank_best, e.rank_worst, e.score, e.ci_lower,
       e.ci_upper, e.votes, e.preliminary
FROM entry AS e JOIN served_snapshot AS s ON s.snapshot_id = e.snapshot_id
WHERE s.board_id LIKE 'lmarena.text.%'
ORDER BY s.board_id, s.published_at, e.position
"""


def _peers_bin(name: str) -> str:
    if not (PEERS_VENV / "bin" / name).exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        pip = [str(PEERS_VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(ROOT / "bench" / "peers-requirements.txt")], check=True)
    return str(PEERS_VENV / "bin" / name)


def _export_rows(generation: Path, folder: Path) -> tuple[Path, Path, int]:
    """The text boards' served lines as Parquet (ROAPI) and SQLite (Datasette)."""
    parquet, sqlite = folder / "history.parquet", folder / "history.db"
    with duckdb.connect(str(generation), read_only=True) as db:
        db.execute(f"COPY ({_TEXT_HISTORY}) TO '{parquet}' (FORMAT parquet)")
        result = db.execute(_TEXT_HISTORY)
        columns = [d[0] for d in result.description or ()]
        rows = result.fetchall()
    with sqlite3.connect(sqlite) as lite:
        lite.execute(f"CREATE TABLE history ({', '.join(columns)})")
        lite.executemany(f"INSERT INTO history VALUES ({', '.join('?' * len(columns))})", rows)
        lite.execute("CREATE INDEX history_spelling_board ON history (spelling, board_id)")
    return parquet, sqlite, len(rows)


def _start_rankledger(data_dir: Path) -> Server:
    port = free_port()
    command = [str(RANKLEDGER), "serve", "--data-dir", str(data_dir), "--port", str(port)]
    return start_server("rankledger", command, f"http://127.0.0.1:{port}", "/healthz", env=ONE_CLIENT)


def _row_count(url: str) -> int:
    body = httpx.get(url, timeout=30).json()
    return len(body["items"] if isinstance(body, dict) else body)


def _print_rates(title: str, results: dict[str, list[WrkResult]], reference: str) -> None:
    print(f"\n{title}")
    columns = f"{'req/s (median)':>14} {'spread':>17} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    print(f"{'system':<12} {columns}  ratio")
    base = statistics.median(r.requests_per_second for r in results[reference])
    for name, runs in results.items():
        rates = [r.requests_per_second for r in runs]
        median = statistics.median(rates)
        ratio = f"{median / base:5.2f}x of {reference}" if name != reference else ""
        p50 = statistics.median(r.p50_ms for r in runs)
        p99 = statistics.median(r.p99_ms for r in runs)
        print(
            f"{name:<12} {median:14,.0f} {min(rates):8,.0f}-{max(rates):<8,.0f}"
            f" {p50:7.1f} {p99:7.1f} {sum(r.errors for r in runs):6}  {ratio}"
        )


def _first_hits(base_url: str) -> None:
    print("\n(c) first hits after a restart (nothing cached), server-side ms from Server-Timing")
    with httpx.Client(base_url=base_url, headers={"Accept-Encoding": "gzip"}, timeout=30) as client:
        for path in MIX:
            response = client.get(path)
            took = server_duration_ms(response.headers["server-timing"])
            target = next((ms for part, ms in COLD_TARGET_MS.items() if part in path.split("?")[0]), 50.0)
            verdict = "ok" if took <= target and response.status_code == 200 else "OVER"
            print(f"  {took:7.2f} ms (<= {target:g}) {verdict:4} {response.status_code} {path}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, help="reuse (or build into) this data dir")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per system, interleaved (default 3)")
    args = parser.parse_args()
    require_wrk()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rankledger-peers-")) / "data"
    if current_generation_path(data_dir) is None:
        build_seed_warehouse(Settings(data_dir=data_dir))
    generation = current_generation_path(data_dir)
    assert generation is not None
    folder = Path(tempfile.mkdtemp(prefix="rankledger-peers-rows-"))
    parquet, sqlite, rows = _export_rows(generation, folder)
    print(f"data: {generation.name}; {rows} served lines of LMArena text boards for the peers")

    roapi_port, datasette_port = free_port(), free_port()
    servers = {
        "rankledger": _start_rankledger(data_dir),
        "roapi": start_server(
            "roapi",
            [_peers_bin("roapi"), "-a", f"127.0.0.1:{roapi_port}", "-t", f"history={parquet}"],
            f"http://127.0.0.1:{roapi_port}",
            "/api/schema",
        ),
        "datasette": start_server(
            "datasette",
            [_peers_bin("datasette"), "serve", "-p", str(datasette_port), "--immutable", str(sqlite)],
            f"http://127.0.0.1:{datasette_port}",
            "/-/versions.json",
        ),
    }
    one_history = {"rankledger": HISTORY, "roapi": ROAPI_HISTORY, "datasette": DATASETTE_HISTORY}
    try:
        counts = {name: _row_count(servers[name].base_url + path) for name, path in one_history.items()}
        print(f"(a) rows answered: {counts}")
        load = {"duration": args.duration, "connections": args.connections}
        single: dict[str, list[WrkResult]] = {name: [] for name in servers}
        mixed: list[WrkResult] = []
        for repetition in range(args.repeat):
            for name, server in servers.items():
                single[name].append(wrk(server.base_url, [one_history[name]], **load))
            gzip = {"Accept-Encoding": "gzip"}
            mixed.append(wrk(servers["rankledger"].base_url, MIX, headers=gzip, **load))
            pids = worker_pids(servers["rankledger"].process.pid, command_contains=" serve ")
            print(f"  repetition {repetition + 1}: rankledger worker RSS MB after the mix:", end="")
            print(" ".join(f"{rss_mb(pid):.0f}" for pid in pids))
        title = f"(a) one history, wrk -t2 -c{args.connections} -d{args.duration}s"
        _print_rates(title, single, "rankledger")
        _print_rates(
            f"(b) rankledger mix of {len(MIX)} URLs (gzip) beside ROAPI's (a)",
            {"rankledger": mixed, "roapi": single["roapi"]},
            "rankledger",
        )
        servers["rankledger"].stop()
        servers["rankledger"] = _start_rankledger(data_dir)
        _first_hits(servers["rankledger"].base_url)
    finally:
        for server in servers.values():
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
