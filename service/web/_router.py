"""The dashboard's routes, templates, static files and HTML error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from litestar import Request, Router
from litestar.datastructures import CacheControlHeader
from litestar.exceptions import ValidationException
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from ingest.errors import AmbiguousError, NotFoundError
from service.errors import NoGenerationError
from service.web._board import BoardPage
from service.web._claims import ClaimPages
from service.web._compare import ComparePage
from service.web._format import TEMPLATE_FILTERS, TEMPLATE_GLOBALS
from service.web._home import HomePage
from service.web._model import ModelPage

__all__ = ("STATIC_DIR", "TEMPLATES_DIR", "dashboard_router", "dashboard_templates")

STATIC_DIR = Path(__file__).resolve().parent / "static"
"""Stylesheet, chart script and the vendored uPlot (see ``static/README.md``)."""
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def dashboard_templates() -> TemplateConfig[JinjaTemplateEngine]:
    """Jinja2 over ``templates/``: autoescaped, and an undefined name is an error, not a blank."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(TEMPLATE_FILTERS)
    environment.globals.update(TEMPLATE_GLOBALS)
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment))


def _error_page(request: Request[Any, Any, Any], error: Exception) -> Template:
    """A page saying what was not found or not understood, with the status the API would give."""
    status, title, candidates, search = 500, "Something went wrong", [], ""
    if isinstance(error, NotFoundError):
        status, title = 404, f"No {error.kind} {error.key!r}"
        search = error.key if error.kind == "model" else ""
    elif isinstance(error, AmbiguousError):
        status, title, candidates = 409, f"{error.key!r} could mean several models", list(error.candidates)
    elif isinstance(error, ValidationException):
        status, title = 400, "This page cannot read its parameters"
    elif isinstance(error, NoGenerationError):
        status, title = 503, "No data published yet"
    return Template(
        "error.html",
        context={
            "status": status,
            "title": title,
            "detail": str(error),
            "candidates": candidates,
            "search": search,
        },
        status_code=status,
    )


def dashboard_router() -> Router:
    """Every page of the dashboard (HTML, left out of the OpenAPI document)."""
    return Router(
        path="/",
        route_handlers=[
            HomePage,
            BoardPage,
            ModelPage,
            ComparePage,
            ClaimPages,
            create_static_files_router(
                path="/static",
                directories=[STATIC_DIR],
                # The file names carry no version: browsers revalidate (cheap, with the ETag) after an hour.
                cache_control=CacheControlHeader(public=True, max_age=3600),
            ),
        ],
        include_in_schema=False,
        exception_handlers={
            NotFoundError: _error_page,
            AmbiguousError: _error_page,
            ValidationException: _error_page,
            NoGenerationError: _error_page,
        },
    )
