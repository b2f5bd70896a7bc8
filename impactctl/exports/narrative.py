"""The prose of a REF case study draft, from the ledger: which records feed each section and how they read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from impactctl.report.privacy import Redactor
from impactctl.model.ledger import Entry, Ledger
from impactctl.report.challenges import CLOSED, raised_by_label
from impactctl.report.escape import markdown as md
from impactctl.report.progress import progress

TO_COMPLETE = "[to complete]"
# An activity type whose key or label names a study or research counts as underpinning research.
_RESEARCH = re.compile(r"\b(study|studies|research)\b", re.IGNORECASE)


@dataclass
class Parts:
    """The records a case study draws on, sorted."""

    ledger: Ledger
    outcomes: list[Entry]
    research: list[Entry]
    pathway: list[Entry]
    evidence: list[Entry]
    redactor: Redactor

    @classmethod
    def of(cls, ledger: Ledger, outcomes: list[Entry], cited: dict[str, set[str]], redactor: Redactor) -> "Parts":
        ids = {e.record.id for e in outcomes}
        labels = ledger.config.vocabularies.activity_types
        linked = sorted((a for a in ledger.activities if ids & set(a.record.outcomes)),
                        key=lambda a: (a.record.start, a.record.id))
        research = [a for a in linked if _RESEARCH.search(f"{a.record.type} {labels.get(a.record.type, '')}".replace("-", " "))]
        evidence_index = ledger.index("evidence")
        evidence_ids = set().union(*(cited.get(i, set()) for i in ids))
        evidence = sorted((evidence_index[i] for i in evidence_ids if i in evidence_index),
                          key=lambda e: (e.record.date, e.record.id))
        return cls(ledger, outcomes, research, [a for a in linked if a not in research], evidence, redactor)


def front_matter(ledger: Ledger, parts: Parts) -> str:
    titles = "; ".join(e.record.title for e in parts.outcomes)
    staff = sorted({a.record.lead for a in parts.research} | {e.record.owner for e in parts.outcomes})
    dates = [d for e in parts.outcomes for i in e.record.indicators for d in (m.date for m in i.measurements)]
    dates += [e.record.date for e in parts.evidence]
    lines = [
        f"# Impact case study: {md(titles)}",
        f"<!-- Drafted by impactctl on {ledger.today.isoformat()} from the ledger of {ledger.config.centre.name} "
        f"(outcomes: {', '.join(e.record.id for e in parts.outcomes)}); complete every {TO_COMPLETE}. -->",
        f"- **Institution:** {TO_COMPLETE}",
        f"- **Unit of Assessment:** {TO_COMPLETE}",
        f"- **Title of case study:** {md(titles)}",
        f"- **Period when the underpinning research was undertaken:** {_span(parts.research)}",
        f"- **Details of staff conducting the underpinning research from the submitting unit:** "
        f"{'; '.join(md(name) for name in staff)} (roles and periods employed: {TO_COMPLETE})",
        f"- **Period when the claimed impact occurred:** "
        f"{f'{min(dates).isoformat()} to {max(dates).isoformat()}' if dates else TO_COMPLETE}",
        f"- **Is this case study continued from a case study submitted in 2014?** {TO_COMPLETE}",
    ]
    return lines[0] + "\n\n" + lines[1] + "\n\n" + "\n".join(lines[2:])


def _span(activities: list[Entry]) -> str:
    if not activities:
        return TO_COMPLETE
    start = min(a.record.start for a in activities)
    end = max((a.record.end or a.record.start) for a in activities)
    return f"{start.isoformat()} to {end.isoformat()}"


def summary(parts: Parts) -> str:
    return " ".join(md(e.record.statement) for e in parts.outcomes)


def research(parts: Parts) -> str:
    if not parts.research:
        return f"{TO_COMPLETE}: the research the impact rests on, with its dates and key findings."
    return "\n\n".join(_activity_paragraph(a) for a in parts.research)


def _activity_paragraph(entry: Entry) -> str:
    activity = entry.record
    when = activity.start.isoformat() + (f" to {activity.end.isoformat()}" if activity.end else "")
    text = f"**{md(activity.title)}** ({when}; led by {md(activity.lead)})."
    return text + (f" {md(activity.description)}" if activity.description else "")


def references(parts: Parts) -> str:
    outputs = [o for a in parts.research for o in a.record.outputs]
    if not outputs:
        return f"{TO_COMPLETE}: up to six references to the underpinning research."
    return "\n".join(f"{n}. {md(o.title)}" + (f" <{o.url}>" if o.url else "") for n, o in enumerate(outputs, 1))


def details(parts: Parts) -> str:
    return "\n\n".join(_outcome_details(parts, e) for e in parts.outcomes)


def _outcome_details(parts: Parts, entry: Entry) -> str:
    outcome, ledger = entry.record, parts.ledger
    text = [f"**{md(outcome.title)}.** {md(outcome.rationale or '')}".rstrip()]
    text += [_progress(outcome, indicator, ledger) for indicator in outcome.indicators]
    if outcome.status == "achieved" and outcome.status_date:
        text.append(f"The outcome was achieved on {outcome.status_date.isoformat()}.")
    partners = [ledger.index("stakeholders").get(s) for s in outcome.stakeholders]
    names = [md(parts.redactor.name(p.record)) for p in partners if p is not None]
    if names:
        text.append(f"Working with {', '.join(names)}.")
    pathway = [a for a in parts.pathway if outcome.id in a.record.outcomes]
    if pathway:
        text.append("Through " + "; ".join(_pathway_item(a) for a in pathway) + ".")
    drawn = sorted((c for c in ledger.challenges if outcome.id in c.record.outcomes),
                   key=lambda c: (c.record.raised, c.record.id))
    if drawn:  # evidence of co-production: what the advisory group asked of this work, and what became of it
        text.append("The non-academic advisory group challenged and shaped this work: "
                    + "; ".join(_challenge_item(parts, c) for c in drawn) + ".")
    return " ".join(text)


def _challenge_item(parts: Parts, entry: Entry) -> str:
    challenge, ledger = entry.record, parts.ledger
    kind = ledger.config.vocabularies.challenge_kinds.get(challenge.kind, challenge.kind)
    by = raised_by_label(ledger, challenge.raised_by, parts.redactor.profile)
    response = challenge.response
    fate = (f"{challenge.status} on {response.date.isoformat()}" if challenge.status in CLOSED and response
            else challenge.status.replace("-", " "))
    return f"{md(kind)} by {md(by)} ({challenge.raised.isoformat()}, {fate})"


def _progress(outcome: Any, indicator: Any, ledger: Ledger) -> str:
    state = progress(outcome, indicator, ledger.today)
    name = md(indicator.name)
    if not indicator.quantitative or indicator.baseline is None or indicator.target is None:
        return f"{name}: {md(state.latest)} ({state.latest_date.isoformat()})." if state.latest else f"{name}: {TO_COMPLETE}."
    unit = f" {md(indicator.unit)}" if indicator.unit else ""
    latest = (f"{_number(state.latest)}{unit} by {state.latest_date.isoformat()}" if state.latest is not None
              else "no measurement yet")
    return (f"{name}: from {_number(indicator.baseline.value)}{unit} ({indicator.baseline.date.isoformat()}) to "
            f"{latest}, against a target of {_number(indicator.target.value)}{unit} by {indicator.target.date.isoformat()}.")


def _pathway_item(entry: Entry) -> str:
    activity = entry.record
    reach = f", reaching {activity.reach.count:,}" if activity.reach and activity.reach.count else ""
    return f"{md(activity.title)} ({activity.start.isoformat()}{reach})"


def sources(parts: Parts) -> str:
    if not parts.evidence:
        return f"{TO_COMPLETE}: up to ten sources that corroborate the impact."
    vocab = parts.ledger.config.vocabularies.evidence_types
    stakeholders = parts.ledger.index("stakeholders")
    lines = []
    for n, entry in enumerate(parts.evidence, 1):
        item = entry.record
        line = f"{n}. {md(item.title)} ({md(vocab.get(item.type, item.type))}, {item.date.isoformat()})."
        line += f" <{item.url}>" if item.url else " Held by the centre."
        corroborator = stakeholders.get(item.corroborator or "")
        if corroborator is not None:
            line += f" Corroborator: {md(parts.redactor.name(corroborator.record))}."
            contact = parts.redactor.contact(corroborator.record)
            if contact:
                line += " Contact: " + md(", ".join(v for v in contact.values() if v)) + "."
        lines.append(line)
    return "\n".join(lines)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else md(value)
