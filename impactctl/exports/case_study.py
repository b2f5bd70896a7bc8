"""A REF impact case study skeleton filled from the ledger, and the check of its sections against REF's limits.

REF 2021's template: 1 summary (indicative maximum 100 words), 2 underpinning research (500 words),
3 references to the research (six references), 4 details of the impact (750 words), 5 sources to
corroborate the impact (ten sources). `check` reads any Markdown with those `## N.` headings, so an edited
draft can be checked again; words are counted outside headings and `<!-- -->` comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from impactctl.checks.refs import evidence_for
from impactctl.errors import UsageError
from impactctl.exports import narrative
from impactctl.report.privacy import Redactor
from impactctl.model.ledger import Entry, Ledger
from impactctl.suggest import closest, did_you_mean


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    limit: int
    unit: str  # "words", or "references"/"sources" (counted as list items)


SECTIONS = (
    Section(1, "Summary of the impact", 100, "words"),
    Section(2, "Underpinning research", 500, "words"),
    Section(3, "References to the research", 6, "references"),
    Section(4, "Details of the impact", 750, "words"),
    Section(5, "Sources to corroborate the impact", 10, "sources"),
)


@dataclass(frozen=True)
class Count:
    """One section's size against its limit; `missing` when the heading is not there."""

    section: Section
    count: int
    missing: bool = False

    @property
    def ok(self) -> bool:
        return not self.missing and self.count <= self.section.limit


def draft(ledger: Ledger, outcome_ids: list[str], redactor: Redactor) -> str:
    """The case study in Markdown, for the outcomes named (in that order)."""
    outcomes = _outcomes(ledger, outcome_ids)
    parts = narrative.Parts.of(ledger, outcomes, evidence_for(ledger), redactor)
    body = [narrative.front_matter(ledger, parts)]
    texts = {1: narrative.summary(parts), 2: narrative.research(parts), 3: narrative.references(parts),
             4: narrative.details(parts), 5: narrative.sources(parts)}
    for section in SECTIONS:
        body.append(f"## {section.number}. {section.title}\n\n"
                    f"<!-- REF: indicative maximum {section.limit} {section.unit} -->\n\n{texts[section.number]}")
    return "\n\n".join(body).rstrip() + "\n"


def _outcomes(ledger: Ledger, outcome_ids: list[str]) -> list[Entry]:
    if not outcome_ids:
        raise UsageError("name at least one outcome id")
    index = ledger.index("outcomes")
    found = []
    for outcome_id in outcome_ids:
        if outcome_id not in index:
            other = next((e.kind for e in ledger.entries if e.record.id == outcome_id), None)
            why = f"{outcome_id!r} is one of the {other}, not an outcome" if other else f"no outcome {outcome_id!r}"
            raise UsageError(why + _close(outcome_id, list(index)))
        if index[outcome_id] not in found:
            found.append(index[outcome_id])
    return found


def _close(word: str, choices: list[str]) -> str:
    hint = did_you_mean(closest(word, choices), quote=repr)
    return f" ({hint})" if hint else ""


_HEADING = re.compile(r"^##\s+(\d)\.\s.*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+\S", re.MULTILINE)
_WORD = re.compile(r"\S*\w\S*")


def check(text: str) -> list[Count]:
    """Each REF section's words (or list items) against its limit."""
    text = _COMMENT.sub("", text)
    bodies: dict[int, str] = {}
    marks = list(_HEADING.finditer(text))
    for mark, following in zip(marks, [*marks[1:], None]):
        end = following.start() if following else len(text)
        bodies.setdefault(int(mark.group(1)), text[mark.end():end])
    counts = []
    for section in SECTIONS:
        body = bodies.get(section.number)
        if body is None:
            counts.append(Count(section, 0, missing=True))
        elif section.unit == "words":
            counts.append(Count(section, words(body)))
        else:
            counts.append(Count(section, len(_ITEM.findall(body))))
    return counts


def words(text: str) -> int:
    """Words as REF counts them: runs of non-space holding a letter or digit (Markdown marks alone are not words)."""
    return len(_WORD.findall(text))

