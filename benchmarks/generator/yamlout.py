"""The generator's own YAML writer: scalars quoted only where YAML needs it, documents built line by line."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap

_PLAIN = re.compile(r"^[A-Za-z(][^\n\t]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def q(value: object) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
            and text.lower() not in _RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


class Doc:
    """A YAML document built line by line, block style, 2-space indentation."""

    def __init__(self, comment: str | None = None):
        self.lines: list[str] = [f"# {comment}"] if comment else []

    def kv(self, indent: int, key: str, value: object, first: bool = False) -> None:
        self.lines.append(self._key(indent, key, first) + " " + q(value))

    def text(self, indent: int, key: str, value: str, first: bool = False) -> None:
        """A long text as a folded block (`>-`), a short one as a scalar."""
        if len(value) <= 60:
            self.kv(indent, key, value, first)
            return
        self.lines.append(self._key(indent, key, first) + " >-")
        pad = " " * (indent + 2)
        self.lines.extend(pad + line for line in textwrap.wrap(value, 76 - indent))

    def seq(self, indent: int, key: str, items: list, first: bool = False) -> None:
        self.lines.append(self._key(indent, key, first))
        self.lines.extend(f"{' ' * (indent + 2)}- {q(item)}" for item in items)

    def key(self, indent: int, key: str, first: bool = False) -> None:
        self.lines.append(self._key(indent, key, first))

    def _key(self, indent: int, key: str, first: bool) -> str:
        # `first`: the key opens a list item, so the `- ` takes the last two columns of its indentation.
        return (" " * (indent - 2) + "- " if first else " " * indent) + key + ":"

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"
