"""Build the quarterly report's view-model: everything computed, sorted and grouped before a template sees it."""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period
from impactctl.report import diagrams, figures, privacy, svgcharts
from impactctl.report.progress import progress


def build(ledger: Ledger, period: Period, profile: str, history: Any = None, warnings: Iterable[Any] = (),
          as_of: str | None = None, output: str = "markdown") -> dict[str, Any]:
    """The report as data. `history` is an impactctl.history.History (or None); warnings are Problems; the
    SVG charts are drawn only for `output="html"`."""
    config = ledger.config
    vocab = config.vocabularies
    redactor = privacy.Redactor(ledger, profile)
    previous = period.previous(config.centre.reporting_year_start_month)
    activities = figures.activities_in(ledger, period)
    used: dict[str, Entry] = {}
    model = {
        "centre": {"name": config.centre.name, "funder": config.centre.funder or "", "grant": config.centre.grant or ""},
        "period": {"label": period.label, "start": period.start, "end": period.end, "previous": previous.label},
        "profile": profile,
        "as_of": as_of or "",
        "currency": config.centre.currency,
        "headline": [{**row, "change": Markup(row["change"])} for row in figures.headline(ledger, period, previous)],
        "outcomes": _outcomes(ledger, period, used),
        "coverage_groups": figures.coverage(ledger, "groups"),
        "coverage_areas": figures.coverage(ledger, "areas"),
        "activities": [_activity(e, ledger, used) for e in activities],
        "activities_by_type": figures.group_totals(activities, "type", vocab.activity_types, config.centre.currency),
        "activities_by_area": figures.group_totals(activities, "area", vocab.areas, config.centre.currency),
        "totals": {"count": len(activities), "reach": figures.reach(activities),
                   "cost": figures.cost(activities, config.centre.currency)},
        "engagement": figures.engagement(ledger, activities),
        "advisory": _advisory(ledger, activities, profile, used),
        "evidence": [_evidence(e, ledger, profile, used) for e in figures.evidence_in(ledger, period)],
        "changes": _changes(history, redactor),
        "pathway": Markup(diagrams.pathway(ledger, activities)) if activities else "",
        "charts": _charts(ledger, period) if output == "markdown" else [],  # Mermaid; HTML draws SVG instead
        "warnings": [{"location": w.location, "code": w.code, "message": w.message} for w in warnings],
    }
    model["coverage_gaps"] = model["coverage_groups"]["gaps"] + model["coverage_areas"]["gaps"]
    model["svgcharts"] = svgcharts.build(ledger, period, activities, model["outcomes"]) if output == "html" else {}
    model["sources"] = [{"id": redactor.ref(e.record.id), "kind": e.kind, "path": _path(e.path, redactor)}
                        for e in sorted(used.values(), key=lambda e: e.path)]
    return model


def _outcomes(ledger: Ledger, period: Period, used: dict[str, Entry]) -> list[dict[str, Any]]:
    vocab = ledger.config.vocabularies
    rows = []
    for entry in sorted(ledger.outcomes, key=lambda e: (e.record.area, e.record.domain, e.record.id)):
        outcome = entry.record
        if outcome.status == "dropped":
            continue
        used[outcome.id] = entry
        rows.append({
            "id": outcome.id, "title": outcome.title, "status": outcome.status,
            "area": vocab.areas.get(outcome.area, outcome.area), "domain": vocab.domains.get(outcome.domain, outcome.domain),
            "groups": ", ".join(vocab.groups.get(g, g) for g in outcome.groups), "due": outcome.due,
            "indicators": [_indicator(outcome, indicator, period) for indicator in outcome.indicators],
        })
    return rows


def _indicator(outcome: Any, indicator: Any, period: Period) -> dict[str, Any]:
    state = progress(outcome, indicator, period.end)
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


def _activity(entry: Entry, ledger: Ledger, used: dict[str, Entry]) -> dict[str, Any]:
    record, vocab = entry.record, ledger.config.vocabularies
    used[record.id] = entry
    return {"id": record.id, "title": record.title, "type": vocab.activity_types.get(record.type, record.type),
            "area": vocab.areas.get(record.area, record.area), "start": record.start, "end": record.end,
            "reach": record.reach.count if record.reach else None,
            "cost": record.cost.amount if record.cost else None, "lead": record.lead}


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


def _charts(ledger: Ledger, period: Period) -> list[dict[str, Any]]:
    charts = []
    for entry in sorted(ledger.outcomes, key=lambda e: e.record.id):
        if entry.record.status == "dropped":
            continue
        for indicator in entry.record.indicators:
            if indicator.quantitative and indicator.baseline and indicator.target:
                title = f"{indicator.name} ({entry.record.id})"
                charts.append({"title": title, "chart": Markup(diagrams.indicator_chart(indicator.name, indicator, period))})
    return charts
