"""Resolving a source's model name to (canonical model, variant), and saying how."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ingest.identity._registry import NO_VARIANT, ModelSpec, Registry, VariantSpec
from ingest.identity._rules import normalize_name, peel_suffixes

__all__ = ("Resolution", "Resolver", "unresolved_model_id")


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one (source, name)."""

    model_id: str
    """Canonical model id, or the source-scoped id ``source:normalised-name`` when unresolved."""
    variant: VariantSpec
    """Variant attributes the name denotes."""
    resolved: bool
    """A canonical model was found."""
    rule: str
    """Which rule decided, e.g. ``declared alias`` or ``suffix rule (date 20251101)``."""
    provenance: str
    """Where the mapping behind the rule came from."""


def unresolved_model_id(source: str, name: str) -> str:
    """Source-scoped id kept for a name nobody has mapped: never merged with another source's."""
    return f"{source}:{normalize_name(name)}"


def _describe(variant: VariantSpec) -> str:
    return ", ".join(
        f"{f.replace('_', ' ')} {getattr(variant, f)}"
        for f in variant.__struct_fields__
        if getattr(variant, f)
    )


class Resolver:
    """Declared aliases first, then case/separators, then known variant suffixes; nothing fuzzy."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.models: dict[str, ModelSpec] = {m.id: m for m in registry.models}
        self._exact: dict[tuple[str, str], tuple[str, VariantSpec, str]] = {}
        self._normalized: dict[tuple[str, str], tuple[str, VariantSpec, str]] = {}
        self._ids: dict[str, str] = {normalize_name(m.id): m.id for m in registry.models}
        for model in registry.models:
            for alias in model.aliases:
                found = (model.id, alias.variant, alias.provenance)
                self._exact[(alias.source, alias.name)] = found
                self._normalized.setdefault((alias.source, normalize_name(alias.name)), found)

    def _match(self, source: str, normalized: str) -> tuple[str, VariantSpec, str, str] | None:
        """A declared alias of this source or a canonical id, compared case/separator-blind."""
        declared = self._normalized.get((source, normalized))
        if declared is not None:
            return (*declared, "declared alias (case and separators)")
        model_id = self._ids.get(normalized)
        if model_id is not None:
            return (
                model_id,
                NO_VARIANT,
                "canonical id in seeds/models.toml",
                "canonical id (case and separators)",
            )
        return None

    def resolve_name(self, source: str, name: str) -> Resolution | None:
        """Resolve a bare name; ``None`` when no rule settles it."""
        declared = self._exact.get((source, name))
        if declared is not None:
            model_id, variant, provenance = declared
            return Resolution(model_id, variant, True, "declared alias", provenance)
        normalized = normalize_name(name)
        found = self._match(source, normalized)
        if found is not None:
            model_id, variant, provenance, rule = found
            return Resolution(model_id, variant, True, rule, provenance)
        for stem, peeled in peel_suffixes(normalized):
            found = self._match(source, stem)
            if found is not None:
                model_id, variant, provenance, rule = found
                return Resolution(
                    model_id,
                    variant.merged(peeled),
                    True,
                    f"suffix rule ({_describe(peeled)}), then {rule}",
                    provenance,
                )
        return None

    def resolve(self, source: str, name: str, hints: Mapping[str, Any] | None = None) -> Resolution:
        """Resolve a board entry's name, using the structured facts its parser kept.

        ``hints`` are the entry's extra fields: ``model`` (the model an agent system runs, parsed
        by the SWE-bench parser), ``harness``, ``slug`` (Artificial Analysis), ``edit_format`` and
        ``reasoning_effort`` (Aider). They only add information; they never override a declared
        alias of the full name.
        """
        hints = hints or {}
        attributes = VariantSpec(
            harness=_text(hints.get("harness")),
            edit_format=_text(hints.get("edit_format")),
            reasoning_effort=_text(hints.get("reasoning_effort")),
        )
        result = self.resolve_name(source, name)
        if result is None:
            for key in ("model", "slug"):
                hint = _text(hints.get(key))
                if hint and hint != name:
                    found = self.resolve_name(source, hint)
                    if found is not None:
                        result = Resolution(
                            found.model_id,
                            found.variant,
                            True,
                            f"source field {key}={hint!r}: {found.rule}",
                            found.provenance,
                        )
                        break
        if result is None:
            return Resolution(
                unresolved_model_id(source, name), attributes, False, "unresolved", "no alias or rule matched"
            )
        return Resolution(
            result.model_id, result.variant.merged(attributes), True, result.rule, result.provenance
        )


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
