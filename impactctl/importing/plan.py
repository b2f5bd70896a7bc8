"""Planning an import: each row matched to its existing record or given a new id, with the file text it would write."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from impactctl.authoring import choose_id, existing_ids, read_text_exactly
from impactctl.errors import UsageError
from impactctl.importing.csvfile import Row, read_csv, row_fields
from impactctl.importing.texts import new_text, updated_text
from impactctl.model.ids import id_problem, slugify
from impactctl.model.records import KINDS
from impactctl.source import writer
from impactctl.source.loader import RECORD_SUFFIX, read_yaml


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
    before = read_text_exactly(root / rel)
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
    fields = KINDS[kind].model_fields
    return "title" if "title" in fields else "name" if "name" in fields else "text"  # a challenge is its text


def _titles(root: Path, kind: str) -> dict[str, list[str]]:
    """Title (or name) -> ids of the existing `kind` records, so a row without an id finds its record again."""
    found: dict[str, list[str]] = {}
    for record_id in sorted(i for i, k in existing_ids(root).items() if k == kind):
        data, _, _ = read_yaml(root, f"{kind}/{record_id}{RECORD_SUFFIX}")
        title = data.get(_title_key(kind)) if isinstance(data, dict) else None
        if isinstance(title, str):
            found.setdefault(title.strip(), []).append(record_id)
    return found
