"""The wheel works on its own: a fresh venv, the runtime lock only, an empty folder.

These are the image's steps (deploy/Dockerfile) run outside Docker: build the wheel as the build
stage does, install it with ``--no-deps`` over exactly the packages of ``requirements.lock``,
``rankledger seed`` (the build-time warehouse, from the seeds inside the installed package), then
the image's ``CMD`` serves and its ``HEALTHCHECK`` command passes. Offline: the runtime packages
are linked from this venv rather than downloaded, which also proves the lock is complete
(``pip check`` in the fresh venv, and nothing of the checkout is importable there).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from ingest.warehouse import current_generation_path
from tests.conftest import ROOT

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)$")


def _runtime_pins() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return {m[1]: m[2] for line in lines if (m := _PIN.match(line.strip()))}


def _link_runtime_packages(site_packages: Path) -> None:
    """Each package of requirements.lock, at its pinned version, linked from this venv."""
    for name, version in _runtime_pins().items():
        dist = importlib.metadata.distribution(name)
        assert dist.version == version, f"{name}: the dev venv has {dist.version}, the lock pins {version}"
        top_level = {Path(str(f)).parts[0] for f in dist.files or []}
        for entry in sorted(top_level - {"..", "__pycache__"}):
            target = site_packages / entry
            if not target.exists():
                target.symlink_to(Path(str(dist.locate_file(entry))))


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _dockerfile_exec_form(instruction: str) -> list[str]:
    """The JSON array of the Dockerfile's ``CMD`` or ``HEALTHCHECK ... CMD``."""
    text = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    (line,) = [line for line in text.splitlines() if line.startswith(instruction + " ")]
    return list(json.loads(line[line.index("[") :]))


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding the wheel and the runtime lock's packages, nothing else."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
         "--quiet", "--wheel-dir", dist, ROOT)  # fmt: skip
    (wheel,) = dist.glob("rankledger-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    site_packages = (
        venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    )
    _link_runtime_packages(site_packages)
    pip = (sys.executable, "-m", "pip", "--python", venv / "bin" / "python")
    _run(*pip, "install", "--no-deps", "--no-index", "--quiet", "--disable-pip-version-check", wheel)
    _run(*pip, "check", "--disable-pip-version-check")
    return venv


@pytest.fixture(scope="module")
def environment(fresh_venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RANKLEDGER_", "PYTHON", "PROMETHEUS"))}
    return {**env, "PATH": f"{fresh_venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"}


def test_the_installed_package_finds_its_bundled_seeds_not_the_checkout(
    fresh_venv: Path, environment: dict[str, str], tmp_path: Path
) -> None:
    probe = "import service.settings as s, ingest; print(s.DEFAULT_SEEDS_DIR); print(ingest.__file__)"
    seeds_dir, module = _run(
        fresh_venv / "bin" / "python", "-c", probe, cwd=tmp_path, env=environment
    ).stdout.split()

    assert (
        Path(seeds_dir)
        == fresh_venv
        / "lib"
        / Path(module).parent.parent.relative_to(fresh_venv / "lib")
        / "service"
        / "_seeds"
    )
    shipped = sorted(p.relative_to(seeds_dir).as_posix() for p in Path(seeds_dir).rglob("*") if p.is_file())
    in_checkout = sorted(
        p.relative_to(ROOT / "seeds").as_posix() for p in (ROOT / "seeds").rglob("*") if p.is_file()
    )
    assert shipped == in_checkout


@pytest.fixture
def served_from_an_empty_folder(
    fresh_venv: Path, environment: dict[str, str], tmp_path: Path
) -> Iterator[tuple[str, dict[str, str], Path]]:
    """The image's build step (``rankledger seed``) and start command, run from an empty folder."""
    work = tmp_path / "empty"
    work.mkdir()
    env = {**environment, "RANKLEDGER_DATA_DIR": str(work / "data")}  # the image's ENV, elsewhere
    env["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path / "metrics")  # not the shared temp dir
    _run("rankledger", "seed", "--data-dir", work / "data", cwd=work, env=env)
    port = _free_port()
    command = [*_dockerfile_exec_form("CMD"), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else "exited"
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            try:
                httpx.get(f"{url}/healthz", timeout=1.0)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url, env, work
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()


def test_the_image_steps_serve_the_bundled_history_and_pass_the_healthcheck(
    served_from_an_empty_folder: tuple[str, dict[str, str], Path], seeded_data_dir: Path
) -> None:
    url, env, _ = served_from_an_empty_folder
    port = url.rsplit(":", 1)[1]
    healthcheck = [
        arg.replace(":8000/", f":{port}/") for arg in _dockerfile_exec_form("HEALTHCHECK --interval=30s")
    ]

    checked = subprocess.run(healthcheck, env=env, capture_output=True, text=True, timeout=30, check=False)
    boards = httpx.get(f"{url}/v1/boards", params={"limit": 100000}).json()
    # a snapshot's retrieved_at is a timestamp with a time zone: DuckDB needs pytz to return it
    launch = httpx.get(
        f"{url}/v1/boards/lmarena.text.overall.style_control/leaderboard", params={"as_of": "2025-11-19"}
    )

    assert checked.returncode == 0, shlex.join(healthcheck) + "\n" + checked.stderr
    generation = current_generation_path(seeded_data_dir)
    assert generation is not None
    with duckdb.connect(str(generation), read_only=True) as db:
        expected = db.execute("SELECT count(*) FROM board").fetchone()
    assert (boards["total"],) == expected  # the same history as the checkout's seeds
    assert launch.status_code == 200, launch.text
    assert launch.json()["items"][0]["model_name"] == "gemini-3-pro"
    sources = {board["source_id"] for board in boards["items"]}
    assert sources == {
        "lmarena",
        "livebench",
        "swebench",
        "aider",
        "artificial-analysis",
        "open-llm-leaderboard",
    }
