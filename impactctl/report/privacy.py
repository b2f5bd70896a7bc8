"""What public output may say about people: no contacts, and no name (nor name-made id) of a person who has not agreed.

In the public profile a stakeholder's contact is never shown, and a person without `consent_to_name` is
shown by a display name, without description or url. Ids made from a name (`add-stakeholder` makes
`amira-haddad` from "Amira Haddad") would name the person anyway, so such a person's id is replaced,
wherever it appears, by `unnamed-person-N` (N counts those persons in id order).
"""

from __future__ import annotations

from typing import Optional

from impactctl.model.ledger import Ledger
from impactctl.model.records import Stakeholder
from impactctl.report.profiles import INTERNAL, PUBLIC, check


def display_name(stakeholder: Stakeholder, group_label: str, profile: str) -> str:
    """The stakeholder's name, unless it is a person who has not agreed to be named in public output."""
    if profile == INTERNAL or stakeholder.type != "person" or stakeholder.consent_to_name:
        return stakeholder.name
    role = "advisory-group member" if stakeholder.advisory else "individual"
    return f"An {role} ({group_label})" if role[0] in "aeiou" else f"A {role} ({group_label})"


def contact_line(stakeholder: Stakeholder, profile: str) -> str:
    """Contact details, for internal reports only."""
    if profile != INTERNAL or stakeholder.contact is None:
        return ""
    contact = stakeholder.contact
    return ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)


ALIAS_PREFIX = "unnamed-person-"


class Redactor:
    """Applies one privacy profile to every record an export shows."""

    def __init__(self, ledger: Ledger, profile: str = PUBLIC) -> None:
        self.profile = check(profile)
        self._groups = ledger.config.vocabularies.groups
        self._alias: dict[str, str] = {}
        if profile == PUBLIC:
            taken = {entry.record.id for entry in ledger.entries}
            number = 0
            for entry in sorted(ledger.stakeholders, key=lambda e: e.record.id):
                if self.hidden(entry.record):
                    number += 1
                    while f"{ALIAS_PREFIX}{number}" in taken:
                        number += 1
                    self._alias[entry.record.id] = f"{ALIAS_PREFIX}{number}"
        self._real = {alias: real for real, alias in self._alias.items()}

    @property
    def public(self) -> bool:
        return self.profile == PUBLIC

    def hidden(self, stakeholder: Stakeholder) -> bool:
        """A person who may not be named in this profile."""
        return self.public and stakeholder.type == "person" and not stakeholder.consent_to_name

    def ref(self, record_id: Optional[str]) -> Optional[str]:
        """The id to show for a record id (a stand-in for a person who may not be named)."""
        return self._alias.get(record_id, record_id) if record_id is not None else None

    def real(self, shown_id: str) -> str:
        """The real id behind an id as shown (so `show unnamed-person-1` finds the record)."""
        return self._real.get(shown_id, shown_id)

    def aliased(self, record_id: str) -> bool:
        return record_id in self._alias

    def name(self, stakeholder: Stakeholder) -> str:
        group = self._groups.get(stakeholder.group, stakeholder.group)
        return display_name(stakeholder, group, self.profile)

    def contact(self, stakeholder: Stakeholder) -> Optional[dict]:
        """Contact details: internal profile only."""
        if self.public or stakeholder.contact is None:
            return None
        return stakeholder.contact.model_dump(mode="json")
