"""The two locks pin exactly what pyproject.toml pulls in: runtime in one, the rest in the other.

``requirements.lock`` (what the image installs) holds every package the runtime dependencies need,
and nothing else; ``requirements-dev.lock`` includes it (``-r``) and adds what the ``test`` extra
needs. Both are checked against the installed packages' own metadata, so a dependency added to
pyproject.toml without its pins (or a pin left behind) fails here.
"""

from __future__ import annotations

import importlib.metadata
import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)$")


def _pins(lock: str) -> dict[str, str]:
    lines = (ROOT / lock).read_text(encoding="utf-8").splitlines()
    return {canonicalize_name(m[1]): m[2] for line in lines if (m := _PIN.match(line.strip()))}


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution these requirements need, with their extras, as installed here."""
    needed: set[tuple[str, frozenset[str]]] = set()
    pending = [Requirement(r) for r in requirements]
    while pending:
        requirement = pending.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in needed:
            continue
        needed.add(key)
        for raw in importlib.metadata.distribution(requirement.name).requires or []:
            dependency = Requirement(raw)
            extras = [{"extra": e} for e in requirement.extras] or [{"extra": ""}]
            if dependency.marker is None or any(dependency.marker.evaluate(env) for env in extras):
                pending.append(dependency)
    return {name for name, _ in needed}


def _declared() -> tuple[list[str], list[str]]:
    requires = [Requirement(r) for r in importlib.metadata.distribution("rankledger").requires or []]
    runtime = [str(r) for r in requires if r.marker is None]
    test = [  # the requirement without its marker (``extra == "test"``), its own extras kept
        f"{r.name}{'[' + ','.join(sorted(r.extras)) + ']' if r.extras else ''}{r.specifier}"
        for r in requires
        if r.marker is not None and r.marker.evaluate({"extra": "test"})
    ]
    return runtime, test


def test_the_runtime_lock_pins_exactly_what_the_runtime_dependencies_need() -> None:
    runtime, _ = _declared()

    assert set(_pins("requirements.lock")) == _closure(runtime)


def test_the_dev_lock_includes_the_runtime_lock_and_pins_the_rest_of_the_test_extra() -> None:
    runtime, test = _declared()
    dev_lines = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8").splitlines()

    assert "-r requirements.lock" in dev_lines
    assert set(_pins("requirements-dev.lock")) == _closure(runtime + test) - _closure(runtime)


def test_every_pin_is_the_version_installed_here() -> None:
    pins = {**_pins("requirements.lock"), **_pins("requirements-dev.lock")}

    assert {name: importlib.metadata.version(name) for name in pins} == pins


def test_granian_serves_and_duckdb_has_pytz_for_timestamps_with_a_time_zone() -> None:
    runtime, test = _declared()
    runtime_names = {canonicalize_name(Requirement(r).name) for r in runtime}

    assert {"granian", "pytz"} <= runtime_names
    assert "uvicorn" not in runtime_names | {canonicalize_name(Requirement(r).name) for r in test}
