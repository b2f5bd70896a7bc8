"""What a report may say about people: the public profile hides contacts and unconsented persons' names."""

from __future__ import annotations

from impactctl.model.records import Stakeholder

PUBLIC, INTERNAL = "public", "internal"
PROFILES = (PUBLIC, INTERNAL)


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
