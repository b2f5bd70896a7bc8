"""The YAML text of a new record from a row, and of an existing record with the row's fields set in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impactctl.authoring import file_sha256, put_in_order
from impactctl.errors import UsageError
from impactctl.importing.columns import model_in
from impactctl.model.ids import slugify
from impactctl.model.records import KINDS, Indicator
from impactctl.source import roundtrip, splice


def new_text(root: Path, kind: str, record_id: str, fields: dict[str, Any]) -> str:
    """The YAML of a new record: fields in the model's order, the row's indicator completed."""
    data = {"id": record_id, **fields}
    indicator = data.pop("indicator", None)
    if indicator:
        data["indicators"] = [_new_indicator(indicator, data.get("due"))]
    if kind == "evidence" and data.get("file") and "sha256" not in data:
        data["sha256"] = file_sha256(root, str(data["file"]))
    return roundtrip.dump_text(roundtrip.to_yaml_value(_ordered(KINDS[kind], data)))


def _new_indicator(given: dict[str, Any], due: Any) -> dict[str, Any]:
    indicator = dict(given)
    if "id" not in indicator and isinstance(indicator.get("name"), str):
        indicator["id"] = slugify(indicator["name"], limit=40) or None
    if "target" in indicator and "date" not in indicator["target"] and due is not None:
        indicator["target"]["date"] = due  # as add-outcome does: the target is due with the outcome
    return indicator


def _ordered(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    """`data` with its keys (and its nested mappings' keys) in the model's order, empty values left out."""
    ordered = {}
    for key, field in model.model_fields.items():
        value = data.get(key)
        if value in (None, [], {}, ""):
            continue
        nested = model_in(field.annotation)
        if nested is not None and isinstance(value, dict):
            value = _ordered(nested, value)
        elif nested is not None and isinstance(value, list):
            value = [_ordered(nested, item) if isinstance(item, dict) else item for item in value]
        ordered[key] = value
    return ordered


def updated_text(root: Path, kind: str, rel: str, before: str, fields: dict[str, Any]) -> str:
    """The record's text with the row's fields set; `before` itself when every given value is already there."""
    try:
        document = roundtrip.load_text(before)
    except Exception as exc:  # ruamel raises many types on broken YAML; the user fixes the file first
        raise UsageError(f"{rel} cannot be updated until it is valid YAML ({type(exc).__name__}); "
                         "run `impactctl validate` to see where") from None
    if not hasattr(document, "insert"):
        raise UsageError(f"{rel} does not hold a mapping of fields; run `impactctl validate` to see why")
    indicator = fields.pop("indicator", None)
    if kind == "evidence" and fields.get("file") and "sha256" not in fields and fields["file"] != document.get("file"):
        fields["sha256"] = file_sha256(root, str(fields["file"]))
    changed = apply_fields(document, KINDS[kind], fields)
    if indicator:
        changed = _apply_indicator(document, indicator) or changed
    return splice.apply(before, document, rel) if changed else before


def apply_fields(mapping: Any, model: Any, fields: dict[str, Any]) -> bool:
    """Set each given field that differs (recursing into nested mappings); True when anything changed."""
    changed = False
    for key, value in fields.items():
        current = mapping.get(key)
        nested = model_in(model.model_fields[key].annotation) if key in model.model_fields else None
        if isinstance(value, dict) and hasattr(current, "insert") and nested is not None:
            changed = apply_fields(current, nested, value) or changed
        elif not _same(current, value):
            put_in_order(mapping, model, key, _ordered(nested, value) if isinstance(value, dict) and nested else value)
            changed = True
    return changed


def _apply_indicator(document: Any, given: dict[str, Any]) -> bool:
    indicators = document.get("indicators")
    existing = [item for item in indicators or [] if hasattr(item, "get")]
    if "id" in given:
        match = [item for item in existing if item.get("id") == given["id"]]
    elif len(existing) > 1:
        raise UsageError(f"the outcome has {len(existing)} indicators; say which with an `indicator.id` column")
    else:
        match = existing
    if match:
        return apply_fields(match[0], Indicator, {k: v for k, v in given.items() if k != "id"})
    new = roundtrip.to_yaml_value(_ordered(Indicator, _new_indicator(given, document.get("due"))))
    if indicators is None:
        put_in_order(document, KINDS["outcomes"], "indicators", [new])
    else:
        indicators.append(new)
    return True


def _same(old: Any, new: Any) -> bool:
    """Whether a value in the file already equals the row's (`True` is not `1`, `"12"` is not `12`)."""
    if isinstance(new, list):
        return isinstance(old, list) and len(old) == len(new) and all(map(_same, old, new))
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool) and old == new
    return isinstance(old, str) == isinstance(new, str) and old == new

