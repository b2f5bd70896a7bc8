"""Build the quarterly report's view-model: everything computed, sorted and grouped before a template sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from markupsafe import Markup

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period
from impactctl.report import attribution, challenges, charts, diagrams, figures, privacy, status, summary, svgcharts
from impactctl.report.progress import progress


def build(ledger: Ledger, period: Period, profile: str, history: Any = None, warnings: Iterable[Any] = (),
          as_of: str | None = None, past: dict[dt.date, status.Past] | None = None,
          output: str = "markdown") -> dict[str, Any]:
    """The report as data. `history` is an impactctl.history.History (or None); warnings are Problems;
    `past` holds, for a day, the outcomes' statuses in the last commit on or before it (see report.status).
    The Mermaid charts are drawn only for `output="markdown"`, the SVG charts only for `output="html"`."""
    config = ledger.config
    vocab = config.vocabularies
    redactor = privacy.Redactor(ledger, profile)
    previous = period.previous(config.centre.reporting_year_start_month)
    past = past or {}
    at_end = status.statuses(ledger, period.end, past.get(period.end))
    at_previous_end = status.statuses(ledger, previous.end, past.get(previous.end))
    activities = figures.activities_in(ledger, period)
    currency = config.centre.currency
    used: dict[str, Entry] = {}
    model = {
        "centre": {"name": config.centre.name, "funder": config.centre.funder or "", "grant": config.centre.grant or ""},
        "period": {"label": period.label, "start": period.start, "end": period.end, "previous": previous.label},
        "profile": profile,
        "as_of": as_of or "",
        "currency": config.centre.currency,
        "headline": [{**row, "change": Markup(row["change"])} for row in
                     figures.headline(ledger, period, previous, (at_end, at_previous_end))],
        "outcomes": _outcomes(ledger, period, at_end, used),
        "coverage_groups": figures.coverage(ledger, "groups", at_end),
        "coverage_areas": figures.coverage(ledger, "areas", at_end),
        "attribution": attribution.RULE,
        "activities": [_activity(e, ledger, period, used) for e in figures.ended_in(activities, period)],
        "ongoing": [_activity(e, ledger, period, used) for e in figures.ongoing_at(activities, period)],
        "activities_by_type": figures.group_totals(activities, "type", vocab.activity_types, currency, period),
        "activities_by_area": figures.group_totals(activities, "area", vocab.areas, currency, period),
        "totals": figures.totals(activities, "all activities", currency, period),
        "engagement": figures.engagement(ledger, activities),
        "advisory": _advisory(ledger, activities, profile, used),
        "challenges": challenges.section(ledger, period, profile, used),
        "evidence": [_evidence(e, ledger, profile, used) for e in figures.evidence_in(ledger, period)],
        "changes": _changes(history, redactor),
        "pathway": Markup(diagrams.pathway(ledger, activities)) if activities else "",
        "charts": _charts(ledger, period, at_end) if output == "markdown" else [],  # HTML draws SVG instead
        "warnings": [{"location": w.location, "code": w.code, "message": w.message} for w in warnings],
    }
    model["summary"] = summary.summary(model["outcomes"])
    model["coverage_gaps"] = model["coverage_groups"]["gaps"] + model["coverage_areas"]["gaps"]
    model["svgcharts"] = svgcharts.build(ledger, period, activities, model["outcomes"]) if output == "html" else {}
    model["sources"] = [{"id": redactor.ref(e.record.id), "kind": e.kind, "path": _path(e.path, redactor)}
                        for e in sorted(used.values(), key=lambda e: e.path)]
    return model


def _outcomes(ledger: Ledger, period: Period, at_end: dict[str, status.StatusAt],
              used: dict[str, Entry]) -> list[dict[str, Any]]:
    """Outcomes not dropped at the period's end, with their status then and their indicators' progress."""
    vocab = ledger.config.vocabularies
    rows = []
    for entry in sorted(ledger.outcomes, key=lambda e: (e.record.area, e.record.domain, e.record.id)):
        outcome, state = entry.record, at_end[entry.record.id]
        if state.status == "dropped":
            continue
        used[outcome.id] = entry
        rows.append({
            "id": outcome.id, "title": outcome.title, "status": state.status, "status_note": status.describe(state),
            "status_inferred": state.inferred,
            "area": vocab.areas.get(outcome.area, outcome.area), "domain": vocab.domains.get(outcome.domain, outcome.domain),
            "groups": ", ".join(vocab.groups.get(g, g) for g in outcome.groups), "due": outcome.due,
            "indicators": [_indicator(outcome, indicator, period, state.status) for indicator in outcome.indicators],
        })
    return rows


def _indicator(outcome: Any, indicator: Any, period: Period, outcome_status: str) -> dict[str, Any]:
    state = progress(outcome, indicator, period.end, outcome_status)
    return {
        "id": indicator.id, "name": indicator.name, "measure": indicator.measure, "unit": indicator.unit or "",
        "baseline": indicator.baseline.value if indicator.baseline else None,
        "target": indicator.target.value if indicator.target else None,
        "target_date": indicator.target.date if indicator.target else outcome.due,
        "latest": state.latest, "latest_date": state.latest_date,
        "percent": f"{state.percent:.0f}%" if state.percent is not None else None,
        "expected": f"{state.expected:.0f}%" if state.expected is not None else None,
        "status": state.status,
    }


def _activity(entry: Entry, ledger: Ledger, period: Period, used: dict[str, Entry]) -> dict[str, Any]:
    """One activity with the period's share of its reach and cost (see attribution)."""
    record, vocab = entry.record, ledger.config.vocabularies
    used[record.id] = entry
    return {"id": record.id, "title": record.title, "type": vocab.activity_types.get(record.type, record.type),
            "area": vocab.areas.get(record.area, record.area), "start": record.start, "end": record.end,
            "reach": figures.reach([entry], period),
            "cost": figures.cost([entry], record.cost.currency, period) if record.cost else None,
            "currency": record.cost.currency if record.cost and record.cost.currency != ledger.config.centre.currency
            else "", "lead": record.lead}


