"""Model identity: one canonical model per real model, variants as explicit attributes.

The registry (``seeds/models.toml``) is hand-edited and strictly validated. A source's name
resolves by declared alias, then by case/separator normalisation, then by peeling known variant
suffixes (effort, thinking budget, mode, date); an unresolved name stays a source-scoped model
(``source:name``), listed by ``rankledger identity unresolved`` and never guessed.
"""

from __future__ import annotations

from ingest.identity._registry import (
    NO_VARIANT,
    AliasSpec,
    ModelSpec,
    Registry,
    VariantSpec,
    load_registry,
)
from ingest.identity._resolver import Resolution, Resolver, unresolved_model_id
from ingest.identity._rules import normalize_name, peel_suffixes

__all__ = (
    "NO_VARIANT",
    "AliasSpec",
    "ModelSpec",
    "Registry",
    "Resolution",
    "Resolver",
    "VariantSpec",
    "load_registry",
    "normalize_name",
    "peel_suffixes",
    "source_scoped_model_id",
    "unresolved_model_id",
)


def source_scoped_model_id(model_name: str) -> str:
    """Case/separator-normalised name: the fingerprint key of a model within one source."""
    return normalize_name(model_name)
