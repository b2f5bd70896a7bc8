"""The report's numbers: headline figures, activities by type and area, engagement, coverage of the plan."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from impactctl.model.ledger import Entry, Ledger
from impactctl.model.periods import Period


def activities_in(ledger: Ledger, period: Period) -> list[Entry]:
    """Activities running at any time in the period, by start date."""
    found = [e for e in ledger.activities
             if e.record.start <= period.end and (e.record.end or e.record.start) >= period.start]
    return sorted(found, key=lambda e: (e.record.start, e.record.id))


def evidence_in(ledger: Ledger, period: Period) -> list[Entry]:
    return sorted((e for e in ledger.evidence if e.record.date in period), key=lambda e: (e.record.date, e.record.id))


def measurements_in(ledger: Ledger, period: Period) -> int:
    return sum(1 for e in ledger.outcomes for i in e.record.indicators for m in i.measurements if m.date in period)


def achieved_in(ledger: Ledger, period: Period) -> list[Entry]:
    """Outcomes whose status became `achieved` in the period (by `status_date`)."""
    return [e for e in ledger.outcomes if e.record.status == "achieved" and e.record.status_date in period]


def reach(entries: list[Entry]) -> int:
    return sum(e.record.reach.count for e in entries if e.record.reach and e.record.reach.count)


def cost(entries: list[Entry], currency: str) -> float | None:
    """Total cost in the centre's currency; None (shown "—") when no entry records one: never an invented 0."""
    amounts = [e.record.cost.amount for e in entries if e.record.cost and e.record.cost.currency == currency]
    return sum(amounts) if amounts else None


def headline(ledger: Ledger, period: Period, previous: Period) -> list[dict[str, Any]]:
    """Figures for the period beside the previous one."""
    def figures(p: Period) -> list[int]:
        acts = activities_in(ledger, p)
        return [len(acts), reach(acts), len(evidence_in(ledger, p)), measurements_in(ledger, p), len(achieved_in(ledger, p))]

    labels = ["Activities", "People reached", "New evidence", "Measurements", "Outcomes achieved"]
    rows = []
    for label, now, before in zip(labels, figures(period), figures(previous)):
        rows.append({"label": label, "value": now, "previous": before, "change": _signed(now - before)})
    return rows


def _signed(number: int) -> str:
    return f"+{number:,}" if number > 0 else (f"−{-number:,}" if number < 0 else "0")


def group_totals(entries: list[Entry], key: str, labels: dict[str, str], currency: str) -> list[dict[str, Any]]:
    """Activities grouped by `type` or `area`: count, reach and cost, in vocabulary order."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[getattr(entry.record, key)].append(entry)
    return [{"label": labels.get(k, k), "count": len(grouped[k]), "reach": reach(grouped[k]),
             "cost": cost(grouped[k], currency)} for k in [*labels, *sorted(set(grouped) - set(labels))] if grouped[k]]


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


def coverage(ledger: Ledger, rows_from: str) -> dict[str, Any]:
    """Live outcomes counted by (group or area) × domain; empty cells are the plan's gaps."""
    vocab = ledger.config.vocabularies
    row_labels = vocab.groups if rows_from == "groups" else vocab.areas
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for entry in ledger.outcomes:
        if entry.record.status == "dropped":
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
