"""Builds every record of a generated ledger as text, with all cross-references valid."""

from __future__ import annotations

import random

from .activities import Activities
from .data import KINDS, MIN_RECORDS
from .evidence import Evidence
from .indicators import Indicators
from .outcomes import Outcomes
from .stakeholders import Stakeholders
from .words import slug


def plan_counts(records: int) -> dict[str, int]:
    """How many records of each kind: ~15/30/35/20%, with the floors coverage needs."""
    if records < MIN_RECORDS:
        raise ValueError(f"a generated ledger needs at least {MIN_RECORDS} records (got {records})")
    counts = {
        "stakeholders": max(12, round(records * 0.15)),
        "outcomes": max(12, round(records * 0.30)),
        "evidence": max(4, round(records * 0.20)),
    }
    counts["activities"] = records - sum(counts.values())
    return {kind: counts[kind] for kind in KINDS}


class Builder(Stakeholders, Outcomes, Indicators, Activities, Evidence):
    """Builds every record as text, with all cross-references valid."""

    def __init__(self, records: int, seed: int):
        self.rng = random.Random(f"impactctl-bench:{seed}")
        self.counts = plan_counts(records)
        self.serial = 0
        self.files: dict[str, str] = {}          # ledger-relative path -> text
        self.attachments: dict[str, bytes] = {}  # evidence/files/... -> bytes
        self.protected: set[str] = set()         # files a mistake must not touch (coverage anchors)
        self.ids: set[str] = set()

    def new_id(self, title: str, prefix: str = "") -> str:
        self.serial += 1
        record_id = f"{prefix}{slug(title, 40 - len(prefix))}-{self.serial}"
        self.ids.add(record_id)
        return record_id

    def build(self) -> None:
        self.stakeholders()
        self.outcome_plans()
        self.activities()
        self.evidence_plans()
        self.write_outcomes()
        self.write_stakeholders()
        self.write_activities()
        self.write_evidence()
