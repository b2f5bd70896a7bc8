"""Import records from a CSV spreadsheet: one row per record, added or updated in place, all checked before any write.

A header row names the fields; a dotted header reaches inside (`reach.count`, `indicator.target`); list
fields take `;`-separated ids; an empty cell means "not given". A row whose record exists (by `id`, or
without one by its exact title) updates only the fields it gives, through round-trip edits that keep
every other byte, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import io
import typing
from pathlib import Path
from typing import Any

from impactctl import api
from impactctl.authoring import choose_id, existing_ids, file_sha256, parse_value
from impactctl.errors import UsageError
from impactctl.model.ids import id_problem, slugify
from impactctl.model.records import KINDS, Indicator
from impactctl.problems import Problem, Severity
from impactctl.source import roundtrip, writer
from impactctl.source.loader import RECORD_SUFFIX, read_yaml

LIST_SEPARATOR = ";"
_TRUE, _FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}
# The one indicator a row may carry: column -> (path inside the indicator, how its cells are read).
INDICATOR_COLUMNS = {
    "id": (("id",), "text"), "name": (("name",), "text"), "measure": (("measure",), "text"),
    "unit": (("unit",), "text"), "direction": (("direction",), "text"),
    "baseline": (("baseline", "value"), "value"), "baseline_date": (("baseline", "date"), "date"),
    "target": (("target", "value"), "value"), "target_date": (("target", "date"), "date"),
}


@dataclasses.dataclass
class Row:
    """One record's row: the CSV line it starts on and its non-empty cells by column."""

    line: int
    cells: dict[str, str]


@dataclasses.dataclass
class FileChange:
    """What one row does to one record file: `added`, `updated` or `unchanged`, with both texts."""

    rel: str
    action: str
    before: str
    after: str
    line: int

    @property
    def diff(self) -> str:
        return writer.unified_diff(self.rel, self.before, self.after) if self.action != "unchanged" else ""


@dataclasses.dataclass
class ImportResult:
    """Every file the import touches, the errors that refused it (then nothing is written), and whether it wrote."""

    changes: list[FileChange]
    problems: list[Problem]
    written: bool = False

    @property
    def refused(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)


def import_csv(root: Path, kind: str, csv_path: Path, dry_run: bool = False,
               today: dt.date | None = None) -> ImportResult:
    """Add or update one `kind` record per CSV row; check the whole ledger, then write every file or none."""
    if kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}")
    if dry_run:
        return _run(root, kind, csv_path, True, today)
    with writer.ledger_lock(root):
        return _run(root, kind, csv_path, False, today)


def _run(root: Path, kind: str, csv_path: Path, dry_run: bool, today: dt.date | None) -> ImportResult:
    changes = plan_import(root, kind, csv_path)
    result = ImportResult(changes, check_changes(root, changes, today))
    if not result.refused and not dry_run:
        write_changes(root, changes)
        result.written = True
    return result


# --- columns ----------------------------------------------------------------------


def columns(kind: str) -> dict[str, tuple[tuple[str, ...], str]]:
    """Every column a `kind` CSV may have -> (path inside the record, how its cells are read)."""
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    for name, field in KINDS[kind].model_fields.items():
        nested = _model_in(field.annotation)
        if nested is None:
            found[name] = ((name,), _reading(field.annotation))
        elif typing.get_origin(field.annotation) is not list:
            for sub, subfield in nested.model_fields.items():
                found[f"{name}.{sub}"] = ((name, sub), _reading(subfield.annotation))
    if kind == "outcomes":
        found.update({f"indicator.{c}": (("indicator", *path), how) for c, (path, how) in INDICATOR_COLUMNS.items()})
    return found


def _model_in(annotation: Any) -> Any:
    """The record model inside a field's type (`Optional[Reach]`, `list[Indicator]`), else None."""
    if hasattr(annotation, "model_fields"):
        return annotation
    return next((m for m in map(_model_in, typing.get_args(annotation)) if m is not None), None)


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


# --- reading the CSV -----------------------------------------------------------


def read_csv(csv_path: Path, kind: str) -> list[Row]:
    """The rows of a CSV file whose header names `kind` columns; any fault is a UsageError naming its line."""
    reader = csv.reader(io.StringIO(_decode(csv_path), newline=""))
    try:
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
        if header is None:
            raise UsageError(f"{csv_path} is empty; its first row should name the columns")
        names = _header(csv_path, [cell.strip().lower() for cell in header], kind)
        return list(_rows(csv_path, reader, names))
    except csv.Error as exc:
        raise UsageError(f"{csv_path} line {reader.line_num}: not readable as CSV ({exc})") from None


