"""An indicator's planned path: baseline → milestones → target, and the planned value on any day."""

from __future__ import annotations

import datetime as dt

from impactctl.model.records import Indicator

Knot = tuple[dt.date, float]


def numeric(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def knots(indicator: Indicator) -> list[Knot] | None:
    """The points the plan passes through, in date order: the baseline, each numeric milestone between it and
    the target, and the target; None when the baseline or the target is not a number."""
    base, goal = indicator.baseline, indicator.target
    if base is None or goal is None or not numeric(base.value) or not numeric(goal.value):
        return None
    between = sorted((m.date, m.value) for m in indicator.milestones
                     if numeric(m.value) and base.date < m.date < goal.date)
    return [(base.date, base.value), *between, (goal.date, goal.value)]


def planned_on(path: list[Knot], day: dt.date) -> float:
    """The planned value on `day`: straight between the knots around it, held flat before and after the path."""
    if day <= path[0][0]:
        return round(path[0][1], 2)
    for (start, low), (end, high) in zip(path, path[1:]):
        if day <= end:
            share = (day - start).days / ((end - start).days or 1)
            return round(low + (high - low) * share, 2)
    return round(path[-1][1], 2)
