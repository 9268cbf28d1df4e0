"""Query parameters shared by several controllers."""

from __future__ import annotations

from litestar.exceptions import ValidationException

__all__ = ("split_list_parameter",)


def split_list_parameter(value: str, name: str, *, at_least: int, at_most: int) -> list[str]:
    """The distinct items of a comma-separated parameter, or a 400 naming the parameter."""
    items = list(dict.fromkeys(item.strip() for item in value.split(",") if item.strip()))
    if not at_least <= len(items) <= at_most:
        raise ValidationException(
            detail=f"{name} needs {at_least} to {at_most} distinct comma-separated values",
            extra=[{"key": name, "message": f"got {len(items)} distinct values in {value!r}"}],
        )
    return items
