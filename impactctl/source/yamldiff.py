"""Readable differences between two versions of one YAML document's data (plain dicts, lists and scalars).

Scalars read `status active → achieved`, prose `title changed`, lists by the items added or removed
(`+ stakeholders: mind`), lists of mappings item by item, paired by id (else date, title or name):
`indicator ind-x: +1 measurement`, `indicator ind-x: target 40 → 50`. Pure data to data: no parser, no I/O.
"""

from __future__ import annotations

from typing import Any

_PROSE = frozenset({"title", "name", "statement", "rationale", "description", "note", "audience"})
_SHORT = 40
_MISSING: Any = object()  # a key or item absent from one version


def describe(old: Any, new: Any) -> list[str]:
    """Readable differences between two versions of one YAML document."""
    return _diff("", "", old, new)


def _diff(prefix: str, path: str, old: Any, new: Any) -> list[str]:
    """`prefix` names the enclosing item (`indicator x: `); `path` the field within it (`target.date`)."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(new) + [k for k in old if k not in new]
        return [d for k in keys for d in _diff(prefix, _join(path, k), old.get(k, _MISSING), new.get(k, _MISSING))]
    if isinstance(old, list) or isinstance(new, list):
        if (old is _MISSING or isinstance(old, list)) and (new is _MISSING or isinstance(new, list)):
            return _diff_list(prefix, path, [] if old is _MISSING else old, [] if new is _MISSING else new)
    if old is _MISSING:
        return [f"{prefix}+ {path}" + ("" if _prose(path, new) else f": {_show(new)}")]
    if new is _MISSING:
        return [f"{prefix}- {path}"]
    if _prose(path, old) or _prose(path, new) or isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
        return [f"{prefix}{path} changed"]
    return [f"{prefix}{path} {_show(old)} → {_show(new)}"]


def _join(path: str, key: str) -> str:
    if key == "value" and path:
        return path  # `target 40 → 50`, not `target.value 40 → 50`
    return f"{path}.{key}" if path else str(key)


def _prose(path: str, value: Any) -> bool:
    last = path.rsplit(".", 1)[-1]
    return last in _PROSE or (isinstance(value, str) and (len(value) > _SHORT or "\n" in value))


def _show(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _diff_list(prefix: str, path: str, old: list, new: list) -> list[str]:
    if all(not isinstance(v, (dict, list)) for v in old + new):
        added = [_show(v) for v in new if v not in old]
        removed = [_show(v) for v in old if v not in new]
        out = [f"{prefix}{sign} {path}: {', '.join(items)}" for sign, items in (("+", added), ("-", removed)) if items]
        return out or [f"{prefix}{path} reordered"]
    return _diff_items(prefix, path, old, new)


def _singular(path: str) -> str:
    word = path.rsplit(".", 1)[-1]
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _identity(item: Any) -> Any:
    """What pairs an item with its other version: its id, else its date, title or name."""
    if isinstance(item, dict):
        for key in ("id", "date", "title", "name"):
            if isinstance(item.get(key), (str, int, float)):
                return (key, item[key])
    return None


def _diff_items(prefix: str, path: str, old: list, new: list) -> list[str]:
    """Lists of mappings: items paired by identity; unpaired ones counted (`+1 measurement`)."""
    removed = [v for v in old if v not in new]
    added = [v for v in new if v not in old]
    by_id = _unique_by_identity(removed), _unique_by_identity(added)
    out, singular = [], _singular(path)
    for ident in [i for i in by_id[1] if i in by_id[0]]:
        before, after = by_id[0][ident], by_id[1][ident]
        removed.remove(before)
        added.remove(after)
        out += _diff(f"{prefix}{singular} {ident[1]}: ", "", before, after)
    for sign, items in (("+", added), ("-", removed)):
        named = [i for i in items if _identity(i) and _identity(i)[0] == "id"]
        out += [f"{prefix}{sign} {singular} {_identity(i)[1]}" for i in named]
        count = len(items) - len(named)
        if count:
            out.append(f"{prefix}{sign}{count} {singular if count == 1 else path.rsplit('.', 1)[-1]}")
    return out


def _unique_by_identity(items: list) -> dict[Any, Any]:
    seen: dict[Any, list] = {}
    for item in items:
        seen.setdefault(_identity(item), []).append(item)
    return {k: v[0] for k, v in seen.items() if k is not None and len(v) == 1}
