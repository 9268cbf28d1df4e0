"""The folder where serving processes keep their metric files (prometheus_client multiprocess mode).

prometheus_client decides when it is first imported whether metric values live in memory or in
files under ``PROMETHEUS_MULTIPROC_DIR``; so ``rankledger serve`` calls ``prepare_metrics_dir``
before anything imports it, and every worker process it starts inherits the variable. The folder
is per serving host (never the shared data dir: two replicas would add up each other's figures),
named after the data dir and port so that a restart reuses it rather than leaving one behind (a
server stopped by a signal has no chance to delete it), and emptied at start, as prometheus_client
requires. This module must not import prometheus_client.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

__all__ = ("prepare_metrics_dir",)

_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_metrics_dir(data_dir: Path, port: int, environ: MutableMapping[str, str] | None = None) -> Path:
    """An empty metrics folder, named in the environment for the worker processes.

    An operator's ``PROMETHEUS_MULTIPROC_DIR`` is used as it is; otherwise
    ``<temp dir>/rankledger-metrics-<hash of data dir and port>``. Old ``*.db`` files are removed.
    """
    env = os.environ if environ is None else environ
    if env.get(_ENV):
        folder = Path(env[_ENV])
    else:
        key = hashlib.sha256(f"{data_dir.resolve()}:{port}".encode()).hexdigest()[:12]
        folder = Path(tempfile.gettempdir()) / f"rankledger-metrics-{key}"
        env[_ENV] = str(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink(missing_ok=True)
    return folder
