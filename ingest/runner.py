"""The ingest runner: fetch or read -> archive raw -> parse -> load in one transaction -> publish.

It is the only code that writes to the warehouse. A payload that fails to parse is archived
and marked rejected, writes no snapshot, and does not stop the others; a run that adds nothing
publishes nothing, so readers keep serving the previous generation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import msgspec

from ingest.archived_files import iter_archived_files, read_archived_file
from ingest.changes import ChangesRefresh, refresh_change_events
from ingest.claims import ClaimsRefresh, refresh_claims
from ingest.errors import FetchError, IngestError, UnknownFormatError
from ingest.identity import Registry, load_registry
from ingest.logs import bind_log_context, get_logger
from ingest.records import RawPayload
from ingest.run_status import SourceAttempt, record_source_runs
from ingest.sources import SourceFormat, detect_format, get_format, sources_with_fetch
from ingest.sources_catalog import load_sources
from ingest.warehouse import (
    ArchivedPayloads,
    Warehouse,
    archive_payload,
    current_generation_path,
    publish_generation,
)

__all__ = (
    "AfterLoad",
    "PayloadOutcome",
    "PayloadItem",
    "ProgressCallback",
    "RunSummary",
    "import_paths",
    "ingest_live",
    "ingest_payloads",
)

_log = get_logger("ingest")

ADDED = "added"
SKIPPED = "skipped"
REJECTED = "rejected"


@dataclass(frozen=True)
class PayloadOutcome:
    """What happened to one payload."""

    origin: str
    """File path or URL."""
    status: str
    """``added``, ``skipped`` or ``rejected``."""
    format_name: str | None
    """The format that read it, when one did."""
    snapshots_added: int
    """New snapshots written from it."""
    message: str
    """Why it was skipped or rejected, or what was added."""


@dataclass
class RunSummary:
    """The outcome of one ingest run."""

    outcomes: list[PayloadOutcome] = field(default_factory=list)
    """One per payload, in order."""
    generation: str | None = None
    """The generation published at the end, if the run published one."""
    claims: ClaimsRefresh | None = None
    """Claims re-verified after the load (with the claim files that were rejected), if seeds were given."""
    changes: ChangesRefresh | None = None
    """Change events recomputed after the claims (docs/changes.md)."""

    def count(self, status: str) -> int:
        """How many payloads ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def snapshots_added(self) -> int:
        """New snapshots over the whole run."""
        return sum(o.snapshots_added for o in self.outcomes)

    @property
    def rejected(self) -> list[PayloadOutcome]:
        """The payloads that were rejected, with their error messages."""
        return [o for o in self.outcomes if o.status == REJECTED]


ProgressCallback = Callable[[int, int | None, PayloadOutcome], None]
"""Called after each payload with (number done, total if known, its outcome)."""

AfterLoad = Callable[[Warehouse, int, "RunSummary"], None]
"""Called with the open warehouse, the run id and the summary after the payloads are loaded."""

PayloadItem = tuple[RawPayload, SourceFormat | None, bool]
"""A payload, the format to read it with (``None``: detect), and whether an unknown format is an
error (a file named explicitly) rather than a skip (a file found in a folder)."""


def _process(
    warehouse: Warehouse, raw: RawPayload, forced: SourceFormat | None, *, strict: bool, run_id: int
) -> PayloadOutcome:
    sha, archived = archive_payload(warehouse.data_dir, raw.content)
    if warehouse.payload_status(sha) == "accepted":
        return PayloadOutcome(raw.origin, SKIPPED, None, 0, f"already imported (sha256 {sha[:12]})")
    source_format: SourceFormat | None = forced
    try:
        if source_format is None:
            source_format = detect_format(raw.origin, raw.content)
        if source_format.archive_hints is not None and Path(raw.origin).is_file():
            extra_hints = source_format.archive_hints(Path(raw.origin))
            raw = msgspec.structs.replace(raw, hints={**extra_hints, **raw.hints})
        if source_format.stored_hints is not None:
            archive = ArchivedPayloads(warehouse.connection, warehouse.data_dir)
            stored = source_format.stored_hints(raw, archive)
            raw = msgspec.structs.replace(raw, hints={**stored, **raw.hints})
        snapshots = source_format.parse(raw)
        result = warehouse.load(
            snapshots,
            payload_sha256=sha,
            parser=source_format.name,
            precedence=source_format.precedence,
            retrieved_at=raw.retrieved_at,
            run_id=run_id,
        )
    except UnknownFormatError as error:
        status = REJECTED if strict else SKIPPED
        if strict:
            _record(warehouse, raw, sha, archived, None, REJECTED, str(error), run_id)
        return PayloadOutcome(raw.origin, status, None, 0, str(error))
    except (IngestError, ValueError) as error:
        name = source_format.name if source_format else None
        _record(warehouse, raw, sha, archived, name, REJECTED, str(error), run_id)
        return PayloadOutcome(raw.origin, REJECTED, name, 0, str(error))
    _record(warehouse, raw, sha, archived, source_format.name, "accepted", None, run_id)
    if not snapshots:
        return PayloadOutcome(raw.origin, SKIPPED, source_format.name, 0, "holds no leaderboard snapshot")
    if result.added == 0:
        message = f"{result.duplicates} snapshot(s) already stored from another file"
        return PayloadOutcome(raw.origin, SKIPPED, source_format.name, 0, message)
    message = f"{result.added} snapshot(s)"
    if result.duplicates:
        message += f", {result.duplicates} already stored"
    return PayloadOutcome(raw.origin, ADDED, source_format.name, result.added, message)


