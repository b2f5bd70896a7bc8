"""Which CSV columns each record kind takes, and how a cell's text becomes a ledger value."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

from impactctl.authoring import model_in, parse_value
from impactctl.model.records import KINDS

LIST_SEPARATOR = ";"
_TRUE, _FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}
# The one indicator a row may carry: column -> (path inside the indicator, how its cells are read).
INDICATOR_COLUMNS = {
    "id": (("id",), "text"), "name": (("name",), "text"), "measure": (("measure",), "text"),
    "unit": (("unit",), "text"), "direction": (("direction",), "text"),
    "baseline": (("baseline", "value"), "value"), "baseline_date": (("baseline", "date"), "date"),
    "target": (("target", "value"), "value"), "target_date": (("target", "date"), "date"),
}


def columns(kind: str) -> dict[str, tuple[tuple[str, ...], str]]:
    """Every column a `kind` CSV may have -> (path inside the record, how its cells are read)."""
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    for name, field in KINDS[kind].model_fields.items():
        nested = model_in(field.annotation)
        if nested is None:
            found[name] = ((name,), _reading(field.annotation))
        elif typing.get_origin(field.annotation) is not list:
            for sub, subfield in nested.model_fields.items():
                found[f"{name}.{sub}"] = ((name, sub), _reading(subfield.annotation))
    if kind == "outcomes":
        found.update({f"indicator.{c}": (("indicator", *path), how) for c, (path, how) in INDICATOR_COLUMNS.items()})
    return found


def _reading(annotation: Any) -> str:
    """How a cell becomes a value of this type: list, bool, date, text, or value (number, date or text)."""
    if typing.get_origin(annotation) is list:
        return "list"
    leaves = _leaf_types(annotation)
    if leaves <= {bool}:
        return "bool"
    if leaves <= {dt.date}:
        return "date"
    return "text" if leaves <= {str} else "value"


def _leaf_types(annotation: Any) -> set[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return {type(arg) for arg in typing.get_args(annotation)}
    if origin is typing.Annotated:
        return _leaf_types(typing.get_args(annotation)[0])
    if origin is None:
        return set() if annotation is type(None) else {annotation}
    return set().union(*(_leaf_types(arg) for arg in typing.get_args(annotation)))


def cell_value(text: str, reading: str) -> Any:
    """A cell as a ledger value: text stays text (a phone number keeps its leading zero)."""
    if reading == "list":
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    if reading == "bool" and text.casefold() in _TRUE | _FALSE:
        return text.casefold() in _TRUE
    return parse_value(text) if reading in ("date", "value") else text
