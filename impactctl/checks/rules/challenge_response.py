"""challenge-response: an answered or declined challenge says how; a declined one gives its reason.

An answered challenge has a `response` (its text or its evidence); a declined one has a `response` whose
text is the reason, so the advisory group sees why the centre said no.

Passes:  status: declined   response: {text: "Outside the grant's scope.", date: 2026-07-01}
Fails:   status: declined   response: {date: 2026-07-01}
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "challenge-response"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("challenges"):
        record = entry.record
        response = record.response
        command = f"impactctl respond {record.id} --status {record.status} --text ..."
        if record.status == "answered" and (response is None or not (response.text or response.evidence)):
            yield finding(entry.path, ("response",) if response else ("status",), ID,
                          "the challenge is answered but its response says nothing",
                          hint=f"record the answer: {command}")
        elif record.status == "declined" and (response is None or not response.text):
            yield finding(entry.path, ("response",) if response else ("status",), ID,
                          "the challenge is declined without a reason",
                          hint=f"give the reason: {command}")
