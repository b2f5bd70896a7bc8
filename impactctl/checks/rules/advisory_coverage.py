"""advisory-coverage: the non-academic advisory group has a current member from every stakeholder group.

A current member is a stakeholder with `advisory:` who has joined (`since` is
today or earlier) and not left (`until` is empty or not yet past). While a
stakeholder file cannot be read (a YAML or schema error), this rule says nothing:
that stakeholder may be the member, and its own error is the message.

Passes:  a stakeholder with `group: employers` and `advisory: {role: member, since: 2024-01-01}`
Fails:   no current advisory member whose group is `employers`
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "advisory-coverage"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    if not ledger.in_focus("ledger.yaml") or not ledger.all_read("stakeholders"):
        return
    represented = {
        entry.record.group
        for entry in ledger.stakeholders
        if entry.record.advisory and _current(entry.record.advisory, ledger.today)
    }
    for group, label in ledger.config.vocabularies.groups.items():
        if group not in represented:
            yield finding("ledger.yaml", ("vocabularies", "groups", group), ID,
                          f"the advisory group has no current member from {label}",
                          hint=f"add `advisory: {{role: member, since: YYYY-MM-DD}}` to a stakeholder with `group: {group}`",
                          at_key=True)


def _current(advisory: Any, today: Any) -> bool:
    return advisory.since <= today and (advisory.until is None or advisory.until >= today)
