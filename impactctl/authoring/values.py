"""A value typed on the command line as the ledger value a file holding the same text would give."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from impactctl.source import scalars


def parse_value(text: str) -> Any:
    """A command-line value as a ledger value: numbers as numbers, ISO dates as dates, the rest as text."""
    text = text.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the model reports an impossible date with its position
    number = scalars.plain_number(text)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):  # NaN, infinities stay text
        return text
    return number
