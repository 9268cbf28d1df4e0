"""``rankledger openapi``: print the OpenAPI document generated from the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import msgspec

from service.settings import Settings

__all__ = ("register",)


def _openapi(args: argparse.Namespace) -> int:
    from service.app import create_app

    schema = create_app(Settings(data_dir=Path("data"))).openapi_schema.to_schema()
    text = msgspec.json.format(msgspec.json.encode(schema), indent=2).decode() + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


def register(commands: Any) -> None:
    """Add ``openapi`` to the top-level subcommands."""
    openapi = commands.add_parser("openapi", help="print the OpenAPI document generated from the app")
    openapi.add_argument("--out", default="-", help="file to write (default: standard output)")
    openapi.set_defaults(handler=_openapi)
