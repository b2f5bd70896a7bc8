"""Pydantic models of the ledger's records and its ledger.yaml; no I/O.

The names offered here load on first use, so that importing `impactctl.model.kinds` (the record kinds,
which reading a ledger needs) does not load pydantic.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {"ID_PATTERN": "ids", "RecordId": "ids", "KINDS": "records", "Activity": "records",
          "Challenge": "records", "Evidence": "records", "Indicator": "records", "Outcome": "records",
          "Record": "records", "Stakeholder": "records"}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
