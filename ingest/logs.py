"""Structured logs: one JSON object per line on standard error, for the API and the ingest.

Every record under the ``rankledger`` logger becomes ``{"ts", "level", "logger", "event", ...}``
plus the fields passed with ``extra=`` and those bound for the current request or run with
``bind_log_context`` (the API's ``request_id``, the ingest's ``run_id`` and ``source``). Callers
log facts (URLs, statuses, counts, durations), never request or response bodies, never headers:
credentials live only in headers, so no log line can carry one.
"""

from __future__ import annotations

import contextvars
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TextIO

import msgspec

__all__ = ("LOGGER_NAME", "JsonFormatter", "bind_log_context", "configure_logging", "get_logger")

LOGGER_NAME = "rankledger"
"""Root of every logger the project writes to (``rankledger.api``, ``rankledger.ingest``...)."""

_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "rankledger_log_context", default=None
)
# Attributes every LogRecord has: anything else on a record came from ``extra=``.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
_encoder = msgspec.json.Encoder()


def _default(value: object) -> object:
    return str(value)


class JsonFormatter(logging.Formatter):
    """A record as one JSON line: time, level, logger, event, bound context and ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(_context.get() or {})
        line.update((k, v) for k, v in record.__dict__.items() if k not in _RECORD_ATTRIBUTES)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return msgspec.json.encode(line, enc_hook=_default).decode()


def get_logger(name: str) -> logging.Logger:
    """The logger ``rankledger.<name>``."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the given stream, or to whatever ``sys.stderr`` is at the time of each record."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self._fixed = stream

    @property
    def stream(self) -> TextIO:
        return self._fixed or sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # StreamHandler.__init__ sets it; the property decides


def configure_logging(level: str | int = "INFO", stream: TextIO | None = None) -> None:
    """Send ``rankledger.*`` records at ``level`` and above to ``stream`` (stderr) as JSON lines.

    Idempotent: calling it again replaces the handler (each API worker process calls it once).
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, _Handler):
            logger.removeHandler(handler)
    handler = _Handler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level.upper() if isinstance(level, str) else level)
    logger.propagate = False


@contextmanager
def bind_log_context(**fields: Any) -> Iterator[None]:
    """Add ``fields`` to every record logged inside the block (in this thread or task)."""
    token = _context.set({**(_context.get() or {}), **fields})
    try:
        yield
    finally:
        _context.reset(token)
