"""What to type instead of a value the schema refused: a date in another form, a status in other words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from impactctl.suggest import closest, did_you_mean

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_WORDY_FORMS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y", "%b %d %Y", "%b %d, %Y", "%d %B, %Y")
# Words people use for a status, and the ledger's word for it.
_STATUS_WORDS = {
    "in progress": "active", "in-progress": "active", "ongoing": "active", "underway": "active",
    "under way": "active", "started": "active", "current": "active", "open": "active",
    "done": "achieved", "complete": "achieved", "completed": "achieved", "met": "achieved", "reached": "achieved",
    "not started": "planned", "proposed": "planned", "draft": "planned", "future": "planned",
    "cancelled": "dropped", "canceled": "dropped", "abandoned": "dropped", "withdrawn": "dropped",
    "failed": "missed", "not met": "missed", "late": "missed",
}


def date_hint(value: Any) -> str:
    """How to write `value` as YYYY-MM-DD, reading day-first numbers (`31/12/2027`) the British way."""
    text = str(value).strip()
    example = "write the date as YYYY-MM-DD, e.g. 2027-12-31"
    if match := _YEAR_MONTH_DAY.match(text):
        return _as_iso(int(match[1]), int(match[2]), int(match[3]), text) or example
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        iso = _as_iso(year, month, day, text)
        if iso and day <= 12 and month <= 12 and day != month:
            return f"{iso} if {text} means {_spoken(year, month, day)}"
        return iso or _as_iso(year, day, month, text) or example
    for form in _WORDY_FORMS:
        try:
            day = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        return f"write {day.isoformat()}"
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", text):
        return _as_iso(*map(int, text.split("-")), text) or f"{text} is no day in the calendar: {example}"
    return example


def _as_iso(year: int, month: int, day: int, text: str) -> str | None:
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return f"write {iso}" if iso != text else None


def _spoken(year: int, month: int, day: int) -> str:
    return f"{day} {dt.date(year, month, 1):%B} {year}"


def choice_hint(value: Any, choices: list[str], field: str) -> str:
    """The listed value closest to what was written: a typo, or (for a status) a word with the same meaning."""
    text = str(value).strip().lower()
    name = field.rsplit(".", 1)[-1]
    meant = _STATUS_WORDS.get(text) if name == "status" else None
    if meant in choices:
        return f"write `{name}: {meant}`"
    close = closest(text, choices)
    if close:
        return f"{did_you_mean(close)} write `{name}: {close}`"
    return "use one of the listed values exactly as written"


def point_hint(key: str | None, value: Any) -> str:
    """A baseline, target or milestone (a list item when `key` is None) written as a bare number: it needs
    its date beside it."""
    shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else "VALUE"
    lead = f"{key}: " if key else "- "
    return (f"write `{lead}{{value: {shown}, date: YYYY-MM-DD}}`: the value and the day it was measured "
            "(or is due, for a target or milestone)")
