"""Constrained types shared by every record: ids, vocabulary keys, ISO dates, indicator values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Union

from pydantic import AfterValidator, BeforeValidator, StrictFloat, StrictInt, StrictStr, StringConstraints, WithJsonSchema

from impactctl.model import days

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
ID_RE = re.compile(ID_PATTERN)
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"

VocabKey = Annotated[StrictStr, StringConstraints(pattern=KEY_PATTERN)]
CountryCode = Annotated[StrictStr, StringConstraints(pattern=r"^[A-Z]{2}$")]
Text = Annotated[StrictStr, StringConstraints(min_length=1)]

# For the JSON Schema only: in a schema's (ECMA-262) regex `\d` is ASCII and `$` the very end. Python's are
# not (`\d` takes Arabic-Indic digits, `$` a final newline), so the check itself is days.is_iso_day.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    """Accept only `YYYY-MM-DD` text (YAML 1.2 reads dates as text) and real calendar days."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not days.is_iso_day(value):
        raise ValueError("should be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        # Without days.not_in_calendar's backticks: a schema problem quotes no value (tests/test_schema.py).
        raise ValueError(f"{value} is not a day in the calendar") from None


# The pattern too: an editor that does not check formats still refuses 31/12/2027.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date),
                    WithJsonSchema({"type": "string", "format": "date", "pattern": _ISO_DATE.pattern})]

# A measured value: a number for quantitative indicators, text for qualitative ones.
Value = Union[StrictInt, StrictFloat, Text]


# Names Windows reserves for devices: a file called `con.yaml` cannot be checked out there.
RESERVED_IDS = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))})


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"`{value}` is a name Windows reserves for devices: no file can be called {value}.yaml there")
    return value


RecordId = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN), AfterValidator(_not_reserved),
                     WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "not": {"enum": sorted(RESERVED_IDS)}})]


def slugify(text: str, limit: int = 48) -> str:
    """A readable id from a title in any script: transliterated to ASCII (`Łódź` -> `lodz`, `Москва` ->
    `moskva`), lowercase, words joined by hyphens; empty when nothing in it can be spelt in ASCII."""
    # python-slugify with text-unidecode: a maintained transliteration table rather than one of our own.
    from slugify import slugify as transliterate

    words = [word for word in transliterate(text).split("-") if word]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    slug = slug or (words[0][:limit] if words else "")
    return slug if slug not in RESERVED_IDS else f"{slug}-1"


def id_problem(value: str) -> str:
    """Why `value` cannot be an id (empty when it can): it must also be a safe file name on every system."""
    if not ID_RE.fullmatch(value):  # match() would let "a\n" through: `$` also matches before a final newline
        return ("an id uses only lowercase letters, digits and hyphens, starts with a letter or digit, "
                "and has at most 63 characters")
    if value in RESERVED_IDS:
        return f"`{value}` is a name Windows reserves for devices"
    return ""
