"""One reading of YAML scalars: the writer's quoting, the fast reader, ruamel and command-line values agree."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import yaml
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from impactctl.source import fastyaml, roundtrip, scalars, text

TRICKY = [
    "0x1F", "-0x1f", "0o17", "017", "0b101", "0b2", "1e3", "1E3", "1e", ".5", "5.", "._5", "0x_", "+_1", "-_2_7",
    ".inf", "-.inf", "+.INF", ".nan", "-.NaN", "~", "null", "Null", "NULL", "true", "False", "TRUE",
    "yes", "no", "on", "off", "y", "N", "2026-13-01", "2026-01-31", "2026-1-31T10:00:00Z", "2026-01-31 is a day",
    "١٢", "+1", "-0", "1_000", "12:30", "1.2.3", "'0'", '"1"', "<<", "=", "#x", "a: b", "- x", "x:", "?",
    " padded", "padded ", "", "a\u2028b", "a\x85b", "bell\x07", "two\nlines\x07", "a\rb\nc", "tab\tinside",
    "9" * 1001, "word", "two words",
]


def written(value: str) -> str:
    """The file the writer makes of `k: value`."""
    return roundtrip.dump_text(roundtrip.to_yaml_value({"k": value}))


@pytest.mark.parametrize("value", TRICKY)
def test_written_text_reads_back_as_the_same_text(value):
    out = written(value)
    decoded, problems = text.decode("x.yaml", out.encode("utf-8"))
    assert problems == [] and decoded is not None, out
    data, _, problems = fastyaml.load("x.yaml", decoded)
    assert problems == [] and data == {"k": value}, out
    assert roundtrip.load_text(decoded)["k"] == value, out


@pytest.mark.parametrize("value", [v for v in TRICKY if "\n" not in v])
def test_text_resolving_to_anything_else_is_quoted(value):
    if scalars.kind(value) != scalars.STR:
        assert written(value).startswith(('k: "', "k: '")), value


def ruamel_kind(value: str) -> str:
    tag = str(VersionedResolver(version=(1, 2)).resolve(ScalarNode, value, (True, False)))
    suffix = tag.rsplit(":", 1)[-1]
    return {"timestamp": scalars.DATE, "merge": scalars.STR, "value": scalars.STR}.get(suffix, suffix)


@pytest.mark.parametrize("value", [v for v in TRICKY if v != "0x_"] + ["0o8", "0b", "+.5e3"])  # ruamel fails on 0x_
def test_kinds_are_ruamels_and_values_the_fast_readers(value):
    if not scalars.int_too_long(value):
        assert scalars.kind(value) == ruamel_kind(value)
    node, _ = fastyaml.compose("x.yaml", f"k: {value}\n")
    scalar = node.value[0][1] if isinstance(node, yaml.MappingNode) and len(node.value) == 1 else None
    if scalar is None or scalar.tag != fastyaml.PLAIN or scalar.value != value:
        assert scalars.kind(value) == scalars.STR  # what cannot be written plain is text
        return
    data, _, _ = fastyaml.load("x.yaml", f"k: {value}\n")
    resolved = scalars.resolve(value)
    assert data["k"] == resolved or (math.isnan(resolved) and math.isnan(data["k"]))


@pytest.mark.parametrize("value", [v for v in TRICKY if v.strip() == v and "\n" not in v])
def test_command_line_values_are_numbers_exactly_when_the_reader_reads_one(value):
    from impactctl.authoring import parse_value

    read = scalars.resolve(value)
    typed = parse_value(value)
    if isinstance(read, (int, float)) and not isinstance(read, bool) and math.isfinite(read):
        assert typed == read and type(typed) is type(read)
    elif scalars.kind(value) in (scalars.NULL, scalars.BOOL):
        assert typed is read  # `false` is false and `~` null, on the command line as in a file
    elif scalars.kind(value) == scalars.DATE and len(value) == 10 and value != "2026-13-01":
        assert typed == dt.date.fromisoformat(value)
    else:
        assert typed == value
