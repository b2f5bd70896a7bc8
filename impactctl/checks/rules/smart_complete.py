"""smart-complete: an outcome is SMART: it has a due date and at least one indicator, and each quantitative indicator has a unit, a baseline and a target.

Passes:  due: 2027-12-31, indicators: [{id: reach, name: ..., measure: count, unit: people,
         baseline: {value: 0, date: 2025-01-01}, target: {value: 500, date: 2027-12-31}}]
Fails:   an outcome with `indicators: []`, or a count indicator without `target`
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "smart-complete"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("outcomes"):
        outcome = entry.record
        if outcome.due is None:
            yield finding(entry.path, (), ID, "the outcome has no `due` date (SMART outcomes are time-bound)",
                          hint="add `due: YYYY-MM-DD`")
        if not outcome.indicators:
            yield finding(entry.path, ("indicators",) if "indicators" in outcome.model_fields_set else (), ID,
                          "the outcome has no indicator (SMART outcomes are measurable)",
                          hint="add an indicator with `impactctl add-outcome` or under `indicators:`")
        for i, indicator in enumerate(outcome.indicators):
            if not indicator.quantitative:
                continue
            missing = [name for name in ("unit", "baseline", "target") if getattr(indicator, name) is None]
            if missing:
                yield finding(entry.path, ("indicators", i), ID,
                              f"quantitative indicator `{indicator.id}` lacks " + ", ".join(f"`{m}`" for m in missing),
                              hint="a measurable indicator says its unit and where it starts and should end")