def _decode(csv_path: Path) -> str:
    try:
        raw = csv_path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {csv_path}: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(f"{csv_path} line {line} is not UTF-8; save the sheet as \"CSV UTF-8\"") from None


def _header(csv_path: Path, names: list[str], kind: str) -> list[str]:
    known = columns(kind)
    for index, name in enumerate(names):
        if name and name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else f"; {kind} columns: {', '.join(known)}"
            if LIST_SEPARATOR in name and "," not in name:
                hint = "; the file seems to separate cells with `;`: save it as CSV with commas"
            raise UsageError(f"{csv_path}: unknown column `{name}` (column {index + 1}){hint}")
        if name and names.index(name) != index:
            raise UsageError(f"{csv_path}: the column `{name}` appears twice")
    return names


def _rows(csv_path: Path, reader: Any, names: list[str]) -> typing.Iterator[Row]:
    while True:
        start = reader.line_num + 1
        cells = next(reader, None)
        if cells is None:
            return
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and the empty rows spreadsheets leave at the end
        if len(cells) != len(names):
            raise UsageError(f"{csv_path} line {start}: {len(cells)} cells, but the header names {len(names)} "
                             "columns; quote cells that contain commas")
        given = {name: cell.strip().replace("\r\n", "\n") for name, cell in zip(names, cells) if cell.strip()}
        unnamed = [i + 1 for i, name in enumerate(names) if not name and cells[i].strip()]
        if unnamed:
            raise UsageError(f"{csv_path} line {start}: column {unnamed[0]} has a value but no name in the header")
        yield Row(start, given)


def row_fields(kind: str, row: Row) -> dict[str, Any]:
    """The row as nested record fields (`reach.count` -> {'reach': {'count': ...}})."""
    known = columns(kind)
    fields: dict[str, Any] = {}
    for name, text in row.cells.items():
        path, reading = known[name]
        target = fields
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = cell_value(text, reading)
    return fields


# --- planning ------------------------------------------------------------------


def plan_import(root: Path, kind: str, csv_path: Path) -> list[FileChange]:
    """What each row would do, in row order; nothing is written."""
    rows = read_csv(csv_path, kind)
    ids = existing_ids(root)
    titles = _titles(root, kind) if any("id" not in row.cells for row in rows) else {}
    claimed: dict[str, int] = {}
    changes = []
    for row in rows:
        try:
            changes.append(_plan_row(root, kind, row, ids, titles, claimed))
        except UsageError as exc:
            raise UsageError(f"{csv_path} line {row.line}: {exc}") from None
    return changes


def _plan_row(root: Path, kind: str, row: Row, ids: dict[str, str], titles: dict[str, list[str]],
              claimed: dict[str, int]) -> FileChange:
    fields = row_fields(kind, row)
    record_id, exists = _target(root, kind, fields, ids, titles, claimed)
    claimed[record_id] = row.line
    rel = f"{kind}/{record_id}{RECORD_SUFFIX}"
    fields.pop("id", None)
    if not exists:
        return FileChange(rel, "added", "", new_text(root, kind, record_id, fields), row.line)
    before = (root / rel).read_text(encoding="utf-8")
    after = updated_text(root, kind, rel, before, fields)
    return FileChange(rel, "updated" if after != before else "unchanged", before, after, row.line)


def _target(root: Path, kind: str, fields: dict[str, Any], ids: dict[str, str], titles: dict[str, list[str]],
            claimed: dict[str, int]) -> tuple[str, bool]:
    """The id the row is about and whether that record exists: by `id`, else by exact title, else a new slug."""
    wanted = fields.get("id")
    if wanted is not None:
        wanted = str(wanted)
        if id_problem(wanted):
            raise UsageError(f"the id `{wanted}` cannot be used: {id_problem(wanted)}")
        if wanted in ids and ids[wanted] != kind:
            raise UsageError(f"`{wanted}` is one of the {ids[wanted]}, not of the {kind}; "
                             f"import it with --kind {ids[wanted]} or give this row another id")
        _once(wanted, claimed)
        return wanted, wanted in ids
    label = fields.get(_title_key(kind))
    if not isinstance(label, str):
        raise UsageError(f"give the row an `id` or a `{_title_key(kind)}`")
    matches = titles.get(label, [])
    if len(matches) > 1:
        raise UsageError(f"{len(matches)} {kind} are called {label!r} ({', '.join(matches)}); give the row an `id`")
    if matches:
        _once(matches[0], claimed)
        return matches[0], True
    return _fresh_id(root, label, claimed), False


