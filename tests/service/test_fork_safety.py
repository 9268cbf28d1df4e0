"""``rankledger serve`` forks its workers from a process that imported the app (service/server.py).

That is safe only while importing the app starts no polars work: a fork copies polars' thread
pool as the parent knew it, without its threads, and the child's first query then waits forever
(seen: a schema converted with polars at import time hung every process forked afterwards).
"""

from __future__ import annotations

import os
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


_FREED_IN_A_FORKED_CHILD = """
import os, sys
import service
import polars as pl

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))

child = os.fork()
if child == 0:
    before = resident_mb()
    # many small blocks (a large one goes back at once whatever the options)
    blocks = [pl.int_range(start, start + 20_000, eager=True) * 2 for start in range(1000)]
    peak = resident_mb()
    del blocks
    print(before, peak, resident_mb(), flush=True)
    os._exit(0)
os.waitpid(child, 0)
"""


def test_a_forked_worker_hands_back_what_polars_freed() -> None:
    before, peak, after = map(
        int,
        subprocess.run(
            [sys.executable, "-c", _FREED_IN_A_FORKED_CHILD], capture_output=True, text=True, check=True
        ).stdout.split(),
    )

    assert peak - before > 100  # 1000 blocks of 160 kB were held
    assert after - before < 20  # without service/__init__.py's option: ~65 MB stayed


def test_granian_and_processes_started_later_see_the_environment_as_it_was() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", "import os, service.cli; print(os.environ.get('_RJEM_MALLOC_CONF'))"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"},
    ).stdout.strip()

    assert shown == "None"
