"""An indicator's Mermaid chart: measured values and the planned path on a time grid, with its legend in words."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass

from impactctl.model.periods import Period
from impactctl.model.records import Indicator
from impactctl.report import plan
from impactctl.report.escape import chart_label

# Months per grid step, smallest first: the first giving at most MAX_STEPS steps is used, so labels stay legible.
STEPS = (1, 2, 3, 6, 12, 24, 60)
MAX_STEPS = 12
# xychart has no gaps in a series and draws a bar at the axis minimum as a stub (the axis's padding):
# an untitled white bar series just above the minimum (MASK of the axis's height, so no anti-aliased edge of a
# stub shows) hides the stubs, so a month without a measurement shows no bar.
MASK = 0.005
# Fixed text only: nothing from a record reaches this line. Black bars and a grey line survive black-and-white print.
INIT = ('%%{init: {"theme": "default", "xyChart": {"width": 900, "height": 450, "showLegend": true, '
        '"xAxis": {"labelFontSize": 12}}, "themeVariables": {"xyChart": {"backgroundColor": "#ffffff", '
        '"plotColorPalette": "#000000, #ffffff, #6e6e6e"}}}}%%')
MEASURED, PLANNED = "measured", "planned path"


@dataclass
class Chart:
    """The Mermaid text and the sentence under it saying which series is which."""

    mermaid: str
    legend: str


def indicator_chart(title: str, indicator: Indicator, period: Period) -> Chart | None:
    """Measured values (bars) up to the period's end and the planned path (line) baseline → milestones → target,
    each at the nearest slot of an evenly spaced month grid, so distance on the axis is proportional to time."""
    knots = plan.knots(indicator)
    if knots is None:
        return None
    base = indicator.baseline
    measured = [(base.date, base.value)] + sorted((m.date, m.value) for m in indicator.measurements
                                                  if m.date <= period.end and plan.numeric(m.value))
    step, slots = _grid(min(d for d, _ in measured + knots), max(d for d, _ in measured + knots))
    values = [v for _, v in measured + knots]
    low = min(min(values), 0)
    high = round(max(values) * 1.1, 2) if max(values) > 0 else 1
    bars = [low] * len(slots)
    for day, value in measured:  # in date order: the latest measurement in a slot is the one shown
        bars[_nearest(slots, day)] = value
    unit = chart_label(indicator.unit or "value")
    return Chart("\n".join([
        INIT,
        "xychart-beta",
        f'    title "{chart_label(title)}"',
        f'    x-axis "{"month" if step == 1 else f"{step}-month steps"}" ['
        + ", ".join(f'"{s:%Y-%m}"' for s in slots) + "]",
        f'    y-axis "{unit}" {_number(low)} --> {_number(high)}',
        f'    bar "{MEASURED}" [' + ", ".join(_number(v) for v in bars) + "]",
        "    bar [" + ", ".join(_number(round(low + (high - low) * MASK, 2)) for _ in slots) + "]",
        f'    line "{PLANNED}" [' + ", ".join(_number(v) for v in _path(slots, knots)) + "]",
    ]), _legend(indicator, measured, knots))


def _grid(start: dt.date, end: dt.date) -> tuple[int, list[dt.date]]:
    """Dates `step` months apart from `start` until one reaches `end`."""
    months = (end.year - start.year) * 12 + end.month - start.month + (end.day > start.day)
    step = next((s for s in STEPS if months <= s * MAX_STEPS), STEPS[-1])
    slots = [start]
    while slots[-1] < end:
        slots.append(_add_months(start, step * len(slots)))
    return step, slots


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _nearest(slots: list[dt.date], day: dt.date) -> int:
    """The slot closest to `day`; the earlier one on a tie."""
    i = bisect.bisect_left(slots, day)
    if i == 0 or i == len(slots):
        return min(i, len(slots) - 1)
    return i - 1 if day - slots[i - 1] <= slots[i] - day else i


def _path(slots: list[dt.date], knots: list[tuple[dt.date, float]]) -> list[float]:
    """The planned value at every slot: straight between knots (at their nearest slots), flat outside them."""
    at = {_nearest(slots, day): value for day, value in knots}  # a later knot in the same slot wins
    marks = sorted(at)
    path = [at[marks[0]]] * marks[0]
    for before, after in zip(marks, marks[1:]):
        path += [at[before] + (at[after] - at[before]) * (i - before) / (after - before) for i in range(before, after)]
    path += [at[marks[-1]]] * (len(slots) - marks[-1])
    return [round(value, 2) for value in path]


def _legend(indicator: Indicator, measured: list[tuple[dt.date, float]], knots: list[tuple[dt.date, float]]) -> str:
    unit = f" ({indicator.unit})" if indicator.unit else ""
    shown = ", ".join(f"{_number(v)} on {d}" for d, v in measured)
    (base_day, base_value), (goal_day, goal_value) = knots[0], knots[-1]
    through = "; ".join(f"{_number(v)} by {d}" for d, v in knots[1:-1])
    return (f"Black bars: {MEASURED}{unit}, {shown}. Grey line: {PLANNED} from the baseline of {_number(base_value)} "
            f"on {base_day}" + (f" through the milestones {through}" if through else "")
            + f" to the target of {_number(goal_value)}{unit} by {goal_day}.")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
