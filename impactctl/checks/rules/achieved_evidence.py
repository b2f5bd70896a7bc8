"""achieved-evidence: an outcome marked `achieved` cites evidence that it was.

Evidence counts when the outcome lists it under `evidence:`, when a measurement
cites it, or when an evidence record lists the outcome under `outcomes:`. While
an evidence file cannot be read (a YAML or schema error), an outcome that cites
no evidence itself is not judged: that evidence may name the outcome, and its own
error is the message.

Passes:  status: achieved   evidence: [nhs-guidance-2026]
Fails:   status: achieved   (and no evidence anywhere names this outcome)
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.checks.refs import own_evidence
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "achieved-evidence"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    citing: set[str] | None = None  # outcomes some evidence record names; read only when needed
    for entry in ledger.checked("outcomes"):
        record = entry.record
        if record.status != "achieved" or own_evidence(record) or not ledger.all_read("evidence"):
            continue
        if citing is None:
            citing = {outcome for evidence in ledger.evidence for outcome in evidence.record.outcomes}
        if record.id not in citing:
            yield finding(entry.path, ("status",), ID, "the outcome is marked achieved but no evidence shows it",
                          hint="record the evidence (`impactctl add-evidence --outcome ...`) and cite it under `evidence:`")

