"""The report's numbers: headline figures, activities by type and area, engagement, coverage of the plan."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period
from impactctl.report import attribution
from impactctl.report.status import StatusAt, statuses


def activities_in(ledger: Ledger, period: Period) -> list[Entry]:
    """Activities running at any time in the period, by start date."""
    found = [e for e in ledger.activities if attribution.running(e.record, period)]
    return sorted(found, key=lambda e: (e.record.start, e.record.id))


def ended_in(entries: list[Entry], period: Period) -> list[Entry]:
    """The activities that count in the period: those whose last day falls in it."""
    return [e for e in entries if attribution.ended(e.record, period)]


def ongoing_at(entries: list[Entry], period: Period) -> list[Entry]:
    """The activities still running after the period's end (counted in the period they end)."""
    return [e for e in entries if attribution.ongoing(e.record, period)]


def evidence_in(ledger: Ledger, period: Period) -> list[Entry]:
    return sorted((e for e in ledger.evidence if e.record.date in period), key=lambda e: (e.record.date, e.record.id))


def measurements_in(ledger: Ledger, period: Period) -> int:
    return sum(1 for e in ledger.outcomes for i in e.record.indicators for m in i.measurements if m.date in period)


def achieved_in(states: dict[str, StatusAt], period: Period) -> list[str]:
    """Outcomes achieved at the period's end whose achievement dates from within it (`states` at its end)."""
    return sorted(i for i, state in states.items() if state.status == "achieved" and state.since in period)


def reach(entries: list[Entry], period: Period) -> int | None:
    """People reached in the period: each activity's share of its reach; None when none records a reach."""
    counted = [e.record for e in entries if e.record.reach and e.record.reach.count is not None]
    return sum(attribution.share(a.reach.count, a, period) for a in counted) if counted else None


def cost(entries: list[Entry], currency: str, period: Period) -> int | float | None:
    """The period's share of the activities' cost in the centre's currency; None (shown "—") when no entry
    records one: never an invented 0."""
    costed = [e.record for e in entries if e.record.cost and e.record.cost.currency == currency]
    if not costed:
        return None
    return attribution.major_units(sum(attribution.cost_share(a.cost.amount, a, period) for a in costed))


def headline(ledger: Ledger, period: Period, previous: Period,
             states: tuple[dict[str, StatusAt], dict[str, StatusAt]] | None = None) -> list[dict[str, Any]]:
    """Figures for the period beside the previous one; each adds up over the periods of a partition.
    `states`: the outcomes' statuses at the end of each (default: from the ledger alone)."""
    currency = ledger.config.centre.currency
    now, before = states or (statuses(ledger, period.end), statuses(ledger, previous.end))

    def figures(p: Period, at_end: dict[str, StatusAt]) -> list[Any]:
        running = activities_in(ledger, p)
        return [len(ended_in(running, p)), reach(running, p), cost(running, currency, p), len(evidence_in(ledger, p)),
                measurements_in(ledger, p), len(achieved_in(at_end, p))]

    labels = ["Activities completed", "People reached", f"Cost ({currency})", "New evidence", "Measurements",
              "Outcomes achieved"]
    rows = []
    for label, value, earlier in zip(labels, figures(period, now), figures(previous, before)):
        change = "—" if value is None or earlier is None else _signed(value - earlier)
        rows.append({"label": label, "value": value, "previous": earlier, "change": change})
    return rows


def _signed(number: int | float) -> str:
    shown = f"{abs(number):,.2f}".removesuffix(".00")  # pence only for a cost written with pence
    return f"+{shown}" if number > 0 else (f"−{shown}" if number < 0 else "0")


def group_totals(entries: list[Entry], key: str, labels: dict[str, str], currency: str,
                 period: Period) -> list[dict[str, Any]]:
    """Running activities grouped by `type` or `area`: completed, ongoing, the period's reach and cost."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[getattr(entry.record, key)].append(entry)
    return [totals(grouped[k], labels.get(k, k), currency, period)
            for k in [*labels, *sorted(set(grouped) - set(labels))] if grouped[k]]


def totals(entries: list[Entry], label: str, currency: str, period: Period) -> dict[str, Any]:
    return {"label": label, "count": len(ended_in(entries, period)), "ongoing": len(ongoing_at(entries, period)),
            "reach": reach(entries, period), "cost": cost(entries, currency, period)}


def engagement(ledger: Ledger, entries: list[Entry]) -> list[dict[str, Any]]:
    """For each stakeholder group: how many of its stakeholders the period's activities involved, and in how many activities."""
    stakeholders = ledger.index("stakeholders")
    groups = ledger.config.vocabularies.groups
    people: dict[str, set[str]] = defaultdict(set)
    activities: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for sid in entry.record.stakeholders:
            if sid in stakeholders:
                group = stakeholders[sid].record.group
                people[group].add(sid)
                activities[group].add(entry.record.id)
    return [{"group": label, "stakeholders": len(people[key]), "activities": len(activities[key])}
            for key, label in groups.items()]


def coverage(ledger: Ledger, rows_from: str, states: dict[str, StatusAt] | None = None) -> dict[str, Any]:
    """Live outcomes (by their status in `states`, else now) counted by (group or area) × domain; empty
    cells are the plan's gaps."""
    vocab = ledger.config.vocabularies
    row_labels = vocab.groups if rows_from == "groups" else vocab.areas
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for entry in ledger.outcomes:
        state = (states or {}).get(entry.record.id)
        if (state.status if state else entry.record.status) == "dropped":
            continue
        keys = entry.record.groups if rows_from == "groups" else [entry.record.area]
        for key in keys:
            counts[(key, entry.record.domain)] += 1
    rows, gaps = [], []
    for key, label in row_labels.items():
        cells = [counts[(key, domain)] for domain in vocab.domains]
        rows.append({"label": label, "cells": cells})
        gaps += [f"{label} × {vocab.domains[d]}" for d in vocab.domains if not counts[(key, d)]]
    return {"columns": list(vocab.domains.values()), "rows": rows, "gaps": gaps}