def _record(
    warehouse: Warehouse,
    raw: RawPayload,
    sha: str,
    archived: Path,
    format_name: str | None,
    status: str,
    error: str | None,
    run_id: int,
) -> None:
    warehouse.record_payload(
        sha256=sha,
        byte_count=len(raw.content),
        origin=raw.origin,
        archived_path=archived,
        format_name=format_name,
        status=status,
        error=error,
        retrieved_at=raw.retrieved_at,
        run_id=run_id,
    )


def ingest_payloads(
    data_dir: Path,
    items: Iterable[PayloadItem],
    *,
    command: str,
    seeds_dir: Path | None = None,
    total: int | None = None,
    progress: ProgressCallback | None = None,
    failed_fetches: Sequence[PayloadOutcome] = (),
    after_load: AfterLoad | None = None,
) -> RunSummary:
    """Archive, parse and load every payload, then publish a generation if anything changed.

    ``seeds_dir`` holds ``sources.toml`` (source metadata) and ``models.toml`` (the model
    registry); without it, sources carry no metadata and every model stays source-scoped.
    ``failed_fetches`` are payloads that never arrived: logged with the run as rejected.
    ``after_load`` runs once the run is logged, with the write lock still held.
    """
    summary = RunSummary(outcomes=list(failed_fetches))
    registry = _registry(seeds_dir)
    with Warehouse(data_dir) as warehouse:
        if seeds_dir is not None:
            warehouse.upsert_sources(load_sources(seeds_dir / SOURCES_FILE))
        run_id = warehouse.begin_run(command)
        for number, (raw, source_format, strict) in enumerate(items, start=1):
            outcome = _process(warehouse, raw, source_format, strict=strict, run_id=run_id)
            summary.outcomes.append(outcome)
            if progress is not None:
                progress(number, total, outcome)
        warehouse.finish_run(
            run_id,
            added=summary.count(ADDED),
            skipped=summary.count(SKIPPED),
            rejected=summary.count(REJECTED),
            snapshots=summary.snapshots_added,
            message="; ".join(o.message for o in summary.rejected)[:2000],
        )
        if after_load is not None:
            after_load(warehouse, run_id, summary)
        schema_changed = warehouse.upgraded
        identities_changed = warehouse.refresh_identity(
            registry, force=summary.snapshots_added > 0 or schema_changed
        )
        if summary.snapshots_added or schema_changed or identities_changed:
            warehouse.materialize()
        if seeds_dir is not None:
            summary.claims = refresh_claims(warehouse.connection, seeds_dir / CLAIMS_DIR)
        claims_changed = summary.claims is not None and summary.claims.changed
        summary.changes = refresh_change_events(
            warehouse.connection,
            seeds_dir / CLAIMS_DIR if seeds_dir is not None else None,
            inputs_changed=bool(
                summary.snapshots_added or schema_changed or identities_changed or claims_changed
            ),
        )
        warehouse_file = warehouse.path
    first_publish = current_generation_path(data_dir) is None
    events_changed = summary.changes.changed
    # A new schema (code upgrade) republishes too, so readers never query an older layout.
    changed = (
        summary.snapshots_added or identities_changed or claims_changed or events_changed or schema_changed
    )
    if changed or (first_publish and seeds_dir is not None):
        summary.generation = publish_generation(data_dir, warehouse_file)
    return summary


