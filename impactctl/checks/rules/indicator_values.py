"""indicator-values: quantitative indicators (count, percent, currency) hold numbers; percentages lie in 0..100; counts are whole.

Passes:  measure: percent   baseline: {value: 12, date: 2025-10-01}
Fails:   measure: percent   baseline: {value: "12%", date: 2025-10-01}
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "indicator-values"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    for entry in ledger.checked("outcomes"):
        for i, indicator in enumerate(entry.record.indicators):
            for loc, value in _values(indicator):
                message = _wrong(indicator.measure, value)
                if message:
                    yield finding(entry.path, ("indicators", i, *loc), ID,
                                  f"indicator `{indicator.id}` ({indicator.measure}): {message}",
                                  hint=_HINTS[indicator.measure])


def _values(indicator: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    for name in ("baseline", "target"):
        point = getattr(indicator, name)
        if point is not None:
            yield (name, "value"), point.value
    for kind in ("milestones", "measurements"):
        for index, item in enumerate(getattr(indicator, kind)):
            yield (kind, index, "value"), item.value


def _wrong(measure: str, value: Any) -> str:
    if measure == "qualitative":
        return "" if isinstance(value, str) else f"the value {value!r} should be a description in words"
    if isinstance(value, str):
        return f"the value {value!r} should be a number"
    if value != value or value in (float("inf"), float("-inf")):
        return "the value should be a finite number"
    if measure == "percent" and not 0 <= value <= 100:
        return f"the value {value} is not a percentage between 0 and 100"
    if measure == "count" and (value < 0 or value != int(value)):
        return f"the value {value} is not a whole, non-negative count"
    return ""


_HINTS = {
    "qualitative": 'write what was observed, in quotes: "adopted in the 2026 guidance"',
    "count": "write the number only, e.g. 120 (put the unit in `unit`)",
    "percent": "write the number only, e.g. 45 for 45%",
    "currency": "write the amount only, e.g. 25000 (the currency goes in `unit`)",
}
