"""The data dir of a command: ``--data-dir``, the settings it gives, its published generation."""

from __future__ import annotations

import argparse
from pathlib import Path

from ingest.errors import IngestError
from ingest.warehouse import current_generation_path
from service.settings import Settings

__all__ = ("data_dir_parent", "open_generation", "settings_of")


def data_dir_parent() -> argparse.ArgumentParser:
    """The parent parser giving a command ``--data-dir``."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        help="warehouse, raw archive and published generations (env RANKLEDGER_DATA_DIR, default ./data)",
    )
    return parent


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings from the environment, with the command's ``--data-dir`` (if it has one) winning."""
    return Settings.from_env(data_dir=getattr(args, "data_dir", None))


def open_generation(settings: Settings) -> Path:
    """The published generation file to read; ``IngestError`` saying how to make one when none is."""
    generation = current_generation_path(settings.data_dir)
    if generation is None:
        raise IngestError(
            f"{settings.data_dir}: no published warehouse yet; run `rankledger serve` or import"
        )
    return generation
