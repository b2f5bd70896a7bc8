"""The Parquet export: one typed table per kind of row, each row carrying its ledger's id (schema version 1).

Dates are dates, counts integers, values doubles (a measured value in words goes to `value_text`), lists
are lists of strings: files from many ledgers read as one dataset (`read_parquet('*/outcomes.parquet')`).
Privacy is the Redactor's, as in the JSON and CSV exports. pyarrow is an optional extra, imported here only.
The tables and their columns are declared in parquet_schema.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from slugify import slugify

from impactctl.errors import UsageError
from impactctl.exports import parquet_rows
from impactctl.exports.parquet_schema import CONTACT, SCHEMA, VERSION, B, D, F, I, L, S
from impactctl.model.ledger import Ledger
from impactctl.report.privacy import Redactor

INSTALL = "pip install 'impactctl[portfolio]'"


def ledger_id(ledger: Ledger) -> str:
    """The ledger's id in a portfolio: its centre's short name (else name) and grant, as a slug."""
    centre = ledger.config.centre
    return slugify(" ".join(p for p in (centre.short_name or centre.name, centre.grant) if p)) or "ledger"


def columns(table: str, redactor: Redactor) -> tuple[tuple[str, str], ...]:
    return SCHEMA[table] + (CONTACT if table == "stakeholders" and not redactor.public else ())


def tables(ledger: Ledger, redactor: Redactor, lid: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as plain Python values (dates as dates), privacy applied."""
    return parquet_rows.rows(ledger, redactor, lid or ledger_id(ledger), VERSION)


def write(ledger: Ledger, redactor: Redactor, folder: Path, lid: str | None = None) -> list[Path]:
    """Write one `<table>.parquet` per table into `folder`, each atomically; the paths written."""
    pa, pq = _pyarrow()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--output {folder.as_posix()} is a file: name a folder")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(ledger, redactor, lid).items():
        schema = pa.schema([(column, _type(pa, kind)) for column, kind in columns(name, redactor)])
        table = pa.Table.from_pylist(rows, schema=schema)
        path = folder / f"{name}.parquet"
        temp = folder / f".{name}.parquet.tmp"
        pq.write_table(table, temp)
        os.replace(temp, path)
        written.append(path)
    return written


def _type(pa: Any, kind: str) -> Any:
    return {S: pa.string(), D: pa.date32(), I: pa.int64(), F: pa.float64(), B: pa.bool_(),
            L: pa.list_(pa.string())}[kind]


def require() -> None:
    """Raise a UsageError naming the extra to install when pyarrow is missing."""
    _pyarrow()


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"the parquet export needs pyarrow: {INSTALL}") from None
    return pa, pq

