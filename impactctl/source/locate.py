"""Find the line and column of a path inside a YAML document, from libyaml's node tree."""

from __future__ import annotations

from typing import Sequence

import yaml


def find(root: yaml.Node, loc: Sequence[str | int], at_key: bool = False) -> tuple[int, int]:
    """1-based position of `loc` in the document.

    Segments the document does not have (a pydantic union branch, a missing key)
    are skipped, so the position falls back to the deepest node that exists:
    the parent mapping for a missing key. `at_key` points at the key rather
    than its value (for unknown keys).
    """
    node, key_node = root, None
    for segment in loc:
        child, child_key = _child(node, segment)
        if child is None:
            continue
        node, key_node = child, child_key
    target = key_node if at_key and key_node is not None else node
    return target.start_mark.line + 1, target.start_mark.column + 1


def _child(node: yaml.Node, segment: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode) and isinstance(segment, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == segment:
                return value, key
    if isinstance(node, yaml.SequenceNode) and isinstance(segment, int) and 0 <= segment < len(node.value):
        return node.value[segment], None
    return None, None


def line_text(text: str, line: int) -> str:
    """The text of a 1-based line, for the caret display."""
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
