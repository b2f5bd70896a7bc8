"""The record kinds, declared once: each kind's folder, singular name, model class and place in the commands.

Light on purpose (standard library only, models named rather than imported) so that reading a ledger's
files, history and the CLI's choices use it without loading pydantic; model/records.py builds its
folder -> model table from it.
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    """One kind of record."""

    folder: str  # its folder in a ledger, and its name in commands, exports and JSON Schemas
    singular: str  # one record of it, in messages ("no outcome has the id ...") and `list outcome`
    model: str  # its class in impactctl.model.records
    choice: int  # its place in the commands' choices and help, the most used first


# In load order, which is also the order of reports, exports (CSV files, JSON keys) and schemas.
RECORD_KINDS: tuple[Kind, ...] = (
    Kind("stakeholders", "stakeholder", "Stakeholder", 3),
    Kind("outcomes", "outcome", "Outcome", 1),
    Kind("activities", "activity", "Activity", 2),
    Kind("evidence", "evidence", "Evidence", 4),
    Kind("challenges", "challenge", "Challenge", 5),
)

FOLDERS: tuple[str, ...] = tuple(kind.folder for kind in RECORD_KINDS)
SINGULAR: dict[str, str] = {kind.folder: kind.singular for kind in RECORD_KINDS}
# The order a command offers the kinds in (`list`, `import --kind`).
CHOICES: tuple[str, ...] = tuple(kind.folder for kind in sorted(RECORD_KINDS, key=lambda kind: kind.choice))

_PLURAL = {kind.singular: kind.folder for kind in RECORD_KINDS}


def kind_of(text: str) -> str | None:
    """`outcome` or `outcomes` -> `outcomes`; None for anything else."""
    text = text.strip().lower()
    return text if text in SINGULAR else _PLURAL.get(text)
