"""The ingest runner: fetch or read -> archive raw -> parse -> load in batches -> publish.

It is the only code that writes to the warehouse, and one run at a time does (the writer lock;
a second run waits up to ``wait`` seconds). A run:

1. takes the writer lock and removes what a writer that died mid-run left behind;
2. marks runs still ``running`` as ``interrupted``, and opens its own;
3. publishes first whatever the warehouse holds that no generation has (a writer killed between
   its load and its publish), so nothing loaded stays out of view;
4. archives, parses and loads its payloads, in batches of one transaction each; a payload that
   fails to parse is archived and marked rejected, writes no snapshot, and does not stop the others;
5. re-derives identities, served tables and claims when the data changed, closes its run record
   (also on errors, Ctrl-C and SIGTERM), checkpoints;
6. publishes a generation if the warehouse now differs from the published one. A run that
   changes nothing publishes nothing, so readers keep serving the previous generation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import msgspec

from ingest._loading import ADDED, REJECTED, SKIPPED, PayloadLoader, PayloadOutcome
from ingest.archived_files import iter_archived_files, read_archived_file
from ingest.changes import ChangesRefresh, refresh_change_events
from ingest.claims import ClaimsRefresh, refresh_claims
from ingest.errors import FetchError, IngestError
from ingest.faults import fault_point
from ingest.identity import Registry, load_registry
from ingest.logs import bind_log_context, get_logger
from ingest.records import RawPayload
from ingest.run_status import SourceAttempt, record_source_runs
from ingest.sources import SourceFormat, get_format, sources_with_fetch
from ingest.sources_catalog import load_sources
from ingest.warehouse import (
    WAREHOUSE_FILE,
    Warehouse,
    current_generation_path,
    publish_generation,
    remove_crash_debris,
    writer_lock,
)

__all__ = (
    "AfterLoad",
    "PayloadItem",
    "PayloadOutcome",
    "ProgressCallback",
    "RunSummary",
    "import_paths",
    "ingest_live",
    "ingest_payloads",
)

_log = get_logger("ingest")


@dataclass
class RunSummary:
    """The outcome of one ingest run."""

    outcomes: list[PayloadOutcome] = field(default_factory=list)
    """One per payload, in order."""
    generation: str | None = None
    """The generation published at the end, if the run published one."""
    recovered: str | None = None
    """The generation published first, from data an earlier run loaded but did not publish."""
    claims: ClaimsRefresh | None = None
    """Claims re-verified after the load (with the claim files that were rejected), if seeds were given."""
    changes: ChangesRefresh | None = None
    """Change events recomputed after the claims (docs/changes.md)."""
    debris: list[Path] = field(default_factory=list)
    """Files and folders a writer that died mid-run had left behind, removed at the start."""
    interrupted_runs: int = 0
    """Earlier runs found still ``running`` (their writer died) and marked ``interrupted``."""

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


def ingest_payloads(
    data_dir: Path,
    items: Iterable[PayloadItem],
    *,
    command: str,
    seeds_dir: Path | None = None,
    total: int | None = None,
    progress: ProgressCallback | None = None,
    failed_fetches: Sequence[PayloadOutcome] = (),
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    after_load: AfterLoad | None = None,
) -> RunSummary:
    """Archive, parse and load every payload, then publish a generation if anything changed.

    ``seeds_dir`` holds ``sources.toml`` (source metadata) and ``models.toml`` (the model
    registry); without it, sources carry no metadata and every model stays source-scoped.
    ``failed_fetches`` are payloads that never arrived: logged with the run as rejected.
    ``wait``: seconds to wait for another writer to finish before ``WriterBusyError``;
    ``on_wait`` is told (with who holds the lock) when the wait starts. ``after_load`` runs once
    the run is logged, with the write lock still held.
    """
    summary = RunSummary(outcomes=list(failed_fetches))
    registry = _registry(seeds_dir)
    with writer_lock(data_dir, command=command, wait=wait, on_wait=on_wait) as deadline:
        summary.debris = remove_crash_debris(data_dir, data_dir / WAREHOUSE_FILE)
        warehouse = Warehouse(data_dir, deadline=deadline)
        run = _Run(warehouse, summary, registry, seeds_dir, total, progress, after_load)
        try:
            run.start(command)
            run.load(items)
            publish = run.warehouse.holds_unpublished(current_generation_path(data_dir))
        except BaseException:
            with suppress(Exception):  # closing must not hide what stopped the run
                run.warehouse.close()
            raise
        run.warehouse.close()
        fault_point("checkpoint")
        if publish or (current_generation_path(data_dir) is None and seeds_dir is not None):
            summary.generation = _publish_or_log(data_dir, run.run_id)
        else:
            summary.generation = summary.recovered
    return summary


@dataclass
class _Run:
    """Steps 2 to 5 of one run; its record in ``ingest_run`` is closed on every exit."""

    warehouse: Warehouse
    """The open warehouse (reopened after publishing what an earlier run left)."""
    summary: RunSummary
    registry: Registry
    seeds_dir: Path | None
    total: int | None
    progress: ProgressCallback | None
    after_load: AfterLoad | None
    run_id: int = 0
    """This run's ``ingest_run`` id, once started."""
    leftover: bool = False
    """The warehouse held data no generation has when the run started."""
    done: int = 0
    """Payloads whose outcome is settled (written, skipped or rejected)."""

    def start(self, command: str) -> None:
        """Close the runs dead writers left open; see what they left unpublished; open this run."""
        warehouse = self.warehouse
        self.summary.interrupted_runs = warehouse.close_interrupted_runs()
        # Judged before this run changes anything (sources included).
        self.leftover = warehouse.holds_unpublished(current_generation_path(warehouse.data_dir))
        if self.seeds_dir is not None:
            warehouse.upsert_sources(load_sources(self.seeds_dir / SOURCES_FILE))
        self.run_id = warehouse.begin_run(command)

    def load(self, items: Iterable[PayloadItem]) -> None:
        """Publish the leftover first, then load ``items`` and derive; record how it ended."""
        summary = self.summary
        try:
            if self.leftover:
                self.derive(force=True)
                self.warehouse.close()
                summary.recovered = publish_generation(self.warehouse.data_dir, self.warehouse.path)
                self.warehouse = Warehouse(self.warehouse.data_dir)
            loader = PayloadLoader(self.warehouse, self.run_id, self._written)
            for raw, source_format, strict in items:
                loader.add(raw, source_format, strict=strict)
            loader.flush()
            self.derive(force=summary.snapshots_added > 0)
            _finish(self.warehouse, self.run_id, summary, "failed" if summary.rejected else "succeeded")
            if self.after_load is not None:
                self.after_load(self.warehouse, self.run_id, summary)
        except BaseException as error:
            # Ctrl-C, SIGTERM (raised as an exception by the command line) or a failure.
            interrupted = isinstance(error, KeyboardInterrupt | SystemExit)
            with suppress(Exception):  # the record must not hide what stopped the run
                self.warehouse.roll_back_open_transaction()
                _finish(
                    self.warehouse, self.run_id, summary, "interrupted" if interrupted else "failed", error
                )
            raise

    def _written(self, outcomes: list[PayloadOutcome]) -> None:
        """A batch is written: its outcomes count (even if the progress display is interrupted)."""
        self.summary.outcomes.extend(outcomes)
        for outcome in outcomes:
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total, outcome)

    def derive(self, *, force: bool) -> None:
        """Identities, served tables, claims and change events, when the data (``force``), the
        registry or the claims changed."""
        identities_changed = self.warehouse.refresh_identity(self.registry, force=force)
        if force or identities_changed:
            self.warehouse.materialize()
            fault_point("derive")
        claims_dir = self.seeds_dir / CLAIMS_DIR if self.seeds_dir is not None else None
        if claims_dir is not None:
            self.summary.claims = refresh_claims(self.warehouse.connection, claims_dir)
        claims_changed = self.summary.claims is not None and self.summary.claims.changed
        self.summary.changes = refresh_change_events(
            self.warehouse.connection,
            claims_dir,
            inputs_changed=force or identities_changed or claims_changed,
        )


