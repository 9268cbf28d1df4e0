"""Real server processes for the tests that need one: ``rankledger serve`` as production runs it, and
an S3-compatible object storage server (moto in server mode) for the replicas to follow."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

__all__ = ("ObjectStorage", "ServerProcess", "free_port", "object_storage", "serving", "start_serving")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (on ``host``: any loopback address works on Linux)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass
class ServerProcess:
    """A started ``rankledger serve``: its process, base URL and log file."""

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def output(self) -> str:
        """The end of what it printed."""
        return self.log_path.read_bytes().decode(errors="replace")[-3000:]

    def wait_ready(self, within: float = 90.0) -> str:
        """Its base URL once ``/healthz`` answers 200; an error with its output if it never does."""
        deadline = time.monotonic() + within
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self.url
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"rankledger serve did not start: {self.output()}")
            time.sleep(0.2)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 30 s."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_serving(
    data_dir: Path,
    log_folder: Path,
    *,
    host: str = "127.0.0.1",
    name: str = "serve",
    workers: int = 1,
    extra: Sequence[str] = (),
    env: dict[str, str] | None = None,
) -> ServerProcess:
    """Start ``rankledger serve`` (granian) over ``data_dir`` on a free port of ``host``, without
    waiting for it (start several, then ``wait_ready`` each); output in ``log_folder/<name>.log``."""
    port = free_port(host)
    command = [sys.executable, "-m", "service.cli", "serve", "--data-dir", str(data_dir), "--host", host]
    command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning", *extra]
    log_path = log_folder / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
    return ServerProcess(process=process, url=f"http://{host}:{port}", log_path=log_path)


@contextmanager
def serving(
    data_dir: Path,
    log_folder: Path,
    *,
    host: str = "127.0.0.1",
    name: str = "serve",
    workers: int = 1,
    extra: Sequence[str] = (),
    env: dict[str, str] | None = None,
    ready_within: float = 90.0,
) -> Iterator[str]:
    """``rankledger serve`` (granian) over ``data_dir`` on a free port; its base URL once ``/healthz``
    answers. Stopped (SIGTERM) on exit; its output goes to ``log_folder/<name>.log``."""
    server = start_serving(data_dir, log_folder, host=host, name=name, workers=workers, extra=extra, env=env)
    try:
        yield server.wait_ready(ready_within)
    finally:
        server.stop()


@dataclass(frozen=True)
class ObjectStorage:
    """A running S3-compatible server and the standard AWS variables that reach it."""

    endpoint: str
    """Its URL, e.g. ``http://127.0.0.1:40123``."""

    @property
    def env(self) -> dict[str, str]:
        """``AWS_ENDPOINT_URL`` and made-up credentials (the server accepts any)."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "rankledger-test",
            "AWS_SECRET_ACCESS_KEY": "rankledger-test-secret",
            "AWS_DEFAULT_REGION": "us-east-1",
        }


@contextmanager
def object_storage(log_folder: Path, *, ready_within: float = 60.0) -> Iterator[ObjectStorage]:
    """moto's S3-compatible server (in-memory) on 127.0.0.1 over HTTP, as a separate process."""
    port = free_port()
    log_path = log_folder / "object-storage.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    storage = ObjectStorage(endpoint=f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + ready_within
        while True:
            try:
                httpx.get(f"{storage.endpoint}/moto-api/", timeout=2)
                break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = log_path.read_bytes().decode(errors="replace")[-3000:]
                raise RuntimeError(f"the object storage server did not start: {output}")
            time.sleep(0.1)
        yield storage
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
