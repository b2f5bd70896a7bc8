"""personal-data: no e-mail address, phone number or unconsented person's name in a field that is published.

Contact details belong under a stakeholder's `contact:`, which public output never shows; a person
is named in public only with `consent_to_name: true`. This rule reads every other text field of
every record (titles, statements, descriptions, notes, audiences, roles, outputs) so personal data
cannot reach a public report or export by way of free text.

Passes:  note: Minutes approved by the advisory group.
Fails:   note: Ask Sam (sam@example.org, 020 7946 0123) for the minutes.
Fails:   note: Amira Haddad presented the findings.   (Amira Haddad: a person without consent_to_name)
"""

from __future__ import annotations

import functools
import re
from typing import Any, Iterator

from pydantic import BaseModel

from impactctl.checks.base import finding
from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity

ID = "personal-data"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}

# A match starts only where a run of address characters starts: otherwise a long word (900 KB of letters)
# is scanned again from every one of its characters, which takes minutes.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A run of digits, spaces and ( ) . - starting with + or 0: +44 20 7946 0123, (020) 7946-0123, 07700900123.
_PHONE = re.compile(r"(?<![\w/.-])(?:\+|\(?0)[\d\s().-]{8,}\d")
_PHONE_DIGITS = range(10, 16)  # E.164 numbers have at most 15 digits; national ones at least 10
# Fields that are never published, or that hold ids and codes rather than free text.
_PRIVATE_OR_CODED = {
    "contact", "id", "url", "file", "sha256", "date", "since", "until", "start", "end", "due", "status_date",
    "stakeholders", "outcomes", "activities", "evidence", "corroborator", "groups", "group", "area", "domain",
    "type", "tags", "status", "measure", "direction", "geography", "currency", "countries",
}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    names = _unconsented_names(ledger)
    for entry in ledger.entries:
        own_name = entry.record.name if entry.kind == "stakeholders" else None
        for loc, text in _texts(entry.record, ()):
            if loc == ("name",) and text == own_name:
                continue  # a stakeholder's own name is shown only when consented (see the report's privacy)
            message = _personal_data(text, names)
            if message:
                yield finding(entry.path, loc, ID, message,
                              hint="keep contact details under the stakeholder's `contact:`, and refer to people "
                                   "who have not agreed to be named by their role")


_WORD = re.compile(r"\w+")


def _unconsented_names(ledger: Ledger) -> dict[str, list[str]]:
    """Names of persons who may not be named, indexed by their first word (casefolded) so that each text is
    compared only with the names whose first word it contains."""
    index: dict[str, list[str]] = {}
    for entry in ledger.stakeholders:
        record = entry.record
        words = _WORD.findall(record.name.casefold())
        if record.type == "person" and not record.consent_to_name and len(record.name) > 3 and words:
            index.setdefault(words[0], []).append(record.name)
    return index


@functools.lru_cache(maxsize=None)
def _published_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(field for field in model.model_fields if field not in _PRIVATE_OR_CODED)


def _texts(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    """Every published text in a record, with its location."""
    if isinstance(value, BaseModel):
        for field in _published_fields(type(value)):
            item = getattr(value, field)
            if item is not None and item != []:
                yield from _texts(item, (*loc, field))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
    elif isinstance(value, str):
        yield loc, value


def _personal_data(text: str, names: dict[str, list[str]]) -> str:
    if "@" in text and _EMAIL.search(text):
        return "this text contains an e-mail address, which would be published"
    if _PHONE.search(text) and any(len(re.sub(r"\D", "", m)) in _PHONE_DIGITS for m in _PHONE.findall(text)):
        return "this text contains what looks like a phone number, which would be published"
    lowered = text.casefold()
    for word in set(_WORD.findall(lowered)) & names.keys():
        for name in names[word]:
            if name.casefold() in lowered:
                return f"this text names {name}, who has not agreed to be named in public output"
    return ""
