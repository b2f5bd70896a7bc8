"""Records as plain data with stable field names, privacy applied: nested dicts (JSON) and flat rows (CSV).

Field names are the ledger format's own (README "Ledger format v1"); a flat row names a nested field with
a dot (`reach.count`) and joins a list with `;`, exactly as `impactctl import` reads them back.
"""

from __future__ import annotations

from typing import Any, Iterable

from impactctl.model.ledger import Entry, Ledger
from impactctl.report.privacy import Redactor

LIST_SEPARATOR = ";"

CONTACT_COLUMNS = ("contact.name", "contact.email", "contact.phone", "contact.address", "contact.note")

COLUMNS: dict[str, tuple[str, ...]] = {
    "stakeholders": ("id", "name", "type", "group", "description", "url", "consent_to_name",
                     "advisory.role", "advisory.since", "advisory.until"),
    "outcomes": ("id", "title", "area", "domain", "groups", "stakeholders", "owner", "statement", "rationale",
                 "due", "status", "status_date", "evidence", "tags"),
    "activities": ("id", "title", "type", "area", "start", "end", "lead", "description", "stakeholders", "outcomes",
                   "reach.audience", "reach.count", "reach.geography", "cost.amount", "cost.currency", "countries",
                   "form", "primary_audience"),
    "evidence": ("id", "title", "date", "type", "url", "file", "sha256", "outcomes", "activities", "corroborator",
                 "note"),
    "challenges": ("id", "text", "raised", "raised_by", "meeting", "kind", "outcomes", "activities", "owner", "due",
                   "status", "response.text", "response.date", "response.evidence"),
}

# Parts of a record that are lists of mappings get a table of their own in a CSV export.
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicators": ("outcome", "id", "name", "measure", "unit", "direction", "baseline.value", "baseline.date",
                   "target.value", "target.date"),
    "milestones": ("outcome", "indicator", "date", "value"),
    "measurements": ("outcome", "indicator", "date", "value", "evidence", "note"),
    "outputs": ("activity", "title", "url"),
}


def columns(kind: str, redactor: Redactor) -> tuple[str, ...]:
    """The CSV columns of a kind: contact columns only in the internal profile."""
    extra = CONTACT_COLUMNS if kind == "stakeholders" and not redactor.public else ()
    return COLUMNS[kind] + extra


def as_dict(entry: Entry, redactor: Redactor) -> dict[str, Any]:
    """The record as JSON-ready data: every field of its model, in the model's order (absent ones null)."""
    data = entry.record.model_dump(mode="json")
    if entry.kind == "stakeholders":
        return _stakeholder(entry, data, redactor)
    if "stakeholders" in data:
        data["stakeholders"] = [redactor.ref(s) for s in data["stakeholders"]]
    if entry.kind == "evidence":
        data["corroborator"] = redactor.ref(data["corroborator"])
    if entry.kind == "challenges":  # a person who raised it and may not be named is shown by a stand-in id
        data["raised_by"] = redactor.ref(data["raised_by"])
    return data


def _stakeholder(entry: Entry, data: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    record = entry.record
    data["id"] = redactor.ref(record.id)
    data["name"] = redactor.name(record)
    if redactor.hidden(record):
        data["description"] = data["url"] = None
    if redactor.public:
        data.pop("contact", None)
    return data


def flat(data: dict[str, Any], names: Iterable[str], separator: str = LIST_SEPARATOR) -> dict[str, str]:
    """One CSV row from a record's data: dotted names reach inside, lists are `;`-joined, null is empty."""
    row = {}
    for name in names:
        value: Any = data
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        row[name] = cell(value, separator)
    return row


def cell(value: Any, separator: str = LIST_SEPARATOR) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return separator.join(cell(item, separator) for item in value)
    return str(value)


def child_rows(ledger: Ledger) -> dict[str, list[dict[str, str]]]:
    """Indicators, milestones, measurements and activity outputs, one row each, keyed to their record."""
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in CHILD_COLUMNS}
    for entry in sorted(ledger.outcomes, key=lambda e: e.record.id):
        for indicator in entry.record.model_dump(mode="json")["indicators"]:
            ids = {"outcome": entry.record.id, "indicator": indicator["id"]}
            tables["indicators"].append(flat({**indicator, "outcome": entry.record.id}, CHILD_COLUMNS["indicators"]))
            for milestone in indicator["milestones"]:
                tables["milestones"].append(flat({**milestone, **ids}, CHILD_COLUMNS["milestones"]))
            for measurement in indicator["measurements"]:
                tables["measurements"].append(flat({**measurement, **ids}, CHILD_COLUMNS["measurements"]))
    for entry in sorted(ledger.activities, key=lambda e: e.record.id):
        for output in entry.record.model_dump(mode="json")["outputs"]:
            tables["outputs"].append(flat({**output, "activity": entry.record.id}, CHILD_COLUMNS["outputs"]))
    return tables


def sorted_entries(ledger: Ledger, kind: str, redactor: Redactor) -> list[Entry]:
    """Records of a kind by the id they are shown with."""
    return sorted(ledger.of_kind(kind), key=lambda e: redactor.ref(e.record.id) or "")
