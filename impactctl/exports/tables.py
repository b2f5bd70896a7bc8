"""Serialise lists of records: JSON (a list of objects) and CSV (a header row, then one row per record)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Mapping, Sequence

# The columns `impactctl list` shows at a terminal; json and csv carry every field.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "outcomes": ("id", "title", "domain", "status", "due"),
    "activities": ("id", "title", "type", "start", "reach.count"),
    "stakeholders": ("id", "name", "type", "group", "advisory.role"),
    "evidence": ("id", "title", "date", "type"),
    "challenges": ("id", "raised", "kind", "status", "due", "owner"),
}

# Characters that make a spreadsheet read a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(data: Any) -> str:
    """Pretty, stable JSON: keys in their documented order, UTF-8 text kept as is, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], spreadsheet: bool = False) -> str:
    """CSV text with a header row (RFC 4180 quoting, CRLF line ends).

    `spreadsheet` prefixes text that a spreadsheet would run as a formula with `'` (for files made to be
    opened in Excel; data exports keep values exact).
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe(v) if spreadsheet else v for k, v in row.items()})
    return buffer.getvalue()


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