SOURCES_FILE = "sources.toml"
"""Source metadata inside the seeds dir."""
MODELS_FILE = "models.toml"
"""The canonical model registry inside the seeds dir."""
CLAIMS_DIR = "claims"
"""Article claim files inside the seeds dir."""


def _registry(seeds_dir: Path | None) -> Registry:
    if seeds_dir is None or not (seeds_dir / MODELS_FILE).is_file():
        return Registry(models=(), sha256="empty")
    known = {s.id for s in load_sources(seeds_dir / SOURCES_FILE)}
    return load_registry(seeds_dir / MODELS_FILE, known_sources=known)


def _with_hints(raw: RawPayload, hints: dict[str, str]) -> RawPayload:
    return msgspec.structs.replace(raw, hints={**raw.hints, **hints}) if hints else raw


def import_paths(
    data_dir: Path,
    paths: Sequence[Path],
    *,
    format_name: str | None = None,
    seeds_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    command: str = "import",
    hints: Mapping[str, str] | None = None,
) -> RunSummary:
    """Import archived files; a folder imports every file below it that a format recognises.

    ``hints`` are facts given on the command line (e.g. a LiveBench category map): added to every
    file's hints, they win over those read from a manifest or found beside the file.
    """
    files: list[tuple[Path, bool]] = []
    for path in paths:
        if not path.exists():
            raise IngestError(f"{path}: no such file or folder")
        files.extend((file, path.is_file()) for file in iter_archived_files(path))
    forced = get_format(format_name) if format_name else None
    given = dict(hints or {})
    items = ((_with_hints(read_archived_file(file), given), forced, strict) for file, strict in files)
    return ingest_payloads(
        data_dir,
        items,
        command=command,
        seeds_dir=seeds_dir,
        total=len(files),
        progress=progress,
    )


def ingest_live(
    data_dir: Path,
    source: str | Sequence[str],
    client: httpx.Client,
    *,
    seeds_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    skipped: Mapping[str, str] | None = None,
) -> RunSummary:
    """Fetch every live format of ``source`` (or the one format so named; or of several) and ingest it.

    A format whose fetch fails (network, HTTP status, credentials) is reported as rejected with
    the error; the other formats are still fetched and loaded. Each source's outcome is recorded
    (``ingest/run_status.py``), as are the ``skipped`` ones (source id -> why it was not fetched).
    """
    names = [source] if isinstance(source, str) else list(source)
    items: list[PayloadItem] = []
    failed: list[PayloadOutcome] = []
    attempts = [
        SourceAttempt(source_id=s, attempted_at=datetime.now(UTC), formats=(), skipped=reason)
        for s, reason in (skipped or {}).items()
    ]
    formats = list(dict.fromkeys(f for name in names for f in sources_with_fetch(name)))
    for source_id in dict.fromkeys(f.source for f in formats):
        own = [f for f in formats if f.source == source_id]
        attempts.append(SourceAttempt(source_id, datetime.now(UTC), tuple(f.name for f in own)))
        with bind_log_context(source=source_id):
            for source_format in own:
                assert source_format.fetch is not None
                try:
                    fetched = source_format.fetch(client)
                except FetchError as error:
                    _log.error("fetch failed", extra={"format": source_format.name, "error": str(error)})
                    failed.append(
                        PayloadOutcome(source_format.name, REJECTED, source_format.name, 0, str(error))
                    )
                    continue
                items.extend((raw, source_format, True) for raw in fetched)

    def record(warehouse: Warehouse, run_id: int, summary: RunSummary) -> None:
        failures: dict[str, list[str]] = {}
        for outcome in summary.rejected:
            failures.setdefault(outcome.format_name or "", []).append(outcome.message)
        for status in record_source_runs(warehouse.connection, data_dir, run_id, attempts, failures):
            _log.info(
                "source ingested",
                extra={
                    "run_id": run_id,
                    "source": status.source_id,
                    "outcome": status.outcome,
                    "snapshots_added": status.snapshots_added,
                    "rows_added": status.rows_added,
                    "failed_formats": status.failed_formats,
                },
            )

    return ingest_payloads(
        data_dir,
        items,
        command=f"ingest {' '.join(names)}",
        seeds_dir=seeds_dir,
        total=len(items),
        progress=progress,
        failed_fetches=failed,
        after_load=record,
    )
