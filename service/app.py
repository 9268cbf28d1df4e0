"""The Litestar application factory."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.plugins.problem_details import ProblemDetailsPlugin

from ingest.errors import IngestError
from ingest.logs import configure_logging
from ingest.sources_catalog import SOURCES_FILE, load_sources
from ingest.warehouse import GenerationPool, exports_dir
from service.compression import GzipMiddleware
from service.controllers.boards import BoardController
from service.controllers.changes import ChangeController
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
from service.controllers.runs import RunController
from service.controllers.sources import SourceController
from service.dependencies import provide_db, provide_served, provide_view, release_cursor
from service.errors import problem_details_config
from service.freshness import Freshness
from service.head import answer_head_with_get
from service.http_semantics import add_caching_headers, allowed_query_parameters, check_request
from service.limits import RateLimit, RateLimitMiddleware, RequestLimits, TokenBuckets, reject_oversized
from service.metrics import count_generation_switch, metrics, prometheus_config
from service.openapi_contract import complete_contract, contract_config
from service.openapi_docs import DocumentedStructSchemaPlugin
from service.queries.served import ServedIndex, ServedIndexes
from service.query_choices import query_choices
from service.range_responses import answer_ranges
from service.rendering import provide_page
from service.request_log import logging_config, request_context
from service.response_cache import ResponseCache, ResponseCacheMiddleware
from service.server_timing import server_timing
from service.settings import Settings
from service.warm_up import warm_up, warm_up_paths
from service.web import dashboard_router, dashboard_templates

__all__ = ("API_VERSION", "create_app")

API_VERSION = "1.0.0"
"""Version of the v1 contract in ``openapi/openapi.json``."""


def create_app(settings: Settings | None = None) -> Litestar:
    """The API serving the published warehouse generation in ``settings.data_dir``."""
    settings = settings or Settings.from_env()
    pool = GenerationPool(
        settings.data_dir,
        on_switch=count_generation_switch,
        settings={"memory_limit": f"{settings.duckdb_memory_mb}MB", "threads": settings.duckdb_threads},
    )
    freshness = Freshness(
        pool, stale_after=timedelta(hours=settings.stale_after_hours), retired=_retired(settings.seeds_dir)
    )
    cache = ResponseCache(max_bytes=settings.cache_mb * 1024 * 1024)
    rate_limit = RateLimit.parse(settings.rate_limit)
    buckets = TokenBuckets(rate_limit) if rate_limit is not None else None
    indexes = ServedIndexes()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        configure_logging(settings.log_level)  # in every worker process
        # A worker reads the served index before it takes requests (about half a second), so no
        # first request waits for it.
        index = _read_index(pool, indexes)
        sample = index.sample() if index is not None else None
        if sample is not None:
            await warm_up(app, warm_up_paths(*sample))
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

    app = Litestar(
        route_handlers=[
            healthz,
            metrics,
            openapi_document,
            RunController,
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
            dashboard_router(),
            ChangeController,
        ],
        dependencies={
            "view": Provide(provide_view, sync_to_thread=False),
            "db": Provide(provide_db, sync_to_thread=False),
            # reads a new generation's lines on first use (a few hundred ms): off the event loop
            "served": Provide(provide_served, sync_to_thread=True),
            "page": Provide(provide_page, sync_to_thread=False),
        },
        # Outermost first. Metrics and the request id see every routed request, cache hits too;
        # the timing includes the cache; the cache keeps what gzip and the handlers made.
        middleware=[
            prometheus_config().middleware,
            request_context(access_log=settings.access_log),
            server_timing,
            DefineMiddleware(ResponseCacheMiddleware, cache=cache, pool=pool),
            DefineMiddleware(RateLimitMiddleware, buckets=buckets, trust_forwarded=settings.trust_forwarded),
            # Parquet is compressed already; JSON, CSV and HTML shrink several times with gzip.
            DefineMiddleware(GzipMiddleware, exclude=r"^/v1/exports/.*\.parquet$"),
            release_cursor,
        ],
        plugins=[ProblemDetailsPlugin(problem_details_config()), DocumentedStructSchemaPlugin()],
        logging_config=logging_config(),
        before_request=check_request,
        before_send=[add_caching_headers],
        cors_config=CORSConfig(allow_origins=list(settings.cors_origins)) if settings.cors_origins else None,
        openapi_config=contract_config(API_VERSION),
        template_config=dashboard_templates(),
        state=State(
            {
                "generations": pool,
                "settings": settings,
                "freshness": freshness,
                "response_cache": cache,
                "served_indexes": indexes,
            }
        ),
        lifespan=[lifespan],
    )
    # In front of routing, which the middleware list above comes after: requests too large refused
    # (service/limits.py), HEAD served as GET (service/head.py), byte ranges of GET answers
    # (service/range_responses.py).
    app.asgi_handler = reject_oversized(
        answer_head_with_get(answer_ranges(app.asgi_handler)), RequestLimits()
    )
    complete_contract(app.openapi_schema)
    allowed_query_parameters(app)  # now, not on a first request (once, before workers are forked)
    query_choices(app)
    return app


def _read_index(pool: GenerationPool, indexes: ServedIndexes) -> ServedIndex | None:
    """Read the served index of the current generation, if one is published."""
    if pool.current_name is None:
        return None
    with pool.cursor() as (generation, cursor):
        return indexes.get(
            generation.name, cursor, exports_dir(pool.data_dir / "generations" / generation.name)
        )


def _retired(seeds_dir: Path) -> frozenset[str]:
    """Sources ``seeds/sources.toml`` marks retired (their data never goes stale)."""
    try:
        return frozenset(info.id for info in load_sources(seeds_dir / SOURCES_FILE) if info.retired)
    except IngestError:
        return frozenset()
