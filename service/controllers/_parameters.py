"""Query parameters shared by several controllers."""

from __future__ import annotations

from typing import TypeVar

from litestar.exceptions import ValidationException
from litestar.params import QueryParameter

__all__ = ("deprecated_alias", "require", "resolve_alias", "split_list_parameter")

T = TypeVar("T")


def split_list_parameter(value: str, name: str, *, at_least: int, at_most: int) -> list[str]:
    """The distinct items of a comma-separated parameter, or a 400 naming the parameter."""
    items = list(dict.fromkeys(item.strip() for item in value.split(",") if item.strip()))
    if not at_least <= len(items) <= at_most:
        raise ValidationException(
            detail=f"{name} needs {at_least} to {at_most} distinct comma-separated values",
            extra=[{"key": name, "message": f"got {len(items)} distinct values in {value!r}"}],
        )
    return items


def resolve_alias(value: T | None, name: str, alias_value: T | None, alias: str) -> T | None:
    """A parameter given by its name or by its deprecated alias (``from`` or ``since``), not both
    with different values."""
    if value is not None and alias_value is not None and value != alias_value:
        raise ValidationException(
            detail=f"{name} and its deprecated alias {alias} disagree; send {name} only",
            extra=[{"key": alias, "message": f"{alias}={alias_value} but {name}={value}; send {name} only"}],
        )
    return value if value is not None else alias_value


def require(value: T | None, name: str, alias: str) -> T:
    """A required parameter that may come by its deprecated alias; a 400 naming it when missing."""
    if value is None:
        raise ValidationException(
            detail=f"{name} is required",
            extra=[{"key": name, "message": f"missing (its deprecated alias {alias} is accepted too)"}],
        )
    return value


def deprecated_alias(of: str) -> QueryParameter:
    """The declaration of an old name still accepted for ``of``, marked deprecated in the contract."""
    return QueryParameter(description=f"Deprecated alias of `{of}`.", schema_extra={"deprecated": True})
