"""Where a key goes in a record's round-trip document: where the record's model orders it."""

from __future__ import annotations

import typing
from typing import Any

from impactctl.model.records import KINDS
from impactctl.source import roundtrip


def set_after(document: Any, key: str, value: Any, after: str) -> None:
    """Set `key`, placing it just after `after` when it is new (so the file reads in the model's order)."""
    if key in document or after not in document:
        document[key] = value
        return
    document.insert(list(document).index(after) + 1, key, value)


def model_in(annotation: Any) -> Any:
    """The record model inside a field's type (`Optional[Reach]`, `list[Indicator]`), else None."""
    if hasattr(annotation, "model_fields"):
        return annotation
    return next((m for m in map(model_in, typing.get_args(annotation)) if m is not None), None)


def model_at(kind: str, parts: list) -> Any:
    """The model of the mapping that holds the last part of a dotted path (None when it has none)."""
    model = KINDS[kind]
    for part in parts[:-1]:
        if isinstance(part, str) and model is not None:
            field = model.model_fields.get(part)
            model = model_in(field.annotation) if field else None
    return model


def put_in_order(mapping: Any, model: Any, key: str, value: Any) -> None:
    """Set `key`; a key the file lacks goes where the model orders it, not at the end; a list the author
    wrote in flow style (`groups: [a]`) stays in flow style."""
    new = roundtrip.to_yaml_value(value)
    current = mapping.get(key)
    if isinstance(new, list) and hasattr(current, "fa") and current.fa.flow_style():
        new.fa.set_flow_style()
    if key in mapping:
        mapping[key] = new
        return
    order = list(model.model_fields) if model is not None else []
    if key not in order:
        mapping[key] = new
        return
    earlier = [i for i, k in enumerate(mapping) if k in order and order.index(k) < order.index(key)]
    mapping.insert(earlier[-1] + 1 if earlier else 0, key, new)
