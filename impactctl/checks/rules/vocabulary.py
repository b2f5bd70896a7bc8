"""vocabulary: areas, domains, stakeholder groups, activity and evidence types and challenge kinds come from ledger.yaml's vocabularies.

Passes (vocabularies.areas has `work`):   area: work
Fails:                                   area: workplace   (hint lists the allowed keys)
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Entry, Ledger
from impactctl.problems import Problem, Severity
from impactctl.suggest import closest, did_you_mean

ID = "vocabulary"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}

# (record kind, field) -> vocabulary name in ledger.yaml
FIELDS: dict[tuple[str, str], str] = {
    ("outcomes", "area"): "areas",
    ("outcomes", "domain"): "domains",
    ("outcomes", "groups"): "groups",
    ("activities", "type"): "activity_types",
    ("activities", "area"): "areas",
    ("stakeholders", "group"): "groups",
    ("evidence", "type"): "evidence_types",
    ("challenges", "kind"): "challenge_kinds",
}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    vocabularies = ledger.config.vocabularies
    for entry in ledger.checked():
        for (kind, field), name in FIELDS.items():
            if kind == entry.kind:
                yield from _check_field(entry, field, name, getattr(vocabularies, name))


def _check_field(entry: Entry, field: str, name: str, allowed: dict[str, str]) -> Iterator[Problem]:
    value = getattr(entry.record, field)
    values = [((field,), value)] if isinstance(value, str) else [((field, i), v) for i, v in enumerate(value)]
    for loc, key in values:
        if key not in allowed:
            hint = did_you_mean(closest(key, allowed)) or "use one of: " + ", ".join(allowed)
            yield finding(entry.path, loc, ID, f"`{key}` is not in the {name.replace('_', ' ')} vocabulary of ledger.yaml",
                          hint=hint + f" (or add `{key}` under vocabularies.{name} in ledger.yaml)")
