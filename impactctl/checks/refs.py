"""Where each record kind refers to other records: the one map reference rules and reports share."""

from __future__ import annotations

from typing import Iterator

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.records import Outcome


def references(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(loc, target kind, id) for every id this record refers to."""
    record = entry.record
    for field, kind in _FIELDS.get(entry.kind, ()):
        value = getattr(record, field)
        if isinstance(value, str):
            yield (field,), kind, value
        elif value:
            for index, target in enumerate(value):
                yield (field, index), kind, target
    if entry.kind == "outcomes":
        for i, indicator in enumerate(record.indicators):
            for m, measurement in enumerate(indicator.measurements):
                for e, target in enumerate(measurement.evidence):
                    yield ("indicators", i, "measurements", m, "evidence", e), "evidence", target
    if entry.kind == "challenges":
        if record.response is not None:
            for e, target in enumerate(record.response.evidence):
                yield ("response", "evidence", e), "evidence", target


_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "outcomes": (("stakeholders", "stakeholders"), ("evidence", "evidence")),
    "activities": (("stakeholders", "stakeholders"), ("outcomes", "outcomes")),
    "evidence": (("outcomes", "outcomes"), ("activities", "activities"), ("corroborator", "stakeholders")),
    "stakeholders": (),
    "challenges": (("meeting", "activities"), ("outcomes", "outcomes"), ("activities", "activities")),
}


def evidence_for(ledger: Ledger) -> dict[str, set[str]]:
    """Outcome id -> ids of the evidence that cites it or that it cites, measurements included."""
    cited: dict[str, set[str]] = {}
    for entry in ledger.evidence:
        for outcome in entry.record.outcomes:
            cited.setdefault(outcome, set()).add(entry.record.id)
    for entry in ledger.outcomes:
        cited.setdefault(entry.record.id, set()).update(own_evidence(entry.record))
    return cited


def own_evidence(outcome: Outcome) -> set[str]:
    """Ids of the evidence an outcome cites itself: under `evidence:` and in its measurements."""
    ids = set(outcome.evidence)
    for indicator in outcome.indicators:
        for measurement in indicator.measurements:
            ids.update(measurement.evidence)
    return ids
