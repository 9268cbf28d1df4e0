"""The canonical model registry, ``seeds/models.toml``: hand-edited, strictly validated."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import msgspec

from ingest.errors import IngestError

__all__ = ("AliasSpec", "ModelSpec", "Registry", "VariantSpec", "load_registry")

_ID_PATTERN = r"^[a-z0-9][a-z0-9.\-]*[a-z0-9]$"


class VariantSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """What distinguishes one variant of a model from another: explicit attributes, not noise."""

    mode: str | None = None
    """E.g. ``thinking``, ``search``, ``grounding``."""
    reasoning_effort: str | None = None
    """E.g. ``minimal``, ``low``, ``medium``, ``high``, ``xhigh``, ``max``."""
    thinking_budget: str | None = None
    """Token budget for thinking, e.g. ``32k``."""
    date_version: str | None = None
    """Dated snapshot of the model, e.g. ``20251101`` or ``2024-05-13``."""
    harness: str | None = None
    """Agent system the model runs in (SWE-bench), e.g. ``live-SWE-agent``."""
    edit_format: str | None = None
    """Aider's edit format, e.g. ``diff``, ``whole``."""

    def label(self) -> str | None:
        """Readable variant label, attributes in a fixed order, e.g. ``thinking-32k``."""
        parts = [
            self.mode,
            self.reasoning_effort,
            self.thinking_budget,
            self.edit_format,
            self.harness,
            self.date_version,
        ]
        text = "-".join(p for p in parts if p)
        return text.lower().replace(" ", "-") if text else None

    def merged(self, other: VariantSpec) -> VariantSpec:
        """Attributes of ``self`` completed by those of ``other`` (``self`` wins)."""
        fields = {f: getattr(self, f) or getattr(other, f) for f in self.__struct_fields__}
        return VariantSpec(**fields)


NO_VARIANT = VariantSpec()


class AliasSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A name one source uses for the model, with where that mapping came from."""

    source: str
    """Source id (``lmarena``, ``livebench``...)."""
    name: str
    """The name exactly as the source writes it."""
    provenance: str
    """Where the mapping came from (file and date seen, a vendor page...)."""
    variant: VariantSpec = NO_VARIANT
    """Which variant of the model this name denotes."""


class ModelSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One canonical model."""

    id: Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]
    """Readable slug, e.g. ``gemini-3-pro``."""
    name: str
    """Display name, e.g. ``Gemini 3 Pro``."""
    organization: str
    """Who makes it."""
    family: str | None = None
    """Model family, e.g. ``gemini-3``."""
    release_date: date | None = None
    """First public release."""
    aliases: list[AliasSpec] = msgspec.field(default_factory=list)
    """Names sources use for it."""


class _RegistryFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    model: list[ModelSpec]


class Registry(msgspec.Struct, frozen=True):
    """The validated registry."""

    models: tuple[ModelSpec, ...]
    """Canonical models in file order."""
    sha256: str
    """Hash of the file, to tell whether identities must be recomputed."""


def load_registry(path: Path, known_sources: set[str] | None = None) -> Registry:
    """Read and validate ``models.toml``; errors name the file, the model and the field."""
    import hashlib

    content = path.read_bytes()
    try:
        parsed = msgspec.toml.decode(content, type=_RegistryFile)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise IngestError(f"{path}: {error}") from error
    seen_ids: set[str] = set()
    seen_aliases: dict[tuple[str, str], str] = {}
    for model in parsed.model:
        if model.id in seen_ids:
            raise IngestError(f"{path}: model {model.id!r} is declared twice")
        seen_ids.add(model.id)
        for alias in model.aliases:
            if known_sources is not None and alias.source not in known_sources:
                raise IngestError(
                    f"{path}: model {model.id!r}: alias {alias.name!r} names unknown source {alias.source!r}"
                )
            key = (alias.source, alias.name)
            if key in seen_aliases:
                raise IngestError(
                    f"{path}: alias {alias.name!r} of source {alias.source!r} is declared for both "
                    f"{seen_aliases[key]!r} and {model.id!r}"
                )
            seen_aliases[key] = model.id
    return Registry(models=tuple(parsed.model), sha256=hashlib.sha256(content).hexdigest())
