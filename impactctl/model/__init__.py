"""Pydantic models of the ledger's records and its ledger.yaml; no I/O."""

from impactctl.model.ids import ID_PATTERN, RecordId
from impactctl.model.records import (
    KINDS,
    Activity,
    Challenge,
    Evidence,
    Indicator,
    Outcome,
    Record,
    Stakeholder,
)

__all__ = [
    "ID_PATTERN",
    "KINDS",
    "Activity",
    "Challenge",
    "Evidence",
    "Indicator",
    "Outcome",
    "Record",
    "RecordId",
    "Stakeholder",
]
