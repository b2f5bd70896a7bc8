"""reference-exists: every id a record refers to names an existing record of the right kind.

Passes: activities/x.yaml `outcomes: [parents-aware]` with outcomes/parents-aware.yaml present
Fails:  activities/x.yaml `outcomes: [parent-aware]`  (hint: did you mean `parents-aware`?)
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.checks.refs import references
from impactctl.model.ledger import Ledger
from impactctl.model.kinds import SINGULAR
from impactctl.problems import Problem, Severity
from impactctl.suggest import closest, did_you_mean

ID = "reference-exists"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    known = {kind: ledger.known_ids(kind) for kind in SINGULAR}
    suggesters: dict[str, _Suggester] = {}  # made only when some id is unknown
    for entry in ledger.checked():
        for loc, kind, target in references(entry):
            if target in known[kind]:
                continue
            if kind not in suggesters:
                suggesters[kind] = _Suggester(known[kind])
            yield finding(entry.path, loc, ID, f"no {SINGULAR[kind]} has the id `{target}`",
                          hint=_hint(target, kind, known, suggesters[kind]))


def _hint(target: str, kind: str, known: dict[str, set[str]], suggester: _Suggester) -> str:
    close = suggester.closest(target)
    if close:
        return did_you_mean(close)
    elsewhere = [k for k, ids in known.items() if target in ids]
    if elsewhere:
        return f"`{target}` is a{'n' if elsewhere[0][0] in 'aeiou' else ''} {SINGULAR[elsewhere[0]]}, not a{'n' if kind[0] in 'aeiou' else ''} {SINGULAR[kind]}"
    return f"add {kind}/{target}.yaml, or correct the id"


class _Suggester:
    """The known id closest to a mistyped one. difflib over every id takes 70 ms per unknown id in a ledger
    of 10,000 records, so only ids that share the first or the last six characters are compared (a typo
    leaves one end of an id as it was)."""

    END = 6

    def __init__(self, ids: set[str]) -> None:
        self.by_end: dict[tuple[str, str], list[str]] = defaultdict(list)
        for known in sorted(ids):
            self.by_end["<", known[:self.END]].append(known)
            self.by_end[">", known[-self.END:]].append(known)
        self.closest = functools.lru_cache(maxsize=None)(self._closest)

    def _closest(self, target: str) -> str | None:
        shortlist = {*self.by_end.get(("<", target[:self.END]), ()), *self.by_end.get((">", target[-self.END:]), ())}
        return closest(target, shortlist)
