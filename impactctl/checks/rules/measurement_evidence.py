"""measurement-evidence: each measurement cites the evidence it was taken from.

Passes:  measurements: [{date: 2026-03-31, value: 14, evidence: [parents-survey-q1]}]
Fails:   measurements: [{date: 2026-03-31, value: 14}]
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "measurement-evidence"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("outcomes"):
        for i, indicator in enumerate(entry.record.indicators):
            for m, measurement in enumerate(indicator.measurements):
                if not measurement.evidence:
                    yield finding(entry.path, ("indicators", i, "measurements", m), ID,
                                  f"the {measurement.date} measurement of `{indicator.id}` cites no evidence",
                                  hint="add `evidence: [ID]` naming where the figure comes from")
