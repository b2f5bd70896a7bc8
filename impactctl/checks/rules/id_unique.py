"""id-unique: every id is used by one record only, across all kinds; indicator ids are unique within their outcome.

Two records may not share an id even in different folders, because a reference
names an id, not a kind. (Ids are lowercase, so no two can differ only in case.)

Passes: outcomes/a.yaml `id: a` and evidence/b.yaml `id: b`
Fails:  outcomes/a.yaml `id: a` and evidence/a.yaml `id: a`
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Entry, Ledger
from impactctl.problems import Problem, Severity

ID = "id-unique"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    first: dict[str, Entry] = {}
    for entry in ledger.entries:  # ids are known without loading the records
        key = entry.id
        if key in first:
            other = first[key]
            if ledger.in_focus(entry.path):
                yield finding(entry.path, ("id",), ID, f"the id `{key}` is already used by {other.path}",
                              hint="choose another id and rename the file to match")
        else:
            first[key] = entry
    for entry in ledger.checked("outcomes"):
        seen: set[str] = set()
        for index, indicator in enumerate(entry.record.indicators):
            if indicator.id in seen:
                yield finding(entry.path, ("indicators", index, "id"), ID,
                              f"the indicator id `{indicator.id}` is used twice in this outcome",
                              hint="give each indicator of an outcome its own id")
            seen.add(indicator.id)
