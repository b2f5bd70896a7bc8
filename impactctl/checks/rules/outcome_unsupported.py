"""outcome-unsupported: some activity contributes to every outcome that is planned, active or achieved.

While an activity file cannot be read (a YAML or schema error), this rule says
nothing: that activity may be the one, and its own error is the message.

Passes:  activities/x.yaml with `outcomes: [parents-aware]`
Fails:   no activity lists `parents-aware` under `outcomes:`
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "outcome-unsupported"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    if not ledger.all_read("activities"):
        return
    pending = [entry for entry in ledger.checked("outcomes") if entry.record.status not in ("dropped", "missed")]
    supported = {outcome for entry in ledger.activities for outcome in entry.record.outcomes} if pending else set()
    for entry in pending:
        if entry.record.id in supported:
            continue
        yield finding(entry.path, ("id",), ID, "no activity contributes to this outcome",
                      hint=f"list `{entry.record.id}` under `outcomes:` of the activities that work towards it")
