"""How far an indicator has come: latest value, percentage of the way, and a status against the plan's straight line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from impactctl.model.records import Indicator, Outcome

ON_TRACK, AT_RISK, BEHIND, ACHIEVED, OVERDUE, NO_DATA = "on track", "at risk", "behind", "achieved", "overdue", "no data yet"
# Every status, in the order every table and chart of a report lists them.
STATUSES = (ON_TRACK, AT_RISK, BEHIND, ACHIEVED, OVERDUE, NO_DATA)
# Progress at or above this share of the straight-line expectation is "at risk" rather than "behind".
AT_RISK_SHARE = 0.75


@dataclass(frozen=True)
class Progress:
    """One indicator's position at the end of a period."""

    latest: object
    latest_date: Optional[dt.date]
    percent: Optional[float]  # share of the way from baseline to target, 0-100+ (None for qualitative)
    expected: Optional[float]  # where the straight line says it should be by now
    status: str


def progress(outcome: Outcome, indicator: Indicator, as_of: dt.date, status: str | None = None) -> Progress:
    """The indicator's progress using only measurements dated on or before `as_of`; `status` is the outcome's
    status at that day (default: its status now)."""
    achieved = (status or outcome.status) == "achieved"
    taken = sorted((m for m in indicator.measurements if m.date <= as_of), key=lambda m: m.date)
    latest = taken[-1] if taken else None
    if not indicator.quantitative or indicator.baseline is None or indicator.target is None:
        return _qualitative(outcome, indicator, latest, as_of, achieved)
    base, goal = indicator.baseline, indicator.target
    expected = _expected(base.date, goal.date, as_of)
    if latest is None or isinstance(latest.value, str):
        # Nothing measured yet is not "0% of the way": the baseline is where it started, not where it is.
        state = ACHIEVED if achieved else OVERDUE if goal.date < as_of else NO_DATA
        return Progress(latest.value if latest else None, latest.date if latest else None, None, expected, state)
    span = goal.value - base.value
    percent = 100.0 if span == 0 else round(100.0 * (latest.value - base.value) / span, 1)
    return Progress(latest.value, latest.date, percent, expected, _status(achieved, percent, expected, goal.date, as_of))


def _expected(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    if end <= start:
        return 100.0
    share = (min(max(as_of, start), end) - start).days / (end - start).days
    return round(100.0 * share, 1)


def _status(achieved: bool, percent: float, expected: float, due: dt.date, as_of: dt.date) -> str:
    if achieved or percent >= 100.0:
        return ACHIEVED
    if due < as_of:
        return OVERDUE
    if percent >= expected:
        return ON_TRACK
    if percent >= AT_RISK_SHARE * expected:
        return AT_RISK
    return BEHIND


def _qualitative(outcome: Outcome, indicator: Indicator, latest, as_of: dt.date, achieved: bool) -> Progress:
    due = indicator.target.date if indicator.target else outcome.due
    if achieved:
        status = ACHIEVED
    elif due and due < as_of:
        status = OVERDUE
    elif latest is None:
        status = NO_DATA
    else:
        status = ON_TRACK
    return Progress(latest.value if latest else None, latest.date if latest else None, None, None, status)