def _advisory(ledger: Ledger, activities: list[Entry], profile: str, used: dict[str, Entry]) -> dict[str, Any]:
    groups = ledger.config.vocabularies.groups
    stakeholders = ledger.index("stakeholders")
    meetings = [e for e in activities if "advisory" in e.record.type]
    members = [s for s in ledger.stakeholders if s.record.advisory]
    for entry in members:
        used[entry.record.id] = entry
    return {
        "meetings": [{"id": m.record.id, "date": m.record.start, "title": m.record.title,
                      "attendees": sum(1 for s in m.record.stakeholders if s in stakeholders and stakeholders[s].record.advisory)}
                     for m in meetings],
        "members": [{"name": privacy.display_name(s.record, groups.get(s.record.group, s.record.group), profile),
                     "group": groups.get(s.record.group, s.record.group), "role": s.record.advisory.role,
                     "since": s.record.advisory.since, "contact": privacy.contact_line(s.record, profile)}
                    for s in sorted(members, key=lambda s: (s.record.group, s.record.id))],
    }


def _evidence(entry: Entry, ledger: Ledger, profile: str, used: dict[str, Entry]) -> dict[str, Any]:
    record, vocab = entry.record, ledger.config.vocabularies
    used[record.id] = entry
    stakeholders = ledger.index("stakeholders")
    outcomes = ledger.index("outcomes")
    corroborator = stakeholders.get(record.corroborator or "")
    return {"id": record.id, "date": record.date, "title": record.title,
            "type": vocab.evidence_types.get(record.type, record.type),
            "outcomes": ", ".join(outcomes[o].record.title for o in record.outcomes if o in outcomes),
            "corroborator": privacy.display_name(corroborator.record, vocab.groups.get(corroborator.record.group, ""), profile)
            if corroborator else ""}


def _path(path: str, redactor: privacy.Redactor) -> str:
    """A record's path, withheld for a person who may not be named (the file is named after the id)."""
    stem = path.partition("/")[2].removesuffix(".yaml")
    return "withheld in public output" if redactor.aliased(stem) else path


def _changes(history: Any, redactor: privacy.Redactor) -> dict[str, Any]:
    if history is None:
        return {"available": False, "note": "history was not read", "rows": []}
    rows = [{"path": _path(c.path, redactor), "action": c.action, "authors": ", ".join(c.authors),
             "details": "; ".join(c.details)} for c in history.changes]
    return {"available": history.available, "note": history.note, "rows": rows}


def _charts(ledger: Ledger, period: Period, at_end: dict[str, status.StatusAt]) -> list[dict[str, Any]]:
    found = []
    for entry in sorted(ledger.outcomes, key=lambda e: e.record.id):
        if at_end[entry.record.id].status == "dropped":
            continue
        for indicator in entry.record.indicators:
            chart = charts.indicator_chart(indicator.name, indicator, period) if indicator.quantitative else None
            if chart:
                title = f"{indicator.name} ({entry.record.id})"
                found.append({"title": title, "chart": Markup(chart.mermaid), "legend": chart.legend})
    return found
