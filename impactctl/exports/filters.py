"""Filters for `impactctl list`: which records of a kind match --area, --domain, --group, --status, --owner, --overdue.

A challenge's --group is the group of whoever raised it (a member's group, or the group that spoke as one).

Several values of one filter match any of them; different filters must all match.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import get_args

from impactctl.errors import UsageError
from impactctl.model.ledger import Entry, Ledger
from impactctl.model.records import ChallengeStatus, OutcomeStatus
from impactctl.suggest import closest, did_you_mean

# Which filters a kind supports.
APPLIES: dict[str, frozenset[str]] = {
    "outcomes": frozenset({"area", "domain", "group", "status", "owner", "overdue"}),
    "activities": frozenset({"area", "owner"}),
    "stakeholders": frozenset({"group"}),
    "evidence": frozenset(),
    "challenges": frozenset({"group", "status", "overdue"}),
}
LIVE = ("planned", "active")
UNANSWERED = ("open", "in-progress")


@dataclass(frozen=True)
class Filters:
    area: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    overdue: bool = False
    given: tuple[str, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        names = ("area", "domain", "group", "status", "owner", "overdue")
        object.__setattr__(self, "given", tuple(n for n in names if getattr(self, n)))


def select(ledger: Ledger, kind: str, filters: Filters) -> list[Entry]:
    """The records of `kind` that pass every filter; UsageError for a filter the kind lacks or an unknown value."""
    wrong = [name for name in filters.given if name not in APPLIES[kind]]
    if wrong:
        allowed = ", ".join(f"--{n}" for n in sorted(APPLIES[kind])) or "none"
        raise UsageError(f"--{wrong[0]} does not apply to {kind} (filters for {kind}: {allowed})")
    _known(filters, ledger, kind)
    if kind == "challenges":
        return [entry for entry in ledger.of_kind(kind) if _challenge_matches(entry, filters, ledger)]
    return [entry for entry in ledger.of_kind(kind) if _matches(entry, filters, ledger.today)]


def _known(filters: Filters, ledger: Ledger, kind: str) -> None:
    vocab = ledger.config.vocabularies
    statuses = ChallengeStatus if kind == "challenges" else OutcomeStatus
    choices = {"area": list(vocab.areas), "domain": list(vocab.domains), "group": list(vocab.groups),
               "status": list(get_args(statuses))}
    for name, allowed in choices.items():
        for value in getattr(filters, name):
            if value not in allowed:
                hint = did_you_mean(closest(value, allowed), quote=repr)
                hint += " " if hint else ""
                raise UsageError(f"--{name} {value!r} is not known; {hint}choose from {', '.join(allowed)}")


def _matches(entry: Entry, filters: Filters, today: dt.date) -> bool:
    record = entry.record
    if filters.area and record.area not in filters.area:
        return False
    if filters.domain and record.domain not in filters.domain:
        return False
    if filters.group:
        groups = record.groups if entry.kind == "outcomes" else [record.group]
        if not set(groups) & set(filters.group):
            return False
    if filters.status and record.status not in filters.status:
        return False
    if filters.owner:
        person = (record.owner if entry.kind == "outcomes" else record.lead).casefold()
        if not any(owner.casefold() in person for owner in filters.owner):
            return False
    return not filters.overdue or overdue(record, today)


def _challenge_matches(entry: Entry, filters: Filters, ledger: Ledger) -> bool:
    record = entry.record
    if filters.group:
        raiser = ledger.index("stakeholders").get(record.raised_by)
        if (raiser.record.group if raiser else record.raised_by) not in filters.group:
            return False
    if filters.status and record.status not in filters.status:
        return False
    # Overdue as the challenge-overdue rule says: past its due date and not yet answered.
    return not filters.overdue or (record.due is not None and record.due < ledger.today and record.status in UNANSWERED)


def overdue(outcome, today: dt.date) -> bool:
    """Past its due date and still planned or active (as the outcome-overdue rule says)."""
    return bool(outcome.due and outcome.due < today and outcome.status in LIVE)
