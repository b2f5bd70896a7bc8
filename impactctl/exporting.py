"""The export use cases: validate, refuse a ledger with errors, render an export, write it atomically.

The formats (json, csv, researchfish, iati, parquet) are the table in impactctl.exports.formats; the REF case
study draft is `case_study`. Nothing is written when the ledger has errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from impactctl import api
from impactctl.errors import UsageError
from impactctl.exports import case_study as ref
from impactctl.exports import formats
from impactctl.report.privacy import PUBLIC, Redactor
from impactctl.problems import CheckResult
from impactctl.source import writer


@dataclass
class ExportResult:
    """The files of an export (name -> text) and where they were written; the check is the ledger's (warnings)."""

    check: CheckResult
    files: dict[str, str] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: list[ref.Count] = field(default_factory=list)  # case study only


def export(root: Path, format: str, output: Path | None = None, profile: str = PUBLIC,
           today: dt.date | None = None, iati_org: str | None = None) -> ExportResult | api.Refused:
    """Export the validated ledger in a format of impactctl.exports.formats: one file at `output` (or
    returned, for stdout), or for a folder format one file per table in the folder `output` (required).
    Refused, with nothing written, when the ledger has errors."""
    chosen = formats.get(format)
    if chosen.folder and output is None:
        raise UsageError(f"--format {format} writes several files: name a folder with --output")
    chosen.function("requires")()  # before validating: a missing extra is said at once
    valid = api.valid_ledger(root, today)
    if isinstance(valid, api.Refused):
        return valid
    ledger, result = valid.ledger, valid.check
    redactor = Redactor(ledger, profile)
    options = formats.ExportOptions(iati_org=iati_org)
    notes = chosen.function("notes")(options)
    if chosen.write is not None:
        written = chosen.function("write")(ledger, redactor, output)
        return ExportResult(result, {p.name: p.as_posix() for p in written}, written, notes)  # binary: paths only
    files = chosen.function("files")(ledger, redactor, options)
    return ExportResult(result, files, _write(output, files, chosen.folder), notes)


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
               today: dt.date | None = None) -> ExportResult | api.Refused:
    """A REF impact case study draft for the outcomes, with each section's size against REF's limit.

    The draft is written (or returned) even when a section is over its limit, so you can see what to cut;
    Refused, with nothing written, when the ledger has errors.
    """
    valid = api.valid_ledger(root, today)
    if isinstance(valid, api.Refused):
        return valid
    ledger, result = valid.ledger, valid.check
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
