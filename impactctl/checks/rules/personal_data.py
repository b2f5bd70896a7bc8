"""personal-data: no e-mail address, phone number or unconsented person's name in a field that is published.

Contact details belong under a stakeholder's `contact:`, which public output never shows; a person
is named in public only with `consent_to_name: true`. This rule reads every other text field of
every record (titles, statements, descriptions, notes, audiences, roles, outputs) so personal data
cannot reach a public report or export by way of free text.

Passes:  note: Minutes approved by the advisory group.
Fails:   note: Ask Sam (sam@example.org, 020 7946 0123) for the minutes.
Fails:   note: Amira Haddad presented the findings.   (Amira Haddad: a person without consent_to_name)

Names are looked for where they stand in running text: as capitalised words ("Dr Amira Haddad said").
"""

from __future__ import annotations

import functools
import re
import typing
from dataclasses import dataclass
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
_PHONE_DIGITS = range(10, 16)
# One cheap scan that every text with an e-mail address or a phone number matches: "@", "+" or "(" before a
# digit, or a "0" before a digit that does not continue a word, number, path or date. It starts with a
# character class, so the engine jumps from candidate to candidate (7x faster than a leading lookbehind).
_SUSPECT = re.compile(r"[@+(0](?:(?<=@)|(?<=[+(])\d|(?<![\w/.-]0)(?<=0)\d)")  # E.164 numbers have at most 15 digits; national ones at least 10
# Fields that are never published, or that hold ids and codes rather than free text.
_PRIVATE_OR_CODED = {
    "contact", "id", "url", "file", "sha256", "date", "since", "until", "start", "end", "due", "status_date",
    "stakeholders", "outcomes", "activities", "evidence", "corroborator", "groups", "group", "area", "domain",
    "type", "tags", "status", "measure", "direction", "geography", "currency", "countries",
    "raised", "raised_by", "meeting", "kind",
}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    names = _unconsented_names(ledger)
    for entry in ledger.checked():
        if not _worth_a_closer_look(entry, names):
            continue
        own_name = entry.record.name if entry.kind == "stakeholders" else None
        for loc, text in _texts(entry.record):
            if loc == ("name",) and text == own_name:
                continue  # a stakeholder's own name is shown only when consented (see the report's privacy)
            message = _personal_data(text, names)
            if message:
                yield finding(entry.path, loc, ID, message,
                              hint="keep contact details under the stakeholder's `contact:`, and refer to people "
                                   "who have not agreed to be named by their role")


def _worth_a_closer_look(entry: Any, names: Names) -> bool:
    """One pass over the JSON of the record's published fields (made in Rust): most records have nothing
    that could be personal data, and only the others are walked field by field."""
    skip = _unpublished(type(entry.record))
    if entry.kind == "stakeholders":
        skip = {**skip, "name": True}  # a stakeholder's own name: see check()
    text = entry.record.model_dump_json(exclude=skip)
    return _SUSPECT.search(text) is not None or bool(_named(text, names))


@functools.lru_cache(maxsize=None)
def _unpublished(model: type[BaseModel]) -> dict[str, Any]:
    """pydantic's `exclude` for the fields _texts() never reads, at every depth: ids, dates and codes
    make up half of a record's JSON, and leaving them out halves what the scans read."""
    spec: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name in _PRIVATE_OR_CODED:
            spec[name] = True
            continue
        nested, is_list = _model_in(field.annotation)
        inner = _unpublished(nested) if nested is not None else {}
        if inner:
            spec[name] = {"__all__": inner} if is_list else inner
    return spec


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model class inside a field's type (`Optional[Reach]`, `list[Indicator]`), and whether it is a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for argument in typing.get_args(annotation):
        found, is_list = _model_in(argument)
        if found is not None:
            return found, is_list or typing.get_origin(annotation) is list
    return None, False


_WORD = re.compile(r"[\w'’-]+")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]*")
# Runs of capitalised words: where a person's name can stand in running text.
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


@dataclass(frozen=True)
class Names:
    """Persons who may not be named: each name's words (casefolded, single-spaced) -> the name, and every
    word of every such name, to rule most texts out at C speed."""

    full: dict[str, str]
    words: frozenset[str]


def _unconsented_names(ledger: Ledger) -> Names:
    full: dict[str, str] = {}
    for entry in ledger.stakeholders:
        record = entry.record
        words = _WORD.findall(record.name.casefold())
        if record.type == "person" and not record.consent_to_name and len(record.name) > 3 and len(words) > 1:
            full[" ".join(words)] = record.name
    return Names(full, frozenset(word for name in full for word in name.split(" ")))


@functools.lru_cache(maxsize=None)
def _published_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(field for field in model.model_fields if field not in _PRIVATE_OR_CODED)


def _texts(record: BaseModel) -> list[tuple[tuple, str]]:
    """Every published text in a record, with its location (a loop, not recursion: it runs on every record)."""
    found: list[tuple[tuple, str]] = []
    stack: list[tuple[tuple, Any]] = [((), record)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            found.append((loc, value))
        elif isinstance(value, list):
            stack.extend(((*loc, i), item) for i, item in enumerate(value) if isinstance(item, (str, BaseModel)))
        else:
            for field in _published_fields(type(value)):
                item = getattr(value, field)
                if isinstance(item, (str, list, BaseModel)):
                    stack.append(((*loc, field), item))
    return found


def _personal_data(text: str, names: Names) -> str:
    if _SUSPECT.search(text):
        if "@" in text and _EMAIL.search(text):
            return "this text contains an e-mail address, which would be published"
        if any(len(re.sub(r"\D", "", match)) in _PHONE_DIGITS for match in _PHONE.findall(text)):
            return "this text contains what looks like a phone number, which would be published"
    name = _named(text, names)
    return f"this text names {name}, who has not agreed to be named in public output" if name else ""


def _named(text: str, names: Names) -> str:
    """The first person named in the text, looking at every stretch of two to five capitalised words."""
    if names.words.isdisjoint(map(str.casefold, _CAPITALISED_WORD.findall(text))):
        return ""
    for run in _CAPITALISED_RUN.findall(text):
        words = _WORD.findall(run.casefold())
        for size in range(2, min(len(words), 5) + 1):
            for start in range(len(words) - size + 1):
                name = names.full.get(" ".join(words[start:start + size]))
                if name:
                    return name
    return ""
