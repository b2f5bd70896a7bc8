"""Constrained types shared by every record: ids, vocabulary keys, ISO dates, indicator values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Union

from pydantic import BeforeValidator, StrictFloat, StrictInt, StrictStr, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
ID_RE = re.compile(ID_PATTERN)
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"

RecordId = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)]
VocabKey = Annotated[StrictStr, StringConstraints(pattern=KEY_PATTERN)]
CountryCode = Annotated[StrictStr, StringConstraints(pattern=r"^[A-Z]{2}$")]
Text = Annotated[StrictStr, StringConstraints(min_length=1)]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    """Accept only `YYYY-MM-DD` text (YAML 1.2 reads dates as text) and real calendar days."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("should be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a day in the calendar") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

# A measured value: a number for quantitative indicators, text for qualitative ones.
Value = Union[StrictInt, StrictFloat, Text]
