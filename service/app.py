"""The Litestar application factory."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.plugins.problem_details import ProblemDetailsPlugin

from ingest.warehouse import GenerationPool, exports_dir
from service.compression import GzipMiddleware
from service.controllers.boards import BoardController
from service.controllers.claims import ClaimController
from service.controllers.compare import CompareController
from service.controllers.consensus import ConsensusController
from service.controllers.disagreements import DisagreementController
from service.controllers.exports import ExportController
from service.controllers.health import healthz, openapi_document
from service.controllers.identity import IdentityController
from service.controllers.leaders import LeaderController
from service.controllers.models import ModelController
from service.controllers.movement import BoardMovementController, MoverController
from service.controllers.sources import SourceController
from service.dependencies import provide_db, provide_served, provide_view, release_cursor
from service.errors import problem_details_config
from service.http_semantics import add_caching_headers, check_request
from service.queries.served import ServedIndexes
from service.rendering import provide_page
from service.response_cache import ResponseCache, ResponseCacheMiddleware
from service.server_timing import server_timing
from service.settings import Settings

__all__ = ("API_VERSION", "create_app")

API_VERSION = "1.0.0"
"""Version of the v1 contract in ``openapi/openapi.json``."""


def create_app(settings: Settings | None = None) -> Litestar:
    """The API serving the published warehouse generation in ``settings.data_dir``."""
    settings = settings or Settings.from_env()
    pool = GenerationPool(settings.data_dir)
    cache = ResponseCache(max_bytes=settings.cache_mb * 1024 * 1024)
    indexes = ServedIndexes()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        # A worker reads the served index before it takes requests, so no first request waits for it.
        if pool.current_name is not None:
            with pool.cursor() as (generation, cursor):
                indexes.get(
                    generation.name, cursor, exports_dir(pool.data_dir / "generations" / generation.name)
                )
        # Everything built so far (app, routes, schemas, imported modules) lives as long as the
        # process: moved out of the collector's sight, a full collection no longer walks it,
        # which took 40-70 ms pauses out of the request latencies (bench/api.py p99).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            pool.close()
            gc.unfreeze()  # let the interpreter tear the frozen objects down cleanly at exit

    return Litestar(
        route_handlers=[
            healthz,
            openapi_document,
            SourceController,
            BoardController,
            ModelController,
            DisagreementController,
            IdentityController,
            ExportController,
            BoardMovementController,
            MoverController,
            LeaderController,
            CompareController,
            ConsensusController,
            ClaimController,
        ],
        dependencies={
            "view": Provide(provide_view, sync_to_thread=False),
            "db": Provide(provide_db, sync_to_thread=False),
            # reads a new generation's lines on first use (a few hundred ms): off the event loop
            "served": Provide(provide_served, sync_to_thread=True),
            "page": Provide(provide_page, sync_to_thread=False),
        },
        # outermost first: the timing sees cache hits too; the cache keeps what the handlers computed
        middleware=[
            server_timing,
            DefineMiddleware(ResponseCacheMiddleware, cache=cache, pool=pool),
            # Parquet is compressed already; JSON, CSV and HTML shrink several times with gzip.
            DefineMiddleware(GzipMiddleware, exclude=r"^/v1/exports/.*\.parquet$"),
            release_cursor,
        ],
        plugins=[ProblemDetailsPlugin(problem_details_config())],
        before_request=check_request,
        before_send=[add_caching_headers],
        cors_config=CORSConfig(allow_origins=list(settings.cors_origins)) if settings.cors_origins else None,
        openapi_config=OpenAPIConfig(
            title="rankledger",
            version=API_VERSION,
            description=(
                "The whole history of public LLM leaderboards: snapshots by date, rank intervals, "
                "model histories. Every list endpoint answers `?format=csv`."
            ),
            path="/docs",
            render_plugins=[SwaggerRenderPlugin()],
        ),
        state=State(
            {"generations": pool, "settings": settings, "response_cache": cache, "served_indexes": indexes}
        ),
        lifespan=[lifespan],
    )
