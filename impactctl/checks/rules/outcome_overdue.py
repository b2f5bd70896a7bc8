"""outcome-overdue: an outcome whose due date has passed is no longer planned or active.

Passes:  due: 2026-03-31   status: achieved
Fails:   due: 2026-03-31   status: active     (today being later)
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "outcome-overdue"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("outcomes"):
        outcome = entry.record
        if outcome.due and outcome.due < ledger.today and outcome.status in ("planned", "active"):
            yield finding(entry.path, ("status",), ID, f"the outcome was due on {outcome.due} and is still {outcome.status}",
                          hint=f"set its status: impactctl set-status {outcome.id} achieved|missed|dropped, or move `due`")
