"""reference-exists: every id a record refers to names an existing record of the right kind.

Passes: activities/x.yaml `outcomes: [parents-aware]` with outcomes/parents-aware.yaml present
Fails:  activities/x.yaml `outcomes: [parent-aware]`  (hint: did you mean `parents-aware`?)
"""

from __future__ import annotations

import difflib
from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.checks.refs import references
from impactctl.model.ledger import Ledger
from impactctl.model.records import SINGULAR
from impactctl.problems import Problem, Severity

ID = "reference-exists"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}



def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    known = {kind: ledger.known_ids(kind) for kind in SINGULAR}
    for entry in ledger.checked():
        for loc, kind, target in references(entry):
            if target in known[kind]:
                continue
            yield finding(entry.path, loc, ID, f"no {SINGULAR[kind]} has the id `{target}`",
                          hint=_hint(target, kind, known))


def _hint(target: str, kind: str, known: dict[str, set[str]]) -> str:
    close = difflib.get_close_matches(target, sorted(known[kind]), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    elsewhere = [k for k, ids in known.items() if target in ids]
    if elsewhere:
        return f"`{target}` is a{'n' if elsewhere[0][0] in 'aeiou' else ''} {SINGULAR[elsewhere[0]]}, not a{'n' if kind[0] in 'aeiou' else ''} {SINGULAR[kind]}"
    return f"add {kind}/{target}.yaml, or correct the id"
