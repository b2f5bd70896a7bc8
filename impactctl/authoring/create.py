"""New records: a record file written from fields (its id chosen, keys in the model's order), evidence with its file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from impactctl.authoring.edits import EditResult, _commit
from impactctl.authoring.ids import choose_id
from impactctl.errors import UsageError
from impactctl.model.records import KINDS, Indicator
from impactctl.source import attachments, roundtrip, writer
from impactctl.source.loader import RECORD_SUFFIX


def add_record(root: Path, kind: str, fields: dict[str, Any], dry_run: bool = False,
               today: dt.date | None = None) -> EditResult:
    """Create a new record file of `kind` from `fields`; the id comes from `fields['id']` or the title."""
    title = fields.get("title") or fields.get("name") or fields.get("text") or ""
    if dry_run:
        return _create(root, kind, fields, title, dry_run, today)
    with writer.ledger_lock(root):
        return _create(root, kind, fields, title, dry_run, today)


def _create(root: Path, kind: str, fields: dict[str, Any], title: str, dry_run: bool,
            today: dt.date | None) -> EditResult:
    record_id = choose_id(root, fields.get("id"), title)
    record = _ordered(kind, {**fields, "id": record_id})
    rel = f"{kind}/{record_id}{RECORD_SUFFIX}"
    text = roundtrip.dump_text(roundtrip.to_yaml_value(record))
    return _commit(root, rel, "", text, dry_run, today, create=True)


def _ordered(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields in the model's order, leaving out the ones not given."""
    order = list(KINDS[kind].model_fields)
    unknown = [key for key in fields if key not in order]
    if unknown:
        raise UsageError(f"{kind} records have no field {', '.join(unknown)}")
    ordered = {key: fields[key] for key in order if fields.get(key) not in (None, [], {}, "")}
    if "indicators" in ordered:
        indicator_order = list(Indicator.model_fields)
        ordered["indicators"] = [{k: item[k] for k in indicator_order if item.get(k) not in (None, [], {}, "")}
                                 for item in ordered["indicators"]]
    return ordered


def add_evidence(root: Path, fields: dict[str, Any], file: str | None = None, copy: bool = False,
                 dry_run: bool = False, today: dt.date | None = None, cwd: Path | None = None) -> EditResult:
    """Add a piece of evidence; its `file` is named from the ledger folder or the working folder, or with
    `copy` is copied into evidence/files/ from anywhere (and taken back if the record is refused)."""
    if not file:
        return add_record(root, "evidence", fields, dry_run, today)
    cwd = cwd or Path.cwd()
    if not copy:
        rel = attachments.locate(root, file, cwd)
        return add_record(root, "evidence", {**fields, "file": rel, "sha256": file_sha256(root, rel)}, dry_run, today)
    source = Path(cwd, file)
    if dry_run:  # nothing is copied: the record is checked as it will be, its file's check left to the copy
        rel, digest = f"{attachments.FILES_FOLDER}/{source.name}", _source_sha256(source)
        result = add_record(root, "evidence", {**fields, "file": rel, "sha256": digest}, True, today)
        result.refusal = result.refusal.without("evidence-file") if result.refusal else None
        return result
    rel, created = attachments.copy_in(root, source)
    try:
        result = add_record(root, "evidence", {**fields, "file": rel, "sha256": file_sha256(root, rel)}, False, today)
    except BaseException:
        if created:
            attachments.remove(root, rel)
        raise
    if result.refused and created:
        attachments.remove(root, rel)
    return result


def _source_sha256(source: Path) -> str:
    try:
        return attachments.sha256_of(source)
    except (OSError, ValueError):
        raise UsageError(f"no file {source} to copy") from None


def file_sha256(root: Path, name: str) -> str | None:
    """The sha256 of an evidence file inside the ledger; None when it is missing or outside the ledger
    (never read then: validation says which)."""
    digest = attachments.attachment_digest(root, name)
    return None if digest in (attachments.MISSING, attachments.OUTSIDE) else digest
