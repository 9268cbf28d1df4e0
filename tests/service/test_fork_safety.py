"""``rankledger serve`` forks its workers from a process that imported the app (service/server.py).

That is safe only while importing the app starts no polars work: a fork copies polars' thread
pool as the parent knew it, without its threads, and the child's first query then waits forever
(seen: a schema converted with polars at import time hung every process forked afterwards).
"""

from __future__ import annotations

import subprocess
import sys

_THREADS_AFTER_IMPORT = """
import os, pathlib
import service.cli, service.app
tasks = pathlib.Path("/proc/self/task")
print("\\n".join(sorted((task / "comm").read_text().strip() for task in tasks.iterdir())))
"""


def test_importing_the_command_line_and_the_app_starts_no_polars_worker_threads() -> None:
    listed = subprocess.run(
        [sys.executable, "-c", _THREADS_AFTER_IMPORT], capture_output=True, text=True, check=True
    ).stdout.split()

    assert any(name.startswith("python") for name in listed)  # the main thread
    # polars' pool threads are named polars-0, polars-1...; its out-of-core cleaner is harmless
    assert [name for name in listed if name.startswith("polars-") and name[7:].isdigit()] == []
