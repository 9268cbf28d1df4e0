"""One ingest run's steps 2 to 5 (``ingest.runner``) and what it reports: its record in
``ingest_run`` opened and closed on every exit, the leftover of a dead writer published first, the
payloads loaded, then identities, served tables, claims and change events derived."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from ingest._loading import ADDED, REJECTED, SKIPPED, PayloadLoader, PayloadOutcome
from ingest._timing import timed
from ingest.changes import ChangesRefresh, refresh_change_events
from ingest.claims import ClaimsRefresh, refresh_claims
from ingest.faults import fault_point
from ingest.identity import Registry
from ingest.records import RawPayload
from ingest.sources import SourceFormat
from ingest.sources_catalog import CLAIMS_DIR, MODELS_FILE, SOURCES_FILE, load_sources
from ingest.warehouse import Warehouse, current_generation_path, publish_generation

__all__ = (
    "CLAIMS_DIR",
    "MODELS_FILE",
    "SOURCES_FILE",
    "AfterLoad",
    "PayloadItem",
    "ProgressCallback",
    "Run",
    "RunSummary",
)


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
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall-clock seconds per phase, in the order the run reached them: ``archive``, ``parse``,
    ``rows`` (snapshot and entry rows computed), ``write`` (waiting for batches to commit: they
    are written beside the parsing of the next batch), ``identities``,
    ``served tables``, ``claims``, ``change events``, ``checkpoint``, ``publish`` (generation
    copy and exports)."""

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


@dataclass
class Run:
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
            loader = PayloadLoader(self.warehouse, self.run_id, self._written, summary.seconds)
            try:
                for raw, source_format, strict in items:
                    loader.add(raw, source_format, strict=strict)
                loader.flush()
            finally:
                loader.close()  # the batch being committed, if an error stopped the loop
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
        seconds = self.summary.seconds
        with timed(seconds, "identities"):
            identities_changed = self.warehouse.refresh_identity(self.registry, force=force)
        if force or identities_changed:
            with timed(seconds, "served tables"):
                self.warehouse.materialize()
            fault_point("derive")
        claims_dir = self.seeds_dir / CLAIMS_DIR if self.seeds_dir is not None else None
        if claims_dir is not None:
            with timed(seconds, "claims"):
                self.summary.claims = refresh_claims(self.warehouse.connection, claims_dir)
        claims_changed = self.summary.claims is not None and self.summary.claims.changed
        with timed(seconds, "change events"):
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
