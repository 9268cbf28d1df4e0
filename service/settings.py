"""Service settings, read from ``RANKLEDGER_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ("DEFAULT_SEEDS_DIR", "Settings", "default_workers")


def _bundled_seeds_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "_seeds"  # where the wheel puts seeds/ (pyproject.toml, force-include)
    return packaged if packaged.is_dir() else here.parent / "seeds"


DEFAULT_SEEDS_DIR = _bundled_seeds_dir()
"""The bundled ``seeds/``: inside the installed package (a wheel), else the checkout's folder."""


_TRUE = {"1", "true", "yes", "on"}


def default_workers() -> int:
    """One ``serve`` worker process per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Where the data lives and how the API answers."""

    data_dir: Path = Path("data")
    """Warehouse, raw archive and published generations (``RANKLEDGER_DATA_DIR``, default ``./data``)."""
    seeds_dir: Path = DEFAULT_SEEDS_DIR
    """Bundled real snapshots and metadata loaded on first start (``RANKLEDGER_SEEDS_DIR``)."""
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    """Origins allowed by CORS, comma-separated in ``RANKLEDGER_CORS_ORIGINS`` (empty: CORS off)."""
    cache_mb: int = 64
    """Memory per worker for whole responses of the current generation (``RANKLEDGER_CACHE_MB``; 0: off)."""
    duckdb_memory_mb: int = 128
    """Memory DuckDB may use per worker for the analytics queries (``RANKLEDGER_DUCKDB_MEMORY_MB``); it
    keeps pages it has read up to this much, so it bounds each worker's size too."""
    rate_limit: str = "120/minute,burst=30"
    """Per client and worker, on compare, consensus and filtered exports (``RANKLEDGER_RATE_LIMIT``:
    ``N/second|minute|hour[,burst=B]``, or ``off``); answers already cached are not counted."""
    trust_forwarded: bool = False
    """Take the client from ``X-Forwarded-For`` (behind a proxy you run; ``RANKLEDGER_TRUST_FORWARDED=1``)."""
    duckdb_threads: int = 1
    """Threads per DuckDB query (``RANKLEDGER_DUCKDB_THREADS``): one, as every core has its own worker."""
    webhooks_file: Path | None = None
    """Webhook subscriptions (TOML, see docs/changes.md; ``RANKLEDGER_WEBHOOKS_FILE``); none: no webhooks."""
    log_level: str = "INFO"
    """Level of the JSON logs on stderr (``RANKLEDGER_LOG_LEVEL``: DEBUG, INFO, WARNING...)."""
    access_log: bool = False
    """One JSON line per request (``RANKLEDGER_ACCESS_LOG=1``); probes and ``/metrics`` never."""
    stale_after_hours: float = 48.0
    """A live source without a successful fetch for this long is listed as stale by ``/healthz``
    (``RANKLEDGER_STALE_AFTER_HOURS``)."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from the environment, with explicit overrides (e.g. CLI flags) winning."""
        env = dict(os.environ if environ is None else environ)
        values: dict[str, object] = {}
        if "RANKLEDGER_DATA_DIR" in env:
            values["data_dir"] = Path(env["RANKLEDGER_DATA_DIR"])
        if "RANKLEDGER_SEEDS_DIR" in env:
            values["seeds_dir"] = Path(env["RANKLEDGER_SEEDS_DIR"])
        if env.get("RANKLEDGER_WEBHOOKS_FILE"):
            values["webhooks_file"] = Path(env["RANKLEDGER_WEBHOOKS_FILE"])
        if env.get("RANKLEDGER_LOG_LEVEL"):
            values["log_level"] = env["RANKLEDGER_LOG_LEVEL"].upper()
        if "RANKLEDGER_ACCESS_LOG" in env:
            values["access_log"] = env["RANKLEDGER_ACCESS_LOG"].strip().lower() in {"1", "true", "yes", "on"}
        if env.get("RANKLEDGER_STALE_AFTER_HOURS"):
            values["stale_after_hours"] = float(env["RANKLEDGER_STALE_AFTER_HOURS"])
        if "RANKLEDGER_RATE_LIMIT" in env:
            values["rate_limit"] = env["RANKLEDGER_RATE_LIMIT"]
        if "RANKLEDGER_TRUST_FORWARDED" in env:
            values["trust_forwarded"] = env["RANKLEDGER_TRUST_FORWARDED"].strip().lower() in {
                "1",
                "true",
                "yes",
            }
        if env.get("RANKLEDGER_CORS_ORIGINS"):
            values["cors_origins"] = tuple(o.strip() for o in env["RANKLEDGER_CORS_ORIGINS"].split(","))
        for name in ("cache_mb", "duckdb_memory_mb", "duckdb_threads"):
            if env.get(f"RANKLEDGER_{name.upper()}"):
                values[name] = int(env[f"RANKLEDGER_{name.upper()}"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("data_dir", "seeds_dir", "webhooks_file"):
            if key in values:
                values[key] = Path(str(values[key]))
        return cls(**values)  # type: ignore[arg-type]
