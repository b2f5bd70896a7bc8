"""challenge-overdue: a challenge still open (or in progress) after its due date has not been answered in time.

Passes:  due: 2026-09-30   status: answered
Fails:   due: 2026-09-30   status: open      (today being later)
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "challenge-overdue"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}

UNANSWERED = ("open", "in-progress")


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("challenges"):
        record = entry.record
        if record.due and record.due < ledger.today and record.status in UNANSWERED:
            days = (ledger.today - record.due).days
            yield finding(entry.path, ("status",), ID,
                          f"the challenge was due an answer on {record.due} ({days} days ago) and is still {record.status}",
                          hint=f"answer it: impactctl respond {record.id} --text ..., or agree a new `due` with the group")
