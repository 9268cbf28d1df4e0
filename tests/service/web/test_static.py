"""The vendored uPlot is the npm release we reviewed, byte for byte, with its licence."""

from __future__ import annotations

import hashlib

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.web._router import STATIC_DIR

VENDORED = {
    # npm uplot@1.6.32: dist/uPlot.iife.min.js, dist/uPlot.min.css, LICENSE (see static/README.md)
    "uPlot.iife.min.js": "19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f",
    "uPlot.min.css": "df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04",
    "uPlot.LICENSE": "8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd",
}


@pytest.mark.parametrize(("name", "sha256"), sorted(VENDORED.items()))
def test_vendored_files_are_pinned(name: str, sha256: str) -> None:
    assert hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest() == sha256


def test_vendored_uplot_states_its_version_and_licence() -> None:
    assert (
        (STATIC_DIR / "uPlot.iife.min.js")
        .read_text()
        .startswith("/*! https://github.com/leeoniya/uPlot (v1.6.32) */")
    )
    licence = (STATIC_DIR / "uPlot.LICENSE").read_text()
    assert "The MIT License (MIT)" in licence
    assert "Copyright (c) 2022 Leon Sorokin" in licence


def test_static_files_are_served_with_their_types(client: TestClient[Litestar]) -> None:
    script = client.get("/static/uPlot.iife.min.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["cache-control"] == "max-age=3600, public"
    assert client.get("/static/dashboard.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/nothing.js").status_code == 404
