"""The find use cases: one record with its links both ways (`show`), and the records of a kind, filtered (`list`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impactctl import api
from impactctl.errors import UsageError
from impactctl.exports import filters, links, records
from impactctl.model import kinds
from impactctl.report.privacy import PUBLIC, Redactor
from impactctl.problems import CheckResult
from impactctl.suggest import closest, did_you_mean


@dataclass
class Found:
    """What `show` or `list` found; `records` is empty when the ledger could not be read at all."""

    check: CheckResult
    kind: str = ""
    records: list[dict[str, Any]] = field(default_factory=list)  # as JSON data, privacy applied
    rows: list[dict[str, str]] = field(default_factory=list)  # the same records as flat CSV rows
    columns: tuple[str, ...] = ()
    links: list[dict[str, Any]] = field(default_factory=list)
    path: str | None = None

    @property
    def readable(self) -> bool:
        return bool(self.kind)


def show(root: Path, record_id: str, profile: str = PUBLIC, today: dt.date | None = None) -> Found:
    """One record (any kind, by id) and its links: outgoing (what it points at) and incoming (what points at it).

    Works on a ledger with errors (records that failed to load are missing); UsageError for an unknown id.
    """
    ledger, result = api.check(root, today=today)
    if ledger is None:
        return Found(result)
    redactor = Redactor(ledger, profile)
    entry = links.find(ledger, record_id, redactor)
    if entry is None:
        unread = [kind for kind, ids in ledger.unreadable.items() if record_id in ids]
        if unread:
            raise UsageError(f"the record {record_id!r} ({unread[0]}/{record_id}.yaml) has errors that stop it "
                             "being read; `impactctl validate` shows where")
        known = [redactor.ref(e.record.id) for e in ledger.entries]
        hint = did_you_mean(closest(record_id, known), quote=repr)
        raise UsageError(f"no record {record_id!r}" + (f" ({hint})" if hint else ""))
    data = records.as_dict(entry, redactor)
    columns = records.columns(entry.kind, redactor)
    path = None if redactor.aliased(entry.record.id) else entry.path
    return Found(result, entry.kind, [data], [records.flat(data, columns)], columns,
                 links.links(ledger, entry, redactor), path)


def list_records(root: Path, kind: str, selected: filters.Filters = filters.Filters(), profile: str = PUBLIC,
                 today: dt.date | None = None) -> Found:
    """The records of a kind that pass the filters, sorted by id, privacy applied.

    `kind` is outcomes, activities, stakeholders, evidence or challenges (or the singular); UsageError
    otherwise, or for a filter the kind lacks or a value the ledger's vocabularies do not know.
    """
    chosen = kinds.kind_of(kind)
    if chosen is None:
        raise UsageError(f"{kind!r} is not a record kind: use one of {', '.join(kinds.FOLDERS)}")
    ledger, result = api.check(root, today=today)
    if ledger is None:
        return Found(result)
    redactor = Redactor(ledger, profile)
    keep = {id(e) for e in filters.select(ledger, chosen, selected)}
    entries = [e for e in records.sorted_entries(ledger, chosen, redactor) if id(e) in keep]
    data = [records.as_dict(e, redactor) for e in entries]
    columns = records.columns(chosen, redactor)
    return Found(result, chosen, data, [records.flat(d, columns) for d in data], columns)
