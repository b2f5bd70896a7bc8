"""The report's "Advisory group: challenges and responses": what the group raised, what the centre answered, what is open."""

from __future__ import annotations

from typing import Any

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period
from impactctl.model.records import Challenge
from impactctl.report import privacy

CLOSED = ("answered", "declined")


def section(ledger: Ledger, period: Period, profile: str, used: dict[str, Entry]) -> dict[str, Any]:
    """Raised in the period, answered in it (with the response), still open at its end (with their age in
    days), and for each outcome the challenges it has drawn up to the period's end."""
    known = sorted((e for e in ledger.challenges if e.record.raised <= period.end),
                   key=lambda e: (e.record.raised, e.record.id))
    for entry in known:
        used[entry.record.id] = entry
    row = _Rows(ledger, profile)
    return {
        "raised": [row.raised(e.record) for e in known if e.record.raised in period],
        "answered": [row.answered(e.record) for e in sorted(known, key=lambda e: _answered_on(e.record))
                     if _closed_by(e.record, period) and e.record.response.date in period],
        "open": [row.still_open(e.record, period) for e in known if not _closed_by(e.record, period)],
        "by_outcome": _by_outcome(ledger, known),
    }


def _answered_on(challenge: Challenge) -> tuple:
    return (challenge.response.date if challenge.response else challenge.raised, challenge.id)


def _closed_by(challenge: Challenge, period: Period) -> bool:
    """Whether the challenge had been answered or declined by the period's end."""
    response = challenge.response
    return challenge.status in CLOSED and response is not None and response.date <= period.end


def raised_by_label(ledger: Ledger, raised_by: str, profile: str) -> str:
    """Who raised a challenge as the profile allows: a name, a member's role, or the group that spoke as one."""
    return _Rows(ledger, profile).by(raised_by)


class _Rows:
    """One challenge as each table shows it; who raised it as the privacy profile allows."""

    def __init__(self, ledger: Ledger, profile: str) -> None:
        self.vocab, self.profile = ledger.config.vocabularies, profile
        self.stakeholders = ledger.index("stakeholders")

    def by(self, raised_by: str) -> str:
        entry = self.stakeholders.get(raised_by)
        if entry is None:
            return f"Members from {self.vocab.groups.get(raised_by, raised_by)}"
        person = entry.record
        group = self.vocab.groups.get(person.group, person.group)
        if person.advisory and privacy.display_name(person, group, self.profile) != person.name:
            return person.advisory.role  # a member who has not agreed to be named is shown by role
        return privacy.display_name(person, group, self.profile)

    def _common(self, c: Challenge) -> dict[str, Any]:
        return {"id": c.id, "text": " ".join(c.text.split()), "by": self.by(c.raised_by),
                "kind": self.vocab.challenge_kinds.get(c.kind, c.kind), "raised": c.raised, "owner": c.owner}

    def raised(self, c: Challenge) -> dict[str, Any]:
        return {**self._common(c), "meeting": c.meeting or "", "due": c.due or "", "status": c.status}

    def answered(self, c: Challenge) -> dict[str, Any]:
        response = c.response
        return {**self._common(c), "status": c.status, "date": response.date,
                "response": " ".join((response.text or "").split()), "evidence": ", ".join(response.evidence)}

    def still_open(self, c: Challenge, period: Period) -> dict[str, Any]:
        overdue = c.due is not None and c.due < period.end
        return {**self._common(c), "age": (period.end - c.raised).days, "due": c.due or "",
                "overdue": "overdue" if overdue else ""}


def _by_outcome(ledger: Ledger, known: list[Entry]) -> list[dict[str, Any]]:
    outcomes = ledger.index("outcomes")
    drawn: dict[str, list[str]] = {}
    for entry in known:
        for outcome in entry.record.outcomes:
            drawn.setdefault(outcome, []).append(entry.record.id)
    return [{"id": o, "title": outcomes[o].record.title, "count": len(ids), "challenges": ", ".join(ids)}
            for o, ids in sorted(drawn.items()) if o in outcomes]
