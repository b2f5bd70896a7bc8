"""The CSV export: one file per record kind, and one per part of a record that is a list of mappings."""

from __future__ import annotations

from impactctl.exports import records
from impactctl.exports.formats import ExportOptions
from impactctl.exports.tables import to_csv
from impactctl.model import kinds
from impactctl.model.ledger import Ledger
from impactctl.report.privacy import Redactor


def files(ledger: Ledger, redactor: Redactor, options: ExportOptions) -> dict[str, str]:
    """`KIND.csv` for each record kind (privacy applied), then `indicators.csv`, `milestones.csv` and so on."""
    out = {}
    for kind in kinds.FOLDERS:
        columns = records.columns(kind, redactor)
        rows = [records.flat(records.as_dict(e, redactor), columns) for e in records.sorted_entries(ledger, kind, redactor)]
        out[f"{kind}.csv"] = to_csv(columns, rows)
    for name, rows in records.child_rows(ledger).items():
        out[f"{name}.csv"] = to_csv(records.CHILD_COLUMNS[name], rows)
    return out
