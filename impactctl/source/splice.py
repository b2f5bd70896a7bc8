"""Edit a YAML file's text in place so it reads as the intended data: changed values are replaced in their
spans, new keys and items are inserted beside their siblings in their indentation, and every other byte
(indentation, comments, quoting, flow collections, blank lines, line ends, a byte order mark) stays."""

from __future__ import annotations

import json
from typing import Any

import yaml

from impactctl.errors import ImpactctlError
from impactctl.source import fastyaml
from impactctl.source.fragments import Indent, flow_items, flow_text, item_lines, pair_lines, plain, value_text
from impactctl.source.layout import Layout


class SpliceRefused(ImpactctlError):
    """The edit could not be made by splicing; nothing is written."""


def apply(text: str, intended: Any, path: str = "the file") -> str:
    """`text` changed so that it reads as `intended` (round-trip or plain data), touching only what differs."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    crlf = "\r\n" in body and body.count("\r\n") == body.count("\n")
    body = body.replace("\r\n", "\n") if crlf else body
    final_newline = body.endswith("\n") or not body
    body = body if final_newline else body + "\n"
    node, problems = fastyaml.compose(path, body)
    if node is None or problems:
        raise SpliceRefused(f"{path} cannot be edited until it is valid YAML; run `impactctl validate` to see where")
    editor = _Editor(Layout(body, node))
    editor.value(node, intended, 0)
    result = editor.layout.apply(editor.splices)
    read_back, _, problems = fastyaml.load(path, result)
    if problems or canon(read_back) != canon(plain(intended)):
        raise SpliceRefused(f"{path}: this edit cannot be made without rewriting other parts of the file, so "
                            "nothing was written; make it in an editor instead")
    if not final_newline and result.endswith("\n"):
        result = result[:-1]
    return bom + (result.replace("\n", "\r\n") if crlf else result)


def canon(data: Any) -> str:
    """Data as one comparable text: key order counts, `1`, `1.0`, `true` and `"1"` all differ."""
    return json.dumps(data, ensure_ascii=False, default=str)


def _old(node: yaml.Node) -> Any:
    return fastyaml.Constructor("splice").build(node)


class _Editor:
    """Walks the file's node tree beside the intended data, collecting splices (start, end, new text)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.splices: list[tuple[int, int, str]] = []

    def value(self, node: yaml.Node, new: Any, column: int, key_column: int | None = None) -> None:
        """Make `node` read as `new`; `column` is where its block content would start if it became one;
        `key_column` is its key's column when it is a mapping's value."""
        if canon(_old(node)) == canon(plain(new)):
            return
        flow = getattr(node, "flow_style", False)
        if isinstance(node, yaml.MappingNode) and isinstance(new, dict) and node.value and new and not flow:
            self.mapping(node, new)
        elif isinstance(node, yaml.SequenceNode) and isinstance(new, (list, tuple)) and node.value and new and not flow:
            self.sequence(node, new, key_column)
        elif flow and not node.value and any(isinstance(item, (dict, list, tuple)) for item in new or ()):
            self.replace(node, new, column)  # an empty `[]` that receives records becomes a block list
        elif isinstance(node, yaml.SequenceNode) and isinstance(new, (list, tuple)) and flow:
            self.flow_sequence(node, list(new))
        elif flow:
            self.splices.append((node.start_mark.index, node.end_mark.index, flow_text(new)))
        else:
            self.replace(node, new, column)

    def replace(self, node: yaml.Node, new: Any, column: int) -> None:
        layout, start = self.layout, node.start_mark.index
        inline = isinstance(node, yaml.ScalarNode) or node.flow_style
        if not inline:
            column = node.start_mark.column  # a block collection's lines are where the new ones go
        first, rest = value_text(new, column, self.layout.indent)
        end = layout.content_end(node)
        if inline and not first:  # a scalar (or `[]`) becomes a block collection
            colon = layout.before_value(start)
            if colon is None:
                raise SpliceRefused("a value could not be found after its key")
            self.splices.append((colon, end, ""))
            at = layout.line_after(end)
            self.splices.append((at, at, "".join(line + "\n" for line in rest)))
        elif inline:
            self.splices.append((start, end, (first.lstrip(" ") + "".join("\n" + line for line in rest))))
        elif not first:  # a block collection replaced by another: its lines by the new lines
            self.splices.append((start, end, "\n".join(rest)[column:]))
        else:  # a block collection becomes a scalar or an empty `[]`
            after_colon = layout.before_value(start)
            scalar = first + "".join("\n" + line for line in rest)
            if after_colon is None:  # a comment after the key stays; the value goes on the next line
                after_colon, scalar = layout.line_start(start), " " * column + scalar.lstrip(" ")
            self.splices.append((after_colon, end, scalar))

    def mapping(self, node: yaml.MappingNode, new: dict) -> None:
        pairs = [(str(_old(k)), k, v) for k, v in node.value]
        keys = [key for key, _, _ in pairs]
        column = pairs[0][1].start_mark.column
        step = self.layout.indent[0]
        for index, (key, key_node, value_node) in enumerate(pairs):
            if key not in new:
                self.remove_pair(pairs, index)
            else:
                self.value(value_node, new[key], column + step, column)
        previous = None
        for key, value in new.items():
            if key in keys:
                previous = key
                continue
            lines = pair_lines(key, value, column, self.layout.indent)
            if previous is None:
                at = pairs[0][1].start_mark.index  # before the first key, on its line (after a `- `)
                self.splices.append((at, at, "\n".join(lines)[column:] + "\n" + " " * column))
            else:
                at = self.layout.line_after(self.layout.content_end(pairs[keys.index(previous)][2]))
                self.splices.append((at, at, "".join(line + "\n" for line in lines)))

    def remove_pair(self, pairs: list, index: int) -> None:
        layout = self.layout
        key_node, value_node = pairs[index][1], pairs[index][2]
        start, end = key_node.start_mark.index, layout.line_after(layout.content_end(value_node))
        if layout.starts_line(start):
            self.splices.append((layout.line_start(start), end, ""))
        elif index + 1 < len(pairs):  # the first key after a `- `: the next key takes its place
            self.splices.append((start, pairs[index + 1][1].start_mark.index, ""))
        else:
            raise SpliceRefused("removing the only field of a list item would leave it empty")

    def sequence(self, node: yaml.SequenceNode, new: list, key_column: int | None) -> None:
        items, layout = node.value, self.layout
        old = [canon(_old(item)) for item in items]
        wanted = [canon(plain(item)) for item in new]
        dash = layout.dash_column(items[0])
        if len(new) > len(items) and wanted[: len(items)] == old:  # appended items
            at = layout.line_after(layout.content_end(items[-1]))
            indent = self._item_indent(items[0], dash, key_column)
            self.splices.append((at, at, "".join(line + "\n" for line in item_lines(list(new[len(items):]), dash, indent))))
        elif len(new) == len(items):
            for item, value in zip(items, new):
                self.value(item, value, item.start_mark.column)
        elif len(new) < len(items) and old[: len(new)] == wanted:  # items removed from the end
            start = layout.line_start(layout.dash_index(items[len(new)]))
            self.splices.append((start, layout.line_after(layout.content_end(items[-1])), ""))
        else:
            start = layout.dash_index(items[0])
            lines = item_lines(list(new), dash, self._item_indent(items[0], dash, key_column))
            self.splices.append((start, layout.content_end(items[-1]), "\n".join(lines)[dash:]))

    def _item_indent(self, item: yaml.Node, dash: int, key_column: int | None) -> Indent:
        """The indentation for new items: their siblings' dash offset and gap (lists nested in them alike)."""
        mapping, _, offset = self.layout.indent
        if key_column is not None and dash >= key_column:
            offset = dash - key_column
        return (mapping, offset + item.start_mark.column - dash, offset)

    def flow_sequence(self, node: yaml.SequenceNode, new: list) -> None:
        items = node.value
        old = [canon(_old(item)) for item in items]
        if len(new) > len(items) and [canon(plain(item)) for item in new[: len(items)]] == old:
            added = flow_items(new[len(items):])
            if items:
                at = items[-1].end_mark.index
                self.splices.append((at, at, ", " + added))
            else:
                at = node.start_mark.index + 1
                self.splices.append((at, at, added))
            return
        self.splices.append((node.start_mark.index, node.end_mark.index, flow_text(new)))
