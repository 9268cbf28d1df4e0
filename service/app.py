"""The Litestar application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.plugins.problem_details import ProblemDetailsPlugin

from ingest.warehouse import GenerationPool
from service.controllers.boards import BoardController
from service.controllers.disagreements import DisagreementController
from service.controllers.health import healthz, openapi_document
from service.controllers.identity import IdentityController
from service.controllers.models import ModelController
from service.controllers.sources import SourceController
from service.dependencies import provide_db
from service.errors import problem_details_config
from service.settings import Settings

__all__ = ("API_VERSION", "create_app")

API_VERSION = "1.0.0"
"""Version of the v1 contract in ``openapi/openapi.json``."""


def create_app(settings: Settings | None = None) -> Litestar:
    """The API serving the published warehouse generation in ``settings.data_dir``."""
    settings = settings or Settings.from_env()
    pool = GenerationPool(settings.data_dir)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()

    return Litestar(
        route_handlers=[
            healthz,
            openapi_document,
            SourceController,
            BoardController,
            ModelController,
            DisagreementController,
            IdentityController,
        ],
        dependencies={"db": Provide(provide_db)},
        plugins=[ProblemDetailsPlugin(problem_details_config())],
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
        state=State({"generations": pool, "settings": settings}),
        lifespan=[lifespan],
    )
