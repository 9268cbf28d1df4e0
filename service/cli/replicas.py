"""Object storage on the command line: ``publish``, ``--publish-to`` of ``import`` and ``ingest``,
and ``serve --from`` (a read replica).

The writer publishes its current generation to ``s3://BUCKET/PREFIX``; any number of stateless
replicas serve what the bucket's ``CURRENT.json`` names (``ingest/replication/``). The S3 client is
configured the standard AWS way (``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``...).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from typing import Any

from ingest.errors import IngestError
from ingest.warehouse import WAREHOUSE_FILE
from service.cli._data_dir import settings_of
from service.settings import Settings

__all__ = (
    "DEFAULT_POLL_SECONDS",
    "add_publish_option",
    "add_replica_options",
    "follow_bucket_beside_serving",
    "poll_seconds",
    "publish_after_run",
    "register",
)

PUBLISH_TO_ENV = "RANKLEDGER_PUBLISH_TO"
"""Where ``import``, ``ingest`` and ``publish`` publish, when ``--publish-to`` / ``--to`` is not given."""
PUBLISH_KEEP_ENV = "RANKLEDGER_PUBLISH_KEEP"
"""How many generations the bucket keeps (default ``KEEP_PUBLISHED``), when ``--keep`` is not given."""
SERVE_FROM_ENV = "RANKLEDGER_SERVE_FROM"
"""The bucket location ``serve`` follows as a replica, when ``--from`` is not given."""
POLL_ENV = "RANKLEDGER_POLL_SECONDS"
"""Seconds between a replica's checks of the pointer, when ``--poll`` is not given."""
DEFAULT_POLL_SECONDS = 15.0
"""A replica's default poll interval: one small conditional GET (``304``) per interval."""
_URL = "s3://BUCKET/PREFIX"


def _keep(given: int | None) -> int:
    from ingest.replication import KEEP_PUBLISHED

    if given is not None:
        return given
    try:
        return int(os.environ.get(PUBLISH_KEEP_ENV) or KEEP_PUBLISHED)
    except ValueError as error:
        raise IngestError(
            f"{PUBLISH_KEEP_ENV}={os.environ[PUBLISH_KEEP_ENV]!r} is not a whole number"
        ) from error


def _publish(settings: Settings, url: str, keep: int | None) -> None:
    from ingest.replication import BucketLocation, publish_to_bucket, s3_client

    location = BucketLocation.parse(url)
    started = time.monotonic()
    result = publish_to_bucket(settings.data_dir, location, s3_client(), keep=_keep(keep))
    if not result.uploaded:
        print(f"{location.url} already points at {result.generation}; nothing uploaded", file=sys.stderr)
        return
    pruned = f"; pruned {len(result.pruned)} older generation(s)" if result.pruned else ""
    print(
        f"published {result.generation} to {location.url} ({result.uploaded_bytes / 1e6:.1f} MB in "
        f"{time.monotonic() - started:.1f} s){pruned}",
        file=sys.stderr,
    )


def publish_after_run(settings: Settings, url: str | None) -> None:
    """After ``import`` or ``ingest``: publish the current generation to ``url``, if one is set."""
    if url:
        _publish(settings, url, keep=None)


def add_publish_option(command: argparse.ArgumentParser) -> None:
    """``--publish-to`` for a command that writes the warehouse."""
    command.add_argument(
        "--publish-to",
        metavar=_URL,
        default=os.environ.get(PUBLISH_TO_ENV) or None,
        help=(
            f"then publish the current generation there for read replicas, as `rankledger publish` "
            f"does (env {PUBLISH_TO_ENV})"
        ),
    )


def add_replica_options(serve: argparse.ArgumentParser) -> None:
    """``serve --from`` and ``--poll``."""
    serve.add_argument(
        "--from",
        dest="source_url",
        metavar=_URL,
        default=os.environ.get(SERVE_FROM_ENV) or None,
        help=(
            "serve as a read replica of what `rankledger publish` put there: no writer, no seeds; "
            f"the data dir is the local cache (env {SERVE_FROM_ENV})"
        ),
    )
    serve.add_argument(
        "--poll",
        type=float,
        metavar="SECONDS",
        help=(
            f"with --from: seconds between checks for a new generation (default "
            f"{DEFAULT_POLL_SECONDS:.0f}; env {POLL_ENV})"
        ),
    )


def poll_seconds(given: float | None) -> float:
    """``--poll``, else ``RANKLEDGER_POLL_SECONDS``, else the default; above 0."""
    if given is None:
        try:
            given = float(os.environ.get(POLL_ENV) or DEFAULT_POLL_SECONDS)
        except ValueError as error:
            raise IngestError(f"{POLL_ENV}={os.environ[POLL_ENV]!r} is not a number of seconds") from error
    if given <= 0:
        raise IngestError(f"poll every {given:g} s? Give a number of seconds above 0 (--poll, {POLL_ENV})")
    return given


def follow_bucket_beside_serving(settings: Settings, url: str, *, poll: float | None) -> None:
    """Start following ``url`` into ``settings.data_dir`` in a process of its own; return once the
    data dir has a generation to serve (from the bucket, or an earlier start's cache).

    A process rather than a thread of this one: the workers are forked from this process
    (``service/server.py``), and a sync in the middle of a download must not be copied into them.
    """
    from ingest.replication import BucketLocation, follow_bucket

    location = BucketLocation.parse(url)
    poll_every = poll_seconds(poll)
    if (settings.data_dir / WAREHOUSE_FILE).exists():
        raise IngestError(
            f"{settings.data_dir} holds a writer's warehouse; a replica keeps its own copy: give it "
            "another --data-dir (an empty folder will do)"
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    follower = context.Process(
        target=follow_bucket, args=(settings.data_dir, location.url, poll_every, ready), daemon=True
    )
    follower.start()
    started = time.monotonic()
    while not ready.wait(0.2):
        if not follower.is_alive():
            raise IngestError(
                f"following {location.url} stopped (exit {follower.exitcode}); see the log above"
            )
    print(
        f"replica of {location.url}: ready in {time.monotonic() - started:.1f} s, "
        f"checking every {poll_every:g} s",
        file=sys.stderr,
    )


def _publish_command(args: argparse.Namespace) -> int:
    url = args.to or os.environ.get(PUBLISH_TO_ENV)
    if not url:
        raise IngestError(f"where to? give --to {_URL} (or set {PUBLISH_TO_ENV})")
    _publish(settings_of(args), url, args.keep)
    return 0


def register(commands: Any, data_dir_parent: argparse.ArgumentParser) -> None:
    """Add ``publish`` to the CLI."""
    publish = commands.add_parser(
        "publish",
        parents=[data_dir_parent],
        help="upload the current generation to object storage for read replicas (serve --from)",
        description=(
            "Upload the current generation (sha256 checked by the replicas), its exports and manifest, "
            "then point CURRENT.json at it with a conditional write: if another writer moved the "
            "pointer meanwhile, nothing is pointed at and the command fails (exit 3). Older "
            "generations beyond --keep are deleted. S3 settings: AWS_ENDPOINT_URL, "
            "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION."
        ),
    )
    publish.add_argument("--to", metavar=_URL, help=f"where (env {PUBLISH_TO_ENV})")
    publish.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help=f"generations kept in the bucket, the current one included (default 3; env {PUBLISH_KEEP_ENV})",
    )
    publish.set_defaults(handler=_publish_command)
