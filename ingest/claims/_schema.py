"""The JSON schema of claim files, generated from the Structs (committed as ``claims.schema.json``)."""

from __future__ import annotations

import msgspec

from ingest.claims._records import ClaimFile

__all__ = ("claims_json_schema",)


def claims_json_schema() -> str:
    """``seeds/claims/claims.schema.json`` as it must read: indented JSON, one trailing newline.

    Editors that understand JSON schema for TOML (e.g. Taplo's ``#:schema`` directive) can use it;
    a test fails when the committed file drifts from the Structs.
    """
    schema = msgspec.json.schema(ClaimFile)
    schema["title"] = "rankledger claim file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return msgspec.json.format(msgspec.json.encode(schema), indent=2).decode() + "\n"
