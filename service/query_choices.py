"""Query parameters with a closed set of values: a wrong value is answered with the values allowed.

Litestar's own check of such a parameter says only ``Invalid enum value 'leader'``; a caller then
has to read the OpenAPI document to find ``new_leader``. The choices are read once from the app's
OpenAPI objects (the same enums the contract publishes, so the message cannot drift from it) and
checked before the handler runs, for the parameters a request carries.
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request, Response
from litestar.openapi.spec import Components, Parameter, Reference, Schema

from service.errors import problem_response

__all__ = ("check_choices", "query_choices")

_STATE_KEY = "query_parameter_choices"


def query_choices(app: Litestar) -> dict[str, dict[str, tuple[str, ...]]]:
    """Operation id -> {query parameter: its allowed values}, for parameters that have an enum;
    kept in ``app.state`` (built before the workers are forked)."""
    cached: dict[str, dict[str, tuple[str, ...]]] | None = app.state.get(_STATE_KEY)
    if cached is None:
        schema = app.openapi_schema
        components = schema.components if isinstance(schema.components, Components) else Components()
        cached = {}
        for item in (schema.paths or {}).values():
            operation = item.get
            if operation is None or not operation.operation_id:
                continue
            choices = {
                p.name: values
                for p in operation.parameters or []
                if isinstance(p, Parameter) and p.param_in == "query"
                for values in [_enum_values(p.schema, components)]
                if values
            }
            if choices:
                cached[operation.operation_id] = choices
        app.state[_STATE_KEY] = cached
    return cached


def _enum_values(schema: Schema | Reference | None, components: Components) -> tuple[str, ...]:
    """The enum a parameter's schema allows, through ``$ref``, ``oneOf`` and array ``items``."""
    if isinstance(schema, Reference):
        target = (components.schemas or {}).get(schema.ref.rsplit("/", 1)[-1])
        return _enum_values(target, components)
    if not isinstance(schema, Schema):
        return ()
    if schema.enum:
        return tuple(str(v) for v in schema.enum if v is not None)
    found: list[str] = []
    for part in [*(schema.one_of or []), *(schema.any_of or []), schema.items]:
        if isinstance(part, Schema | Reference):
            found.extend(v for v in _enum_values(part, components) if v not in found)
    return tuple(found)


def check_choices(request: Request[Any, Any, Any]) -> Response[Any] | None:
    """400 naming the allowed values when a closed-set parameter has another value."""
    operation_id = request.route_handler.operation_id
    if not isinstance(operation_id, str):
        return None
    choices = query_choices(request.app).get(operation_id)
    if not choices:
        return None
    params = request.query_params
    errors = [
        {"key": name, "message": f"{value!r} is not one of: {', '.join(allowed)}", "source": "query"}
        for name, allowed in choices.items()
        for value in params.getall(name, [])
        if value not in allowed
    ]
    if not errors:
        return None
    return problem_response(
        status_code=400,
        kind="invalid-parameter",
        title="Invalid request parameter",
        detail="; ".join(f"parameter {e['key']!r}: {e['message']}" for e in errors),
        extra={"errors": errors},
    )
