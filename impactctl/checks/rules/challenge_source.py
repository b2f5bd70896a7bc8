"""challenge-source: a challenge is raised by a stakeholder or a stakeholder group, at an advisory meeting.

`raised_by` names a stakeholder's id or a group key of ledger.yaml; `meeting` (where given) names an
activity whose type is an advisory one (its type key contains `advisory`). A meeting id that names no
activity at all is reported by reference-exists.

Passes:  raised_by: adv-amira-haddad   meeting: advisory-meeting-2026-06   (type: advisory-meeting)
Fails:   raised_by: adv-amira-hadad    meeting: line-manager-training      (type: training)
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity
from impactctl.suggest import closest, did_you_mean

ID = "challenge-source"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    groups = ledger.config.vocabularies.groups
    stakeholders = ledger.known_ids("stakeholders")
    activities = ledger.index("activities")
    for entry in ledger.checked("challenges"):
        record = entry.record
        if record.raised_by not in stakeholders and record.raised_by not in groups:
            yield finding(entry.path, ("raised_by",), ID,
                          f"`{record.raised_by}` is neither a stakeholder's id nor a stakeholder group",
                          hint=_hint(record.raised_by, stakeholders, list(groups)))
        meeting = activities.get(record.meeting) if record.meeting else None
        if meeting is not None and "advisory" not in meeting.record.type:
            yield finding(entry.path, ("meeting",), ID,
                          f"`{record.meeting}` is a {meeting.record.type} activity, not an advisory meeting",
                          hint="name the advisory group meeting where it was raised")


def _hint(wrong: str, stakeholders: set[str], groups: list[str]) -> str:
    return did_you_mean(closest(wrong, stakeholders | set(groups))) or f"name the member who raised it, or one of the groups: {', '.join(groups)}"
