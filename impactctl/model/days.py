"""A day written YYYY-MM-DD: the one reading of it below the command line, and the words for one that is not."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# ASCII digits only, and the whole text (fullmatch): `\d` would take `٢٠٢٦-٠٢-٠١` and `$` a final newline,
# which then failed later with other words. source/scalars.DATE_PATTERN reads YAML's dates; this module is
# below source/ in the layers, so it keeps its own (stricter) pattern for text that must be a day.
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_day(text: object) -> bool:
    """Written YYYY-MM-DD (whether or not the calendar has that day)."""
    return isinstance(text, str) and ISO_DAY.fullmatch(text) is not None


def calendar_day(text: str) -> dt.date:
    """The day `text` names; ValueError in the one wording for a day the calendar lacks (`2026-02-30`)."""
    if not is_iso_day(text):
        raise ValueError(f"`{text}` is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(not_in_calendar(text)) from None


def not_in_calendar(text: str) -> str:
    """Why a YYYY-MM-DD text is no day: `2026-02-30` is not a day in the calendar: February 2026 has 28 days."""
    year, month, _ = (int(part) for part in text.split("-"))
    if year < 1:
        why = "years start at 0001"
    elif not 1 <= month <= 12:
        why = f"there is no month {month:02d}"
    else:
        why = f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    return f"`{text}` is not a day in the calendar: {why}"
