"""Real server processes for the tests that need one: ``rankledger serve`` as production runs it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

__all__ = ("free_port", "serving")


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    data_dir: Path,
    log_folder: Path,
    *,
    workers: int = 1,
    extra: Sequence[str] = (),
    env: dict[str, str] | None = None,
    ready_within: float = 90.0,
) -> Iterator[str]:
    """``rankledger serve`` (granian) over ``data_dir`` on a free port; its base URL once ``/healthz``
    answers. Stopped (SIGTERM) on exit; its output goes to ``log_folder/serve.log``."""
    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", "--data-dir", str(data_dir)]
    command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning", *extra]
    log_path = log_folder / "serve.log"
    with log_path.open("w+b") as log:
        process = subprocess.Popen(
            command, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + ready_within
            while True:
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")[-3000:]
                    raise RuntimeError(f"rankledger serve did not start: {output}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
