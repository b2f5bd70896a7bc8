"""Build the portfolio report's view-model from the portfolio queries' rows: sorted, summed, formatted."""

from __future__ import annotations

from typing import Any

from impactctl.report import attribution
from impactctl.report.progress import STATUSES

FIGURES = ("activities_completed", "people_reached", "cost", "new_evidence", "measurements", "outcomes_achieved")


def build(answers: dict[str, list[dict[str, Any]]], included: list[tuple[str, str]],
          left_out: list[tuple[str, str]], profile: str) -> dict[str, Any]:
    """The portfolio report as data: `answers` by query name, the ledgers in (id, path) and left out (path, why)."""
    paths = dict(included)
    centres = [_centre(row, paths[row["ledger_id"]]) for row in answers["headline"]]
    periods = sorted({(c["period"], c["period_start"], c["period_end"]) for c in centres})
    return {
        "profile": profile,
        "periods": [{"label": label, "start": start, "end": end} for label, start, end in periods],
        "centres": centres,
        "totals": _totals(centres),
        "left_out": [{"path": path, "reason": reason} for path, reason in left_out],
        "statuses": list(STATUSES),
        "indicator_status": _statuses(answers["indicator_status"], [c["ledger_id"] for c in centres]),
        "behind": answers["behind"],
        "coverage": _coverage(answers["coverage"]),
        "reach": answers["reach"],
        "attribution": attribution.RULE,
    }


def _centre(row: dict[str, Any], path: str) -> dict[str, Any]:
    cost = row["cost_minor"]
    return {**row, "path": path, "cost": None if cost is None else attribution.major_units(cost)}


def _totals(centres: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums over the centres; reach None when no centre records one, cost only when all share one currency."""
    totals: dict[str, Any] = {}
    for name in FIGURES:
        values = [c[name] for c in centres if c[name] is not None]
        totals[name] = sum(values) if values else None
    currencies = {c["currency"] for c in centres if c["cost"] is not None}
    if len(currencies) > 1:
        totals["cost"] = None
    else:
        minor = [c["cost_minor"] for c in centres if c["cost_minor"] is not None]
        totals["cost"] = attribution.major_units(sum(minor)) if minor else None
    totals["currency"] = next(iter(currencies), "")
    return totals


def _statuses(rows: list[dict[str, Any]], ledger_ids: list[str]) -> list[dict[str, Any]]:
    """One row per centre, a count per status (0 when none), then the portfolio's total."""
    counts = {lid: dict.fromkeys(STATUSES, 0) for lid in ledger_ids}
    for row in rows:
        counts[row["ledger_id"]][row["status"]] = row["indicators"]
    table = [{"ledger_id": lid, "counts": [counts[lid][s] for s in STATUSES]} for lid in ledger_ids]
    table.append({"ledger_id": "all centres", "counts": [sum(counts[lid][s] for lid in ledger_ids) for s in STATUSES]})
    return table


def _coverage(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Groups × domains: live outcomes (and centres) in each cell; the empty cells are the portfolio's gaps."""
    columns = list(dict.fromkeys(r["domain_label"] for r in rows))
    grid: dict[str, list[str]] = {}
    for row in rows:
        grid.setdefault(row["group_label"], []).append(f"{row['outcomes']} ({row['centres']})")
    gaps = [f"{r['group_label']} × {r['domain_label']}" for r in rows if not r["outcomes"]]
    return {"columns": columns, "rows": [{"label": k, "cells": v} for k, v in grid.items()], "gaps": gaps,
            "counts": {(r["group_label"], r["domain_label"]): r["outcomes"] for r in rows}}
