"""Render one value as the text to splice into a hand-written file: house-style YAML, re-indented to a column."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from impactctl.source import roundtrip

Indent = tuple[int, int, int]  # mapping step, sequence content, sequence dash offset (ruamel's indent())


def styled(value: Any) -> Any:
    """Plain Python data as the round-trip writer should store it; round-trip values are kept as they are."""
    if type(value) is dict:
        return roundtrip.to_yaml_value(value)
    if type(value) is list or type(value) is tuple:
        return CommentedSeq(styled(item) for item in value)
    if type(value) is str:
        return roundtrip.text_scalar(value)
    return value


def plain(value: Any) -> Any:
    """Data as the fast reader reads it back: dicts, lists, text, numbers, booleans, None; dates as ISO text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _dump_under_key(value: Any, indent: Indent) -> list[str]:
    """The lines of `k: value` in the given indentation, without their line ends."""
    document = CommentedMap()
    document["k"] = styled(value)
    return roundtrip.dump_text(document, indent).split("\n")[:-1]


def value_text(value: Any, column: int, indent: Indent) -> tuple[str, list[str]]:
    """What follows `key:` for `value`: the rest of the key's line (` 12`, ` |-`, or '' for a block collection)
    and the lines after it, already indented so that the value's block starts at `column`."""
    lines = _dump_under_key(value, indent)
    first = lines[0][len("k:"):]
    base = indent[2] if isinstance(value, (list, tuple)) else indent[0]
    return first, [_moved(line, base, column) for line in lines[1:]]


def pair_lines(key: str, value: Any, column: int, indent: Indent) -> list[str]:
    """The lines of `key: value` for a block mapping whose keys stand at `column`."""
    document = CommentedMap()
    document[key] = styled(value)
    return [(" " * column + line) if line else line for line in roundtrip.dump_text(document, indent).split("\n")[:-1]]


def item_lines(items: list[Any], dash_column: int, indent: Indent) -> list[str]:
    """The lines of block sequence items whose dashes stand at `dash_column`."""
    return [_moved(line, indent[2], dash_column) for line in _dump_under_key(list(items), indent)[1:]]


def flow_text(value: Any) -> str:
    """`value` on one line in flow style (`[a, b]`, `{x: 1}`), for a collection the author wrote that way."""
    lines = _dump_under_key(_flowed(styled(value)), roundtrip.HOUSE_INDENT)
    return "\n".join(lines)[len("k: "):]


def flow_items(items: list[Any]) -> str:
    """Items to add inside a flow sequence's brackets: `c, d`."""
    return flow_text(list(items))[1:-1]


def _flowed(value: Any) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap((key, _flowed(item)) for key, item in value.items())
        mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(_flowed(item) for item in value)
        seq.fa.set_flow_style()
        return seq
    return value


def _moved(line: str, base: int, column: int) -> str:
    """A rendered line whose block began at `base`, moved so that it begins at `column`."""
    if not line.strip():
        return line
    return " " * column + line[base:] if line[:base].strip() == "" else line
