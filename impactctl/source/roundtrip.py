"""The one place that builds ruamel.yaml round-trip readers and writers, in the house style."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from impactctl.source import scalars


class UnreadDate(str):
    """A date-like scalar that is no day in the calendar (`2027-11-31`): kept as the text it was, so that a
    record holding one can still be edited (to correct it, say) and is written back byte for byte;
    validation reports it."""


class _Constructor(RoundTripConstructor):
    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:  # ruamel raises a bare ValueError (no position) on impossible days
            return UnreadDate(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Representer(RoundTripRepresenter):
    def represent_unread_date(self, data: UnreadDate) -> Any:
        # As a timestamp, the text resolves to its own tag and is written plain, as it was read.
        return self.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


_Representer.add_representer(UnreadDate, _Representer.represent_unread_date)


HOUSE_INDENT = (2, 4, 2)  # mapping, sequence, offset: `key:\n  - item` with nested keys 2 deeper


def make_yaml(indent: tuple[int, int, int] = HOUSE_INDENT) -> YAML:
    """A round-trip reader/writer: comments, key order and quotes survive; the house indentation (or the
    one given, so that a value spliced into a hand-written file nests as its neighbours do)."""
    yaml = YAML(typ="rt")
    yaml.Constructor, yaml.Representer = _Constructor, _Representer
    yaml.preserve_quotes = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 4096
    yaml.allow_duplicate_keys = False
    # Never write anchors and aliases for repeated values (a date used twice): each value is written out.
    yaml.representer.ignore_aliases = lambda data: True
    return yaml


def load_text(text: str) -> Any:
    """The round-trip document of a file's text (raises on text that is not YAML)."""
    return make_yaml().load(text)


def dump_text(document: Any, indent: tuple[int, int, int] = HOUSE_INDENT) -> str:
    stream = io.StringIO()
    make_yaml(indent).dump(document, stream)
    return stream.getvalue()


def to_yaml_value(value: Any) -> Any:
    """A Python value as the writer should store it, so every YAML reader reads it back the same."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = to_yaml_value(item)
        return mapping
    if isinstance(value, (list, tuple)):
        return CommentedSeq(to_yaml_value(item) for item in value)
    if isinstance(value, str):
        return text_scalar(value)
    if isinstance(value, dt.date):
        return value
    return value


def text_scalar(value: str) -> Any:
    """Quote text a YAML reader could take for a number, boolean, null or date (scalars.needs_quotes); keep
    long text readable."""
    if "\n" in value and not scalars.ESCAPED_ONLY.search(value):
        return LiteralScalarString(value)
    if scalars.needs_quotes(value):
        return DoubleQuotedScalarString(value)
    return value
