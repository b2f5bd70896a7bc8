"""What a plain YAML scalar means: the YAML 1.2 core schema, as the ledger's reader applies it, in one place.

One reading serves the fast reader (`fastyaml` builds values with it), the writer (`roundtrip` quotes the
text whose plain form would mean something else) and values typed on the command line (a number exactly
when the same text in a file would be one). The rules are YAML 1.2.2's core schema (section 10.3.2) with
ruamel.yaml's patterns, character for character, since ruamel does the editing and must read what the
validator reads:

- null: `~`, `null`, `Null`, `NULL` and the empty scalar;
- bool: `true`, `True`, `TRUE`, `false`, `False`, `FALSE` (`yes`, `no`, `on`, `off` are YAML 1.1's: text);
- int: `12`, `-3`, `0o17` (and ruamel's `017`), `0x1F`, `0b101`, with `_` between digits (`1_000`);
- float: `1.5`, `1e3`, `.5`, `.inf`, `-.Inf`, `.nan` (a signed `-.nan` is text);
- date: `2026-01-31`, or a timestamp `2026-1-31T10:00:00Z`: ruamel builds a date, the fast reader keeps the
  text for the models to check with a position (`2026-13-01` is a date-shaped mistake, not free text);
- everything else is text. Only ASCII digits are digits: `١٢` is text, though Python's `int()` takes it.
"""

from __future__ import annotations

import re
from typing import Any

NULL, BOOL, INT, FLOAT, DATE, STR = "null", "bool", "int", "float", "date", "str"

KEYWORDS: dict[str, Any] = {
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
NUMBER_START = frozenset("0123456789+-.")  # a number's first character: other text skips the patterns
INT_PATTERN = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
FLOAT_PATTERN = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
DATE_PATTERN = re.compile(
    r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$"
)
MAX_INT_DIGITS = 1000  # a longer integer is not read (int() of it is slow): the reader reports it
# Characters a ledger file may not hold raw (source/text.py refuses the file), the carriage return (a line
# end, in a block) and what libyaml takes for a line break (NEL, U+2028, U+2029): text holding one is
# written in double quotes, where each is an escape (`\r`, `\L`), never plain or as a block.
ESCAPED_ONLY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")

# Text the writer quotes beyond the rules above, so that YAML 1.1 readers and people read it as text too:
# 1.1's booleans, anything shaped like a number (`12:30` is 750 in YAML 1.1, `1.2.3` a version), date-like
# prefixes, and the merge and value keys.
_OTHER_READERS = re.compile(
    r"""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    |[-+]?[0-9][0-9_:.eE+-]*|[-+]?\.[0-9].*|\.(?:inf|Inf|INF|nan|NaN|NAN)|[-+]?0[xob].*
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|<<|=)$""",
    re.VERBOSE,
)


def int_value(digits: str) -> int | None:
    """An integer plain scalar with its underscores removed, read in its base (0b, 0o, 0x or 10)."""
    sign = -1 if digits.startswith("-") else 1
    body = digits.lstrip("+-")
    base = {"0o": 8, "0x": 16, "0b": 2}.get(body[:2], 10)
    try:
        return sign * int(body[2:] if base != 10 else body, base)
    except ValueError:  # "0x_": digits only in underscores; ruamel fails here, we read it as text
        return None


def float_value(text: str) -> float | str:
    """A float plain scalar's value (the text itself for `._`, digits only in underscores)."""
    lowered = text.lower().replace("_", "")
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    try:
        return float(lowered)
    except ValueError:
        return text


def int_too_long(text: str) -> bool:
    """An integer scalar of more than MAX_INT_DIGITS characters: left as text, and reported by the reader."""
    return INT_PATTERN.match(text) is not None and len(text.replace("_", "")) > MAX_INT_DIGITS


def plain_number(text: str) -> int | float | None:
    """The number a plain scalar means (`0x1F` is 31, `1_000` is 1000, `١٢` is text), or None."""
    if not text or text[0] not in NUMBER_START:
        return None
    if INT_PATTERN.match(text):
        digits = text.replace("_", "")
        return int_value(digits) if len(digits) <= MAX_INT_DIGITS else None
    if FLOAT_PATTERN.match(text):
        value = float_value(text)
        return value if isinstance(value, float) else None
    return None


def resolve(text: str) -> Any:
    """What the fast reader makes of a plain scalar: None, a bool, an int, a float, or the text (dates too)."""
    if text in KEYWORDS:
        return KEYWORDS[text]
    number = plain_number(text)
    return text if number is None else number


def kind(text: str) -> str:
    """Which of the core schema's types a plain scalar resolves to: NULL, BOOL, INT, FLOAT, DATE or STR."""
    value = resolve(text)
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOL
    if not isinstance(value, str):
        return INT if isinstance(value, int) else FLOAT
    return DATE if DATE_PATTERN.match(text) else STR


def needs_quotes(text: str) -> bool:
    """Whether the writer must double-quote this text: written plain, it would resolve to something else
    (here, in ruamel or in a YAML 1.1 reader), or it cannot be plain (empty, spaces at an end, a control
    character or a line break other than `\\n`). Other text that cannot be plain (`#x`, `a: b`, `- x`) is
    quoted by ruamel's emitter, which checks that itself."""
    return (kind(text) != STR or _OTHER_READERS.match(text) is not None or text != text.strip()
            or ESCAPED_ONLY.search(text) is not None)
