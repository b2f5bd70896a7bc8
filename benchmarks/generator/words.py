"""Small random and textual helpers shared by the record builders: ids, names, dates."""

from __future__ import annotations

import datetime as dt
import random
import re

from .data import FIRST_NAMES, LAST_NAMES, MONTHS


def slug(text: str, limit: int) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "x"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(lo.toordinal(), max(lo.toordinal(), hi.toordinal())))


def quarter_end(rng: random.Random, year_lo: int, year_hi: int) -> dt.date:
    year = rng.randint(year_lo, year_hi)
    return rng.choice([dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30), dt.date(year, 12, 31)])


def person(rng: random.Random, staff: bool = False) -> tuple[str, str]:
    """A name: the centre's staff and its stakeholders draw from separate halves of the name lists, so a
    researcher never shares a name with a person who has not agreed to be named (the personal-data rule)."""
    first_half, last_half = len(FIRST_NAMES) // 2, len(LAST_NAMES) // 2
    firsts = FIRST_NAMES[:first_half] if staff else FIRST_NAMES[first_half:]
    lasts = LAST_NAMES[:last_half] if staff else LAST_NAMES[last_half:]
    return rng.choice(firsts), rng.choice(lasts)


def academic(rng: random.Random) -> str:
    first, last = person(rng, staff=True)
    return f"{rng.choice(['Dr', 'Dr', 'Professor'])} {first} {last}"