def _once(record_id: str, claimed: dict[str, int]) -> None:
    if record_id in claimed:
        raise UsageError(f"line {claimed[record_id]} is already about `{record_id}`; give each record one row")


def _fresh_id(root: Path, label: str, claimed: dict[str, int]) -> str:
    """A new id from the title, free on disk and among the ids this import has already given out."""
    first = choose_id(root, None, label)
    if first not in claimed:
        return first
    taken = set(existing_ids(root)) | set(claimed)
    base, n = slugify(label), 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _title_key(kind: str) -> str:
    return "title" if "title" in KINDS[kind].model_fields else "name"


def _titles(root: Path, kind: str) -> dict[str, list[str]]:
    """Title (or name) -> ids of the existing `kind` records, so a row without an id finds its record again."""
    found: dict[str, list[str]] = {}
    for record_id in sorted(i for i, k in existing_ids(root).items() if k == kind):
        data, _, _ = read_yaml(root, f"{kind}/{record_id}{RECORD_SUFFIX}")
        title = data.get(_title_key(kind)) if isinstance(data, dict) else None
        if isinstance(title, str):
            found.setdefault(title.strip(), []).append(record_id)
    return found


# --- building texts ------------------------------------------------------------


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
        nested = _model_in(field.annotation)
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
    return roundtrip.dump_text(document) if changed else before


def apply_fields(mapping: Any, model: Any, fields: dict[str, Any]) -> bool:
    """Set each given field that differs (recursing into nested mappings); True when anything changed."""
    changed = False
    for key, value in fields.items():
        current = mapping.get(key)
        nested = _model_in(model.model_fields[key].annotation) if key in model.model_fields else None
        if isinstance(value, dict) and hasattr(current, "insert") and nested is not None:
            changed = apply_fields(current, nested, value) or changed
        elif not _same(current, value):
            _put(mapping, model, key, _ordered(nested, value) if isinstance(value, dict) and nested else value)
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
        _put(document, KINDS["outcomes"], "indicators", [new])
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


def _put(mapping: Any, model: Any, key: str, value: Any) -> None:
    """Set `key`; a key the file lacks goes where the model orders it, not at the end."""
    new = roundtrip.to_yaml_value(value)
    current = mapping.get(key)
    if isinstance(new, list) and hasattr(current, "fa") and current.fa.flow_style():
        new.fa.set_flow_style()  # `groups: [a]` stays on one line
    if key in mapping:
        mapping[key] = new
        return
    order = list(model.model_fields)
    if key not in order:
        mapping[key] = new
        return
    earlier = [i for i, k in enumerate(mapping) if k in order and order.index(k) < order.index(key)]
    mapping.insert(earlier[-1] + 1 if earlier else 0, key, new)


# --- checking and writing --------------------------------------------------------


def check_changes(root: Path, changes: list[FileChange], today: dt.date | None = None) -> list[Problem]:
    """The errors the changed files would have, found by validating the whole ledger once with the new texts."""
    overrides = {change.rel: change.after for change in changes if change.action != "unchanged"}
    if not overrides:
        return []
    result = api.validate(root, today=today, overrides=overrides)
    paths = {f"{result.ledger}/{rel}" for rel in overrides}
    return [p for p in result.problems if p.path in paths and p.severity is Severity.ERROR]


def write_changes(root: Path, changes: list[FileChange]) -> None:
    """Write each added or updated file atomically (the caller holds the ledger lock).

    Every file is first checked to be as it was read, so an editor's save in between stops the import
    before its first write.
    """
    for change in changes:
        path = root / change.rel
        if change.action == "added" and path.exists():
            raise UsageError(f"{change.rel} was created by someone else meanwhile; nothing was written, run the import again")
        if change.action == "updated" and path.read_text(encoding="utf-8") != change.before:
            raise UsageError(f"{change.rel} changed on disk during the import; nothing was written, run the import again")
    for change in changes:
        if change.action == "added" and not writer.create_file(root / change.rel, change.after):
            raise UsageError(f"{change.rel} was created by someone else meanwhile; run the import again")
        if change.action == "updated":
            writer.replace_file(root / change.rel, change.after)
