"""HTTP semantics shared by every endpoint: ETag/304, caching headers, gzip, paging, strict parameters."""

from __future__ import annotations

from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from service.server_timing import server_duration_ms


def test_a_second_identical_request_with_if_none_match_gets_304(client: TestClient[Litestar]) -> None:
    first = client.get("/v1/boards", params={"source": "lmarena"})

    second = client.get(
        "/v1/boards", params={"source": "lmarena"}, headers={"If-None-Match": first.headers["etag"]}
    )

    assert first.status_code == 200
    assert first.headers["etag"].startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=60"
    assert first.headers["last-modified"].endswith(" GMT")
    assert second.status_code == 304
    assert second.content == b""
    assert second.headers["etag"] == first.headers["etag"]


def test_the_etag_differs_per_response(client: TestClient[Litestar]) -> None:
    lmarena = client.get("/v1/boards", params={"source": "lmarena"}).headers["etag"]
    livebench = client.get("/v1/boards", params={"source": "livebench"}).headers["etag"]
    as_csv = client.get("/v1/boards", params={"source": "lmarena", "format": "csv"}).headers["etag"]

    assert len({lmarena, livebench, as_csv}) == 3


def test_json_is_gzipped_when_the_client_accepts_it(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/boards", headers={"Accept-Encoding": "gzip"})

    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["items"]


def test_every_response_says_how_long_the_server_took(client: TestClient[Litestar]) -> None:
    ok = client.get("/v1/boards", headers={"Accept-Encoding": "gzip"})
    missing = client.get("/v1/boards/no.such.board/leaderboard")
    not_modified = client.get("/v1/boards", headers={"If-None-Match": ok.headers["etag"]})

    for response in (ok, missing, not_modified):
        assert response.headers["server-timing"].startswith("app;dur=")
        assert server_duration_ms(response.headers["server-timing"]) > 0
    assert [ok.status_code, missing.status_code, not_modified.status_code] == [200, 404, 304]


def test_list_endpoints_page_with_total_and_link_headers(client: TestClient[Litestar]) -> None:
    everything = client.get("/v1/boards", params={"source": "lmarena"}).json()
    response = client.get("/v1/boards", params={"source": "lmarena", "limit": 5, "offset": 5})

    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (everything["total"], 5, 5)
    assert [b["board_id"] for b in page["items"]] == [b["board_id"] for b in everything["items"][5:10]]
    assert response.headers["x-total-count"] == str(everything["total"])
    links = response.headers["link"]
    assert '</v1/boards?source=lmarena&limit=5&offset=10>; rel="next"' in links
    assert '</v1/boards?source=lmarena&limit=5&offset=0>; rel="prev"' in links


def test_unknown_query_parameters_are_rejected_naming_them(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/boards", params={"sorce": "lmarena"})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "sorce" in response.json()["detail"]


def test_a_value_outside_a_parameters_choices_is_answered_with_the_choices(
    client: TestClient[Litestar],
) -> None:
    wrong_kind = client.get("/v1/changes", params=[("kind", "new_leader"), ("kind", "leader")])
    wrong_format = client.get("/v1/boards", params={"format": "xml"})
    right = client.get("/v1/changes", params=[("kind", "new_leader"), ("kind", "co_leaders")])

    assert wrong_kind.status_code == 400
    assert wrong_kind.headers["content-type"] == "application/problem+json"
    assert wrong_kind.json()["errors"] == [
        {
            "key": "kind",
            "message": "'leader' is not one of: new_leader, co_leaders, overtake, overtake_within_noise, "
            "enters_top10, leaves_top10, new_models, discontinuity, claim_verdict",
            "source": "query",
        }
    ]
    assert wrong_format.status_code == 400
    assert wrong_format.json()["detail"] == "parameter 'format': 'xml' is not one of: json, csv"
    assert right.status_code == 200


def test_errors_are_problem_details_and_not_cached(client: TestClient[Litestar]) -> None:
    response = client.get("/v1/boards/lmarena.nope.overall.raw/leaderboard")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["cache-control"] == "no-cache"
    assert "etag" not in response.headers


def test_cors_is_configurable(seeded_data_dir: Path) -> None:
    from service.app import create_app
    from service.settings import Settings

    settings = Settings.from_env(
        {"RANKLEDGER_CORS_ORIGINS": "https://dash.example.org"}, data_dir=seeded_data_dir
    )
    with TestClient(app=create_app(settings)) as cors_client:
        allowed = cors_client.get("/healthz", headers={"Origin": "https://dash.example.org"})
        other = cors_client.get("/healthz", headers={"Origin": "https://elsewhere.example"})

    assert allowed.headers["access-control-allow-origin"] == "https://dash.example.org"
    assert "access-control-allow-origin" not in other.headers
