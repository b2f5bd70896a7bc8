"""The export use cases: validate, refuse a ledger with errors, render an export, write it atomically.

Formats: `json` (the whole ledger, one file), `csv` (one file per record kind, and per part of a record that
is a list of mappings), `researchfish` (one CSV per Researchfish section), `iati` (IATI 2.03 XML, one file),
`parquet` (one typed Parquet file per table, for a portfolio of ledgers); and the REF case study draft (`case_study`). Nothing is written when the ledger has errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impactctl import api
from impactctl.errors import UsageError
from impactctl.exports import case_study as ref
from impactctl.exports import iati, parquet, records, researchfish
from impactctl.report.privacy import PUBLIC, Redactor
from impactctl.exports.tables import to_csv, to_json
from impactctl.model import kinds
from impactctl.model.ledger import Ledger
from impactctl.problems import CheckResult
from impactctl.source import writer

FORMATS = ("json", "csv", "researchfish", "iati", "parquet")
FOLDER_FORMATS = ("csv", "researchfish", "parquet")
JSON_VERSION = 1


@dataclass
class ExportResult:
    """The files of an export (name -> text), or the validation result that stopped it."""

    check: CheckResult
    files: dict[str, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: list[ref.Count] = field(default_factory=list)  # case study only

    @property
    def refused(self) -> bool:
        return not self.files


def export(root: Path, format: str, output: Path | None = None, profile: str = PUBLIC,
           today: dt.date | None = None, iati_org: str | None = None) -> ExportResult:
    """Export the validated ledger. json and iati: one file at `output` (or returned, for stdout);
    csv and researchfish: one file per kind or section in the folder `output` (required)."""
    if format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    if format in FOLDER_FORMATS and output is None:
        raise UsageError(f"--format {format} writes several files: name a folder with --output")
    if format == "parquet":
        parquet.require()  # before validating: a missing extra is said at once
    ledger, result = api.check(root, today=today, need_ledger=True)
    if ledger is None or result.errors:
        return ExportResult(result)
    redactor = Redactor(ledger, profile)
    notes = []
    if format == "iati" and not iati_org:
        notes.append(f"no --iati-org given: the reporting organisation is {iati.PLACEHOLDER_ORG}; "
                     "set your IATI organisation identifier before publishing")
    if format == "parquet":
        written = parquet.write(ledger, redactor, output)
        return ExportResult(result, {p.name: p.as_posix() for p in written}, written)  # binary: paths only
    files = _render(ledger, format, redactor, iati_org)
    return ExportResult(result, files, _write(output, files, format in FOLDER_FORMATS), notes)


def _render(ledger: Ledger, format: str, redactor: Redactor, iati_org: str | None) -> dict[str, str]:
    if format == "json":
        return {"ledger.json": to_json(whole(ledger, redactor))}
    if format == "iati":
        return {"iati-activities.xml": iati.activities_xml(ledger, iati_org)}
    if format == "researchfish":
        return researchfish.sections(ledger)
    files = {}
    for kind in kinds.FOLDERS:
        columns = records.columns(kind, redactor)
        rows = [records.flat(records.as_dict(e, redactor), columns) for e in records.sorted_entries(ledger, kind, redactor)]
        files[f"{kind}.csv"] = to_csv(columns, rows)
    for name, rows in records.child_rows(ledger).items():
        files[f"{name}.csv"] = to_csv(records.CHILD_COLUMNS[name], rows)
    return files


def whole(ledger: Ledger, redactor: Redactor) -> dict[str, Any]:
    """The JSON export: version, profile, the centre, its vocabularies, then every record by kind."""
    config = ledger.config
    data: dict[str, Any] = {"version": JSON_VERSION, "profile": redactor.profile,
                            "centre": config.centre.model_dump(mode="json"),
                            "vocabularies": config.vocabularies.model_dump(mode="json")}
    for kind in kinds.FOLDERS:
        data[kind] = [records.as_dict(e, redactor) for e in records.sorted_entries(ledger, kind, redactor)]
    return data


def _write(output: Path | None, files: dict[str, str], folder: bool) -> list[Path]:
    if output is None:
        return []
    if not folder:
        writer.replace_file(output, next(iter(files.values())))
        return [output]
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output.as_posix()} is a file: name a folder")
    written = []
    for name, text in files.items():
        writer.replace_file(output / name, text)
        written.append(output / name)
    return written


def case_study(root: Path, outcome_ids: list[str], output: Path | None = None, profile: str = PUBLIC,
               today: dt.date | None = None) -> ExportResult:
    """A REF impact case study draft for the outcomes, with each section's size against REF's limit.

    The draft is written (or returned) even when a section is over its limit, so you can see what to cut.
    """
    ledger, result = api.check(root, today=today, need_ledger=True)
    if ledger is None or result.errors:
        return ExportResult(result)
    text = ref.draft(ledger, outcome_ids, Redactor(ledger, profile))
    written = _write(output, {"case-study.md": text}, folder=False)
    return ExportResult(result, {"case-study.md": text}, written, counts=ref.check(text))


def check_case_study(path: Path) -> list[ref.Count]:
    """Each section of a case study file (a draft you edited) against REF's limits."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path.as_posix()}: {exc}") from None
    return ref.check(text)