def _finish(
    warehouse: Warehouse, run_id: int, summary: RunSummary, status: str, error: BaseException | None = None
) -> None:
    messages = [o.message for o in summary.rejected]
    if summary.recovered:
        messages.insert(
            0, f"published {summary.recovered} first: data an earlier run loaded but did not publish"
        )
    if error is not None:
        messages.insert(0, f"stopped by {type(error).__name__}: {error}".rstrip(": "))
    warehouse.finish_run(
        run_id,
        status=status,
        added=summary.count(ADDED),
        skipped=summary.count(SKIPPED),
        rejected=summary.count(REJECTED),
        snapshots=summary.snapshots_added,
        message="; ".join(messages),
    )


def _publish_or_log(data_dir: Path, run_id: int) -> str:
    """Publish; if that fails, say so in the run's record (the next run publishes the data)."""
    try:
        return publish_generation(data_dir, data_dir / WAREHOUSE_FILE)
    except BaseException as error:
        status = "interrupted" if isinstance(error, KeyboardInterrupt | SystemExit) else "failed"
        with suppress(Exception), Warehouse(data_dir) as warehouse:  # never hide the error itself
            warehouse.connection.execute(
                "UPDATE ingest_run SET status = ?, message = concat_ws('; ', ?, message) WHERE run_id = ?",
                [status, f"loaded, but publishing stopped ({type(error).__name__}: {error})", run_id],
            )
        raise


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
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> RunSummary:
    """Import archived files; a folder imports every file below it that a format recognises.

    ``hints`` are facts given on the command line (e.g. a LiveBench category map): added to every
    file's hints, they win over those read from a manifest or found beside the file. ``wait`` and
    ``on_wait``: as for ``ingest_payloads``.
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
        wait=wait,
        on_wait=on_wait,
    )


def ingest_live(
    data_dir: Path,
    source: str | Sequence[str],
    client: httpx.Client,
    *,
    seeds_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    skipped: Mapping[str, str] | None = None,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> RunSummary:
    """Fetch every live format of ``source`` (or the one format so named; or of several) and ingest it.

    A format whose fetch fails (network, HTTP status, credentials) is reported as rejected with
    the error; the other formats are still fetched and loaded. Each source's outcome is recorded
    (``ingest/run_status.py``), as are the ``skipped`` ones (source id -> why it was not fetched).
    ``wait`` and ``on_wait``: as for ``ingest_payloads`` (the fetch happens before the wait).
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
        wait=wait,
        on_wait=on_wait,
        after_load=record,
    )
