"""Reporting periods: quarters of the centre's reporting year (`2026-Q3`), years (`2026`), and date ranges."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from impactctl.model import days

# ASCII digits, matched whole (fullmatch): `\d` would read `٢٠٢٦` as the year 2026.
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")
_YEAR = re.compile(r"([0-9]{4})")
_RANGE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})")
FORMS = "2026-Q3, 2026, or 2026-04-01..2026-09-30"


@dataclass(frozen=True)
class Period:
    """An inclusive range of days with the label people use for it."""

    start: dt.date
    end: dt.date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def previous(self, start_month: int) -> "Period":
        """The period of the same length just before this one (the previous quarter for a quarter)."""
        match = _QUARTER.fullmatch(self.label)
        if match:
            year, quarter = int(match.group(1)), int(match.group(2))
            return quarter_period(year - 1, 4, start_month) if quarter == 1 else quarter_period(year, quarter - 1, start_month)
        if _YEAR.fullmatch(self.label):
            return year_period(int(self.label) - 1, start_month)
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        start = end - length
        return Period(start, end, f"{start}..{end}")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def quarter_period(year: int, quarter: int, start_month: int = 1) -> Period:
    """Quarter `quarter` of the reporting year `year` (which starts in `start_month` of that calendar year)."""
    start = _add_months(dt.date(year, start_month, 1), 3 * (quarter - 1))
    end = _add_months(start, 3) - dt.timedelta(days=1)
    return Period(start, end, f"{year}-Q{quarter}")


def year_period(year: int, start_month: int = 1) -> Period:
    start = dt.date(year, start_month, 1)
    return Period(start, _add_months(start, 12) - dt.timedelta(days=1), str(year))


def quarter_of(day: dt.date, start_month: int = 1) -> Period:
    """The reporting quarter that contains `day`."""
    months = (day.year * 12 + day.month - 1) - (day.year * 12 + start_month - 1)
    year = day.year if months >= 0 else day.year - 1
    months %= 12
    return quarter_period(year, months // 3 + 1, start_month)


def last_complete_quarter(today: dt.date, start_month: int = 1) -> Period:
    current = quarter_of(today, start_month)
    return current.previous(start_month)


def parse_period(text: str | None, today: dt.date, start_month: int = 1) -> Period:
    """`2026-Q3`, `2026`, `2026-04-01..2026-09-30`, or (None) the last complete quarter; otherwise ValueError
    saying what is wrong in the user's words (a day the calendar lacks as days.calendar_day says it)."""
    if text is None:
        return last_complete_quarter(today, start_month)
    text = text.strip()
    try:
        if match := _QUARTER.fullmatch(text):
            return quarter_period(int(match.group(1)), int(match.group(2)), start_month)
        if match := _YEAR.fullmatch(text):
            return year_period(int(match.group(1)), start_month)
    except ValueError:  # year 0000, or a reporting year that would end after 9999
        raise ValueError(f"{text!r} is outside the calendar's years 0001 to 9999: write {FORMS}") from None
    if match := _RANGE.fullmatch(text):
        start, end = days.calendar_day(match.group(1)), days.calendar_day(match.group(2))
        if end < start:
            raise ValueError(f"the range {text} ends before it starts")
        return Period(start, end, text)
    raise ValueError(f"{text!r} is not a period: write {FORMS}")
