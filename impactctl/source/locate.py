"""Find the line and column of a path inside a YAML document, from libyaml's node tree."""

from __future__ import annotations

from typing import Sequence

import yaml


class Locator:
    """Positions inside one document. Each mapping's keys are indexed on first use, so locating every
    problem of a file (tens of thousands, for a hostile one) costs time in proportion to their number."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def find(self, loc: Sequence[str | int], at_key: bool = False) -> tuple[int, int]:
        """1-based position of `loc` in the document.

        Segments the document does not have (a pydantic union branch, a missing key)
        are skipped, so the position falls back to the deepest node that exists:
        the parent mapping for a missing key. `at_key` points at the key rather
        than its value (for unknown keys).
        """
        node, key_node = self.root, None
        for segment in loc:
            child, child_key = self._child(node, segment)
            if child is None:
                continue
            node, key_node = child, child_key
        target = key_node if at_key and key_node is not None else node
        return target.start_mark.line + 1, target.start_mark.column + 1

    def _child(self, node: yaml.Node, segment: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
        if isinstance(node, yaml.MappingNode) and isinstance(segment, str):
            keys = self._keys.get(id(node))
            if keys is None:  # the first of duplicate keys wins, as in the document
                keys = self._keys[id(node)] = {key.value: (value, key) for key, value in reversed(node.value)
                                               if isinstance(key, yaml.ScalarNode)}
            return keys.get(segment, (None, None))
        if isinstance(node, yaml.SequenceNode) and isinstance(segment, int) and 0 <= segment < len(node.value):
            return node.value[segment], None
        return None, None


def line_text(lines: Sequence[str], line: int) -> str:
    """The text of a 1-based line of a file split at "\\n", for the caret display."""
    return lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
