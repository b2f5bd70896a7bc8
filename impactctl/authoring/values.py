"""A value typed on the command line as the ledger value a file holding the same text would give."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from impactctl.source import scalars


def parse_value(text: str) -> Any:
    """A command-line value as a ledger value, read by the reader's own rules (source/scalars.py): `false` is
    false, `null` is null, `0x1F` is 31, `2026-01-05` is a date, the rest is text. Two exceptions keep a
    mistake where the model can point at it: an impossible date (`2026-02-30`) and NaN or an infinity stay
    text, so the schema reports them with their position rather than a number that compares with nothing."""
    text = text.strip()
    kind = scalars.kind(text)
    if kind == scalars.DATE:
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else text
        except ValueError:
            return text
    value = scalars.resolve(text)
    if isinstance(value, float) and not math.isfinite(value):
        return text
    return value
