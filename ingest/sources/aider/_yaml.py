"""A typed, line-aware reading of Aider's leaderboard YAML (a list of benchmark runs).

PyYAML ships no type information, so it is confined to this module. The document is composed into
nodes first, so every run and every field keeps its line for error messages, and each scalar keeps
its text as written: YAML 1.1 turns ``commit_hash: 5318380`` into an integer and ``versions: 0.30``
into a float, while the leaderboard means the text.
"""

from __future__ import annotations

from typing import Any

import msgspec
import yaml

from ingest.sources._payload import FormatErrors

__all__ = (
    "FORMAT_NAME",
    "Field",
    "Run",
    "load_runs",
)

FORMAT_NAME = "aider-yaml"


class Field(msgspec.Struct, frozen=True, kw_only=True):
    """One ``key: value`` of a run."""

    value: object
    """The value as YAML types it (int, float, str, date, list...)."""
    text: str | None
    """The scalar exactly as written, ``None`` for a list or mapping."""
    line: int
    """1-based line of the key."""


class Run(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of the list: one benchmark run of one model with one edit format."""

    index: int
    """Position in the list (the ``12`` of ``$[12]``)."""
    line: int
    """1-based line where the entry starts."""
    fields: dict[str, Field]
    """The entry's keys in file order."""


# libyaml's loader when PyYAML was built with it (the wheels are): the same nodes, marks and
# errors, about four times faster on Aider's files.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_error = FormatErrors(FORMAT_NAME)
"""The ``ParseError``s of this format."""


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def load_runs(text: str, origin: str) -> list[Run]:
    """The runs of a leaderboard file; ``ParseError`` with a line for anything not a list of mappings."""
    loader: Any = _SafeLoader(text)
    try:
        try:
            root: Any = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            if mark is not None and mark.index >= len(text) and error.context_mark is not None:
                # a problem found at the end of the input: the construct being read is the place
                # (libyaml marks the end itself, past the last line)
                mark = error.context_mark
            location = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "document"
            raise _error(origin, location, f"invalid YAML: {error.problem or error}") from error
        except yaml.YAMLError as error:
            raise _error(origin, "document", f"invalid YAML: {error}") from error
        if not isinstance(root, yaml.SequenceNode):
            where = f"line {_line(root)}" if root is not None else "line 1"
            raise _error(origin, where, "expected a YAML list of benchmark runs (`- dirname: ...`)")
        return [_run(index, item, loader, origin) for index, item in enumerate(root.value)]
    finally:
        loader.dispose()


def _run(index: int, item: Any, loader: Any, origin: str) -> Run:
    if not isinstance(item, yaml.MappingNode):
        raise _error(origin, f"$[{index}] (line {_line(item)})", "expected a mapping of run fields")
    fields: dict[str, Field] = {}
    for key_node, value_node in item.value:
        key = str(key_node.value)
        line = _line(key_node)
        if key in fields:
            raise _error(origin, f"$[{index}].{key} (line {line})", f"`{key}` given twice in one run")
        try:
            value: object = loader.construct_object(value_node, deep=True)
        except yaml.YAMLError as error:
            raise _error(origin, f"$[{index}].{key} (line {line})", f"invalid value: {error}") from error
        text = str(value_node.value) if isinstance(value_node, yaml.ScalarNode) else None
        fields[key] = Field(value=value, text=text, line=line)
    return Run(index=index, line=_line(item), fields=fields)
