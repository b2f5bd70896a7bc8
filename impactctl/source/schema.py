"""Validate parsed data against a model and turn pydantic's errors into located Problems."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from impactctl.model.fields import keys_at
from impactctl.problems import Problem
from impactctl.source.limits import MAX_PROBLEMS_PER_FILE
from impactctl.source import value_hints
from impactctl.source.locate import Locator
from impactctl.suggest import closest, did_you_mean

M = TypeVar("M", bound=BaseModel)

_ID_HINT = "use lowercase letters, digits and hyphens (at most 63), starting with a letter or digit, e.g. `parents-survey-2026`"


def validate(path: str, model: type[M], data: Any, root: yaml.Node) -> tuple[M | None, list[Problem]]:
    """The validated record, or None and one Problem per error at its exact position."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        # include_input=False: never format user data an alias could have blown up.
        errors = exc.errors(include_url=False, include_input=False, include_context=True)
    problems: dict[tuple[int, int, str], Problem] = {}
    locator = Locator(root)
    for error in errors:
        problem = _problem(path, model, locator, error, data)
        problems.setdefault((problem.line, problem.column, problem.code), problem)
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            break  # no more are listed (positions.resolve says so); describing them all could take minutes
    return None, list(problems.values())


def _problem(path: str, model: type[BaseModel], locator: Locator, error: Any, data: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if len(loc) > 1 and loc[-2] == "value" and loc[-1] in _VALUE_BRANCHES:
        # An indicator's value (a number, or words) fits none of its kinds: one problem for the value, not
        # one per kind (they share a position, so only the first, "should be a number", would be kept).
        loc = loc[:-1]
        code, message, hint = "schema-type", f"`{_field_name(loc)}` should be a number, or words", \
            _value_kind_hint(_value_at(data, loc))
    else:
        field = _field_name(loc)
        code, message, hint = _describe(model, loc, kind, field, error)
        hint = _hint_from_value(loc, kind, message, _value_at(data, loc), error) or hint
    line, col = locator.find(loc, at_key=(kind == "extra_forbidden"))
    return Problem(path, line, col, code, message, hint=hint)


# The kinds an indicator's value may be (model.ids.Value), as pydantic names its union's members in a loc.
_VALUE_BRANCHES = ("int", "float", "constrained-str")


def _value_kind_hint(value: Any) -> str:
    """What to write instead of a value that is neither a number nor words."""
    if value is None:
        return 'an empty value, `~` or `null` means no value: write the figure, or words (quote "null" to mean the word)'
    if isinstance(value, bool):
        return 'true and false (and True, FALSE) mean yes and no: write the figure, or put words in quotes, e.g. "true"'
    return "write one figure, or one piece of text, not a list or a mapping"


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value the error is about, when the document has it (a union branch segment is skipped)."""
    for segment in loc:
        if isinstance(data, dict) and segment in data:
            data = data[segment]
        elif isinstance(data, list) and isinstance(segment, int) and 0 <= segment < len(data):
            data = data[segment]
        elif not isinstance(data, (dict, list)):
            return None
    return data


_POINTS = ("baseline", "target")
_POINT_LISTS = ("milestones",)


def _hint_from_value(loc: tuple[Any, ...], kind: str, message: str, value: Any, error: Any) -> str:
    """A hint that says what to type, for the values people most often write in another form."""
    if isinstance(value, (dict, list)) or value is None:
        return ""
    if kind == "value_error" and "YYYY-MM-DD" in message:
        return value_hints.date_hint(value)
    if kind in ("literal_error", "enum"):
        choices = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
        return value_hints.choice_hint(value, choices, _field_name(loc))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        names = [s for s in loc if isinstance(s, str)]
        if names and names[-1] in _POINTS:
            return value_hints.point_hint(names[-1], value)
        if names and names[-1] in _POINT_LISTS and isinstance(loc[-1], int):
            return value_hints.point_hint(None, value)
    return ""


def _field_name(loc: tuple[Any, ...]) -> str:
    """The nearest named key in a loc, e.g. `indicators[0].baseline.value`."""
    text = ""
    for segment in loc:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else str(segment))
    return text or "the record"


def _describe(model: type[BaseModel], loc: tuple[Any, ...], kind: str, field: str, error: Any) -> tuple[str, str, str]:
    ctx = error.get("ctx") or {}
    if kind == "missing":
        name = loc[-1]
        return "schema-missing", f"`{name}` is missing", f"add a line `{name}: ...` here"
    if kind == "extra_forbidden":
        return ("schema-unknown-key", f"unknown key `{loc[-1]}`", _did_you_mean(model, loc))
    if kind in ("literal_error", "enum"):
        choices = ctx.get("expected", "")
        return "schema-choice", f"`{field}` must be one of {choices}", "use one of the listed values exactly as written"
    if kind == "string_pattern_mismatch":
        return "schema-format", f"`{field}` is not in the expected form", _pattern_hint(loc, ctx.get("pattern", ""))
    if kind == "value_error":
        return "schema-format", f"`{field}` {_value_error_text(error)}", ""
    if kind in ("string_type", "string_too_short"):
        if kind == "string_too_short":
            return "schema-value", f"`{field}` is empty", "write some text, or remove the key"
        return "schema-type", f"`{field}` should be text", 'put the value in quotes, e.g. "..."'
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"):
        return "schema-type", f"`{field}` should be a number", "write digits only, without quotes or units"
    if kind == "bool_type":
        return "schema-type", f"`{field}` should be true or false", ""
    if kind in ("list_type", "tuple_type"):
        return "schema-type", f"`{field}` should be a list", "write each item on its own line starting with `- `, or use [a, b]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "schema-type", f"`{field}` should be a mapping of keys to values", "write `key: value` lines indented under it"
    if kind == "too_short":
        return "schema-value", f"`{field}` needs at least {ctx.get('min_length', 1)} item(s)", ""
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return "schema-value", f"`{field}`: {error['msg'].lower()}", ""
    return "schema-value", f"`{field}`: {error['msg']}", ""


def _value_error_text(error: Any) -> str:
    message = str(error.get("msg", ""))
    return message.removeprefix("Value error, ")


def _did_you_mean(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    known = keys_at(model, loc[:-1])
    if not known:
        return "remove this key"
    return did_you_mean(closest(str(loc[-1]), known)) or "allowed keys here: " + ", ".join(known)


def _pattern_hint(loc: tuple[Any, ...], pattern: str) -> str:
    name = next((s for s in reversed(loc) if isinstance(s, str)), "")
    if "a-z0-9" in pattern:
        return _ID_HINT
    if name in ("url",):
        return "write a full web address starting with https://"
    if name == "sha256":
        return "64 lowercase hexadecimal characters, as printed by `sha256sum`"
    if name in ("currency",):
        return "a three-letter ISO 4217 code such as GBP, EUR or USD"
    if "A-Z]{2}" in pattern:
        return "a two-letter ISO 3166 country code such as GB or ZA"
    return f"it must match {pattern}"
