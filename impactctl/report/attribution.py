"""Which period an activity belongs to, and its share of reach and cost in a period, so that periods add up.

The rule, stated in the report too: an activity counts once, in the period in which it ends (one still
running at a period's end is "ongoing" there); its reach and cost are spread evenly over its days, and a
period gets the share of the days it holds. Shares are whole numbers (whole people; whole pounds, or pence for a cost written with pence), taken as
differences of a rounded running total over the activity's days, so the shares of any partition of a range
into sub-ranges add up exactly to the range's share, and an activity's shares over all periods to its total.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from impactctl.model.periods import Period
from impactctl.model.records import Activity

RULE = ("An activity counts once, in the period in which it ends (one still running at the period's end is "
        "listed as ongoing); its reach and cost are spread evenly over its days and each period gets the share "
        "of the days it holds, rounded so that the periods of a year always add up to the year.")


def last_day(activity: Activity) -> dt.date:
    """An activity without an end took place on its start day."""
    return activity.end or activity.start


def running(activity: Activity, period: Period) -> bool:
    """Whether any of the activity's days falls in the period."""
    return activity.start <= period.end and last_day(activity) >= period.start


def ended(activity: Activity, period: Period) -> bool:
    return last_day(activity) in period


def ongoing(activity: Activity, period: Period) -> bool:
    """Started by the period's end and still running after it."""
    return activity.start <= period.end < last_day(activity)


def share(total: int, activity: Activity, period: Period) -> int:
    """The period's whole-number share of `total`, spread over the activity's days."""
    first, last = activity.start, last_day(activity)
    days = (last - first).days + 1
    if days <= 0:  # an end before the start is a validation error; count it on its start day
        return total if activity.start in period else 0
    upto = (min(period.end, last) - first).days + 1  # activity days up to the period's end
    before = (period.start - first).days  # activity days before the period starts
    return _running_total(total, upto, days) - _running_total(total, before, days)


def _running_total(total: int, day: int, days: int) -> int:
    """`total` × day / days rounded half up, for `day` clamped to 0..days: 0 at the start, `total` at the end."""
    day = min(max(day, 0), days)
    return (2 * total * day + days) // (2 * days)


def cost_share(amount: int | float, activity: Activity, period: Period) -> int:
    """The period's share of a cost, in hundredths; in whole units when the cost is written in whole units."""
    hundredths = minor_units(amount)
    step = 100 if hundredths % 100 == 0 else 1
    return share(hundredths // step, activity, period) * step


def minor_units(amount: int | float) -> int:
    """An amount in hundredths (pence, cents), exactly as written: 12.5 -> 1250."""
    return int((Decimal(str(amount)) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def major_units(hundredths: int) -> int | float:
    """Back from hundredths: whole amounts as integers, others with their pence."""
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100
