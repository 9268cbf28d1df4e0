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

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import httpx
import msgspec

from ingest._loading import REJECTED, PayloadOutcome
from ingest._run import (
    MODELS_FILE,
    SOURCES_FILE,
    AfterLoad,
    PayloadItem,
    ProgressCallback,
    Run,
    RunSummary,
)
from ingest._timing import timed
from ingest.archived_files import iter_archived_files, read_archived_file
from ingest.errors import FetchError, IngestError
from ingest.faults import fault_point
from ingest.identity import Registry, load_registry
from ingest.logs import bind_log_context, get_logger
from ingest.records import RawPayload
from ingest.run_status import SourceAttempt, record_source_runs
from ingest.sources import FetchSettings, get_format, sources_with_fetch
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
    "MODELS_FILE",
    "SOURCES_FILE",
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
    with (
        _collector_skips_older_objects(),
        writer_lock(data_dir, command=command, wait=wait, on_wait=on_wait) as deadline,
    ):
        summary.debris = remove_crash_debris(data_dir, data_dir / WAREHOUSE_FILE)
        warehouse = Warehouse(data_dir, deadline=deadline)
        run = Run(warehouse, summary, registry, seeds_dir, total, progress, after_load)
        try:
            run.start(command)
            run.load(items)
            publish = run.warehouse.holds_unpublished(current_generation_path(data_dir))
        except BaseException:
            with suppress(Exception):  # closing must not hide what stopped the run
                run.warehouse.close()
            raise
        with timed(summary.seconds, "checkpoint"):
            run.warehouse.close()
        fault_point("checkpoint")
        if publish or (current_generation_path(data_dir) is None and seeds_dir is not None):
            with timed(summary.seconds, "publish"):
                summary.generation = _publish_or_log(data_dir, run.run_id)
        else:
            summary.generation = summary.recovered
    return summary


@contextmanager
def _collector_skips_older_objects() -> Iterator[None]:
    """For the run, what existed before it (imported modules: polars, DuckDB, pyarrow...) is out of
    the garbage collector's sight: the full collections the run's allocations trigger no longer
    walk it (about a tenth of a seeded rebuild). Left alone where the process froze it already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
    fetch_settings: FetchSettings | None = None,
) -> RunSummary:
    """Fetch every live format of ``source`` (or the one format so named; or of several) and ingest it.

    A format whose fetch fails (network, HTTP status, credentials) is reported as rejected with
    the error; the other formats are still fetched and loaded. Each source's outcome is recorded
    (``ingest/run_status.py``), as are the ``skipped`` ones (source id -> why it was not fetched).
    ``wait`` and ``on_wait``: as for ``ingest_payloads`` (the fetch happens before the wait).
    ``fetch_settings``: the keys and cache folder the fetchers use (default: from the environment).
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
                    fetched = source_format.fetch(client, settings=fetch_settings)
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
