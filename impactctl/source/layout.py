"""Where things are in a YAML file's text: the ends of values and lines, item dashes, the author's indentation."""

from __future__ import annotations

from typing import Iterator

import yaml

from impactctl.source.fragments import Indent
from impactctl.source.roundtrip import HOUSE_INDENT


class Layout:
    """One file's text (LF line ends, ending in a new line) and its node tree, read for splicing."""

    def __init__(self, text: str, root: yaml.Node) -> None:
        self.text = text
        self.indent = _detect_indent(root, self)

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_after(self, index: int) -> int:
        """The start of the line after the one holding `index` (past an end-of-line comment)."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def starts_line(self, index: int) -> bool:
        return not self.text[self.line_start(index):index].strip()

    def content_end(self, node: yaml.Node) -> int:
        """Just past the last character of `node`'s own text (block collections end where their last value
        does, not at the next token after any comments and blank lines)."""
        while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(last, tuple) else last
        end = node.end_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            while end > node.start_mark.index and self.text[end - 1] in " \n":
                end -= 1  # a block scalar's end mark is past its line break and any blank lines
        return end

    def dash_index(self, item: yaml.Node) -> int:
        """The `-` that introduces a block sequence item."""
        return self.text.rfind("-", 0, item.start_mark.index + (1 if self._is_bare_dash(item) else 0))

    def dash_column(self, item: yaml.Node) -> int:
        index = self.dash_index(item)
        return index - self.line_start(index)

    def _is_bare_dash(self, item: yaml.Node) -> bool:
        return isinstance(item, yaml.ScalarNode) and item.value == "" and item.start_mark.index == item.end_mark.index

    def before_value(self, index: int) -> int | None:
        """Just past the `:` or `-` that a value at `index` follows (None when a comment stands between)."""
        at = index
        while at > 0 and self.text[at - 1] in " \n":
            at -= 1
        return at if at > 0 and self.text[at - 1] in ":-" else None

    def apply(self, splices: list[tuple[int, int, str]]) -> str:
        """The text with every (start, end, new text) applied; at one place, earlier splices come first."""
        text = self.text
        ordered = sorted(((start, end, n, new) for n, (start, end, new) in enumerate(splices)), reverse=True)
        for start, end, _, new in ordered:
            text = text[:start] + new + text[end:]
        return text


def _detect_indent(root: yaml.Node, layout: Layout) -> Indent:
    """The author's own nesting, from the first nested block mapping and block sequence (else the house's)."""
    mapping, offset, gap = None, None, None
    for key, value in _block_pairs(root):
        if mapping is None and isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
            mapping = value.value[0][0].start_mark.column - key.start_mark.column
        if offset is None and isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            dash = layout.dash_column(value.value[0])
            offset, gap = dash - key.start_mark.column, value.value[0].start_mark.column - dash
        if mapping is not None and offset is not None:
            break
    house_mapping, house_sequence, house_offset = HOUSE_INDENT
    mapping = mapping if mapping and mapping > 0 else house_mapping
    if offset is None or offset < 0 or not gap or gap < 2:
        return mapping, house_sequence, house_offset
    return mapping, offset + gap, offset


def _block_pairs(node: yaml.Node) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Every (key, value) of the block mappings in the tree, outermost first."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.MappingNode) and not current.flow_style:
            for key, value in current.value:
                yield key, value
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode) and not current.flow_style:
            stack.extend(current.value)
