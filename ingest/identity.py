"""Model identity. Until the canonical registry lands, a model id is the normalised source name."""

from __future__ import annotations

import re

__all__ = ("source_scoped_model_id",)

_SEPARATORS = re.compile(r"[\s_/]+")


def source_scoped_model_id(model_name: str) -> str:
    """Deterministic id from a source's model name: case and separators normalised.

    ``GPT-4o-2024-05-13`` and ``gpt-4o-2024-05-13`` are the same id; ``Claude 3.5 Sonnet``
    becomes ``claude-3.5-sonnet``. Nothing is guessed beyond that.
    """
    return _SEPARATORS.sub("-", model_name.strip().lower()).strip("-")
