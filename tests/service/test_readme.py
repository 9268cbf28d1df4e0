"""The README's curl tour really runs: every command of it answers 200 against the app."""

from __future__ import annotations

import re
import shlex

from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import ROOT

_TOUR = re.compile(r"A curl tour.*?```sh\n(.*?)```", re.DOTALL)


def _tour_urls() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = _TOUR.search(readme)
    assert match, "README has no curl tour"
    urls = []
    for line in match.group(1).splitlines():
        if line.startswith("curl "):
            url = next(arg for arg in shlex.split(line) if arg.startswith("localhost:8000"))
            urls.append(url.removeprefix("localhost:8000"))
    return urls


def test_every_curl_command_of_the_readme_answers(client: TestClient[Litestar]) -> None:
    urls = _tour_urls()

    assert len(urls) >= 15
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:300]}"
        assert response.content, url
