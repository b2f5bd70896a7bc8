"""A record's links both ways, for `impactctl show`: what it points at, and which records point at it."""

from __future__ import annotations

from typing import Any

from impactctl.checks.refs import references
from impactctl.report.privacy import Redactor
from impactctl.model.ledger import Entry, Ledger

OUTGOING, INCOMING = "outgoing", "incoming"


def find(ledger: Ledger, shown_id: str, redactor: Redactor) -> Entry | None:
    """The record with this id (or this stand-in id), of any kind."""
    record_id = redactor.real(shown_id)
    return next((e for e in ledger.entries if e.record.id == record_id), None)


def links(ledger: Ledger, entry: Entry, redactor: Redactor) -> list[dict[str, Any]]:
    """Every link of the record: {direction, field, kind, id, title, exists}, outgoing first, then incoming.

    `kind`, `id` and `title` name the other record; `field` is the field of the pointing record (this one
    for outgoing links, the other for incoming) that makes the link.
    """
    found: list[dict[str, Any]] = []
    for loc, kind, target in references(entry):
        found.append(_link(ledger, OUTGOING, _field(loc), kind, target, redactor))
    me = entry.record.id
    for other in ledger.entries:
        if other is entry:
            continue
        for loc, kind, target in references(other):
            if target == me and kind == entry.kind:
                found.append(_link(ledger, INCOMING, _field(loc), other.kind, other.record.id, redactor))
    unique = {tuple(link.values()): link for link in found}
    return sorted(unique.values(), key=lambda l: (l["direction"] != OUTGOING, l["kind"], l["id"], l["field"]))


def _field(loc: tuple) -> str:
    """The field of the pointing record that makes the link (`outcomes`, `indicators.measurements.evidence`)."""
    return ".".join(str(part) for part in loc if not isinstance(part, int))


def _link(ledger: Ledger, direction: str, field: str, kind: str, record_id: str, redactor: Redactor) -> dict[str, Any]:
    target = ledger.index(kind).get(record_id)
    return {"direction": direction, "field": field, "kind": kind, "id": redactor.ref(record_id),
            "title": title(target, redactor) if target else "", "exists": target is not None}


def title(entry: Entry, redactor: Redactor) -> str:
    """How a record is named: its title, or a stakeholder's name as the profile allows."""
    if entry.kind == "stakeholders":
        return redactor.name(entry.record)
    if entry.kind == "challenges":  # a challenge has no title: its text, on one line
        return " ".join(entry.record.text.split())
    return entry.record.title
