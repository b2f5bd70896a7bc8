"""milestone-missed: by a milestone's date, a measurement on or before it has reached the milestone's value.

"Reached" follows the indicator's direction: at least the value for `increase`,
at most for `decrease`. Qualitative milestones are not judged. Option
`grace_days` (default 0) waits that many days after the milestone.

Passes:  milestones: [{date: 2026-06-30, value: 20}]  measurements: [{date: 2026-06-15, value: 22}]
Fails:   milestones: [{date: 2026-06-30, value: 20}]  measurements: [{date: 2026-06-15, value: 17}]
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "milestone-missed"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"grace_days": 0}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    # Bounded so that a huge setting cannot overflow the date arithmetic.
    grace = dt.timedelta(days=max(0, min(options["grace_days"], 36_500)))
    for entry in ledger.checked("outcomes"):
        for i, indicator in enumerate(entry.record.indicators):
            if not indicator.quantitative:
                continue
            for m, milestone in enumerate(indicator.milestones):
                if milestone.date + grace >= ledger.today or isinstance(milestone.value, str):
                    continue
                if not any(_reached(indicator.direction, ms.value, milestone.value)
                           for ms in indicator.measurements if ms.date <= milestone.date):
                    yield finding(entry.path, ("indicators", i, "milestones", m), ID,
                                  f"indicator `{indicator.id}` had not reached {milestone.value} by {milestone.date}",
                                  hint="record the measurement that reached it, or review the plan for this outcome")


def _reached(direction: str, value: Any, goal: Any) -> bool:
    if isinstance(value, str):
        return False
    return value >= goal if direction == "increase" else value <= goal
