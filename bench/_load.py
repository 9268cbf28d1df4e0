"""Shared by the load benchmarks: servers started as production runs them, and wrk driving them.

Not a test helper: the benchmarks print figures and assert nothing. wrk comes from Debian's
packages (``apt-get install wrk``); it keeps 32 connections busy from two threads written in C,
so the load generator costs far less CPU than the servers it measures.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RANKLEDGER = Path(sys.executable).with_name("rankledger")

__all__ = (
    "RANKLEDGER",
    "ROOT",
    "Server",
    "WrkResult",
    "free_port",
    "require_wrk",
    "rss_mb",
    "start_server",
    "worker_pids",
    "wrk",
)


def require_wrk() -> str:
    """The wrk executable, or exit with how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is needed: apt-get install wrk (Debian's package)")
    return found


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A server process started for a benchmark."""

    name: str
    process: subprocess.Popen[bytes]
    base_url: str

    def stop(self) -> None:
        """Terminate it and its workers."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(
    name: str, command: Sequence[str], base_url: str, ready_path: str, env: dict[str, str] | None = None
) -> Server:
    """Start ``command`` and wait until ``ready_path`` answers 200 (at most 120 s)."""
    log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        list(command), stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}; see {log.name}")
        try:
            if httpx.get(base_url + ready_path, timeout=2).status_code == 200:
                return Server(name, process, base_url)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{name} did not answer {ready_path} within 120 s; see {log.name}")


def worker_pids(pid: int, command_contains: str = "") -> list[int]:
    """The child processes of ``pid`` (a multi-process server's workers) whose command line
    contains ``command_contains``."""
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
            command = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid) and command_contains in command:
            children.append(int(status.parent.name))
    return sorted(children)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run measured."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    """Socket errors plus non-2xx/3xx responses."""


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _latency_ms(text: str, percentile: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    return float(match[1]) * _UNITS[match[2]] if match else float("nan")


def _number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    return int(match[1]) if match else 0


def wrk(
    base_url: str,
    paths: Sequence[str],
    *,
    duration: int,
    connections: int,
    threads: int = 2,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    """Load ``paths`` (in turn, per connection) on ``base_url`` for ``duration`` seconds."""
    lines = [f"paths = {{{', '.join(_lua_string(p) for p in paths)}}}", "headers = {}"]
    lines += [f"headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in (headers or {}).items()]
    lines += [
        "counter = 0",
        "request = function()",
        "  counter = counter % #paths + 1",
        '  return wrk.format("GET", paths[counter], headers)',
        "end",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("\n".join(lines) + "\n")
    command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    output = subprocess.run(
        [*command, "-s", script.name, base_url], capture_output=True, text=True, check=True
    ).stdout
    Path(script.name).unlink()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = _number(r"Non-2xx or 3xx responses: (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return WrkResult(
        requests_per_second=float(rate[1]) if rate else 0.0,
        p50_ms=_latency_ms(output, "50"),
        p99_ms=_latency_ms(output, "99"),
        requests=_number(r"(\d+) requests in", output),
        errors=errors,
    )


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
