"""The folder where serving processes keep their metric files (prometheus_client multiprocess mode).

prometheus_client decides when it is first imported whether metric values live in memory or in
files under ``PROMETHEUS_MULTIPROC_DIR``; so ``rankledger serve`` calls ``prepare_metrics_dir``
before anything imports it, and every worker process it starts inherits the variable. The folder
is per serving host (never the shared data dir: two replicas would add up each other's figures)
and emptied at start, as prometheus_client requires. This module must not import prometheus_client.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

__all__ = ("prepare_metrics_dir", "remove_metrics_dir")

_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_metrics_dir(environ: MutableMapping[str, str] | None = None) -> tuple[Path, bool]:
    """An empty metrics folder named in the environment; returns it and whether it was created here.

    An operator's ``PROMETHEUS_MULTIPROC_DIR`` is used (its old ``*.db`` files removed);
    otherwise a new temporary folder is made.
    """
    env = os.environ if environ is None else environ
    if env.get(_ENV):
        folder = Path(env[_ENV])
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink(missing_ok=True)
        return folder, False
    folder = Path(tempfile.mkdtemp(prefix="rankledger-metrics-"))
    env[_ENV] = str(folder)
    return folder, True


def remove_metrics_dir(folder: Path) -> None:
    """Delete a folder ``prepare_metrics_dir`` created (when the server stops)."""
    shutil.rmtree(folder, ignore_errors=True)
