"""Import records from a CSV spreadsheet: one row per record, added or updated in place, all checked before any write.

A header row names the fields; a dotted header reaches inside (`reach.count`, `indicator.target`); list
fields take `;`-separated ids; an empty cell means "not given". A row whose record exists (by `id`, or
without one by its exact title) updates only the fields it gives, spliced into the file's own text (as
`set` does) so every other byte stays, so importing the same file twice changes nothing the second time.

The steps, one module each: `columns` (which columns a kind takes, how a cell is read), `csvfile` (the
file into rows), `plan` (rows matched to records, ids chosen), `texts` (the new and updated YAML texts),
`commit` (every change checked against the whole ledger, then written).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from impactctl import tables
from impactctl.api import MayBeRefused, Refused
from impactctl.importing.columns import INDICATOR_COLUMNS, LIST_SEPARATOR, cell_value, columns
from impactctl.importing.commit import check_changes, write_changes
from impactctl.importing.csvfile import Row, read_csv, row_fields
from impactctl.importing.plan import FileChange, plan_import
from impactctl.importing.texts import apply_fields, new_text, updated_text
from impactctl.model.kinds import CHOICES, FOLDERS
from impactctl.source import writer

__all__ = [
    "INDICATOR_COLUMNS", "LIST_SEPARATOR", "FileChange", "ImportResult", "Row", "apply_fields", "cell_value",
    "check_changes", "columns", "import_csv", "new_text", "plan_import", "read_csv", "row_fields",
    "updated_text", "write_changes",
]


@dataclasses.dataclass
class ImportResult(MayBeRefused):
    """Every file the import touches, its refusal (api.Refused: then nothing is written), and whether it wrote."""

    changes: list[FileChange]
    refusal: Refused | None = None
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)


def import_csv(root: Path, kind: str, csv_path: Path, dry_run: bool = False,
               today: dt.date | None = None) -> ImportResult:
    """Add or update one `kind` record per CSV row; check the whole ledger, then write every file or none."""
    if kind not in FOLDERS:
        raise tables.unknown("--kind", CHOICES, kind)
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
