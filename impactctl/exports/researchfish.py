"""Researchfish sections as CSV: engagement activities, and influence on policy, practice, patients and the public.

Columns carry Researchfish's question labels, in the form's order, so each row is copied, not re-typed;
a last column names the ledger record the row came from.

- Engagement activities: every activity with a `form` (the Researchfish "form of engagement activity").
- Influence on policy: every piece of evidence of an outcome in the `instrumental` domain (changed
  strategies, plans, networks, investment): one row per documented instance of influence.
"""

from __future__ import annotations

from typing import Any

from impactctl.checks.refs import evidence_for
from impactctl.exports.formats import ExportOptions
from impactctl.exports.tables import to_csv
from impactctl.model.ledger import Entry, Ledger
from impactctl.report.privacy import Redactor

ENGAGEMENT_FILE, INFLUENCE_FILE = "engagement-activities.csv", "influence-on-policy.csv"
ENGAGEMENT_COLUMNS = ("Title", "Form of engagement activity", "Part of an official scheme?", "Geographical reach",
                      "Primary audience", "Results and impact", "Year(s) of engagement activity", "URL",
                      "impactctl id")
INFLUENCE_COLUMNS = ("Description", "Type", "Geographic reach", "Impact", "Year", "URL", "impactctl outcome",
                     "impactctl id")
POLICY_DOMAINS = ("instrumental",)

_REACH = {"local": "Local", "regional": "Regional", "national": "National", "international": "International"}
_POLICY_REACH = {"local": "Local/Municipal/Regional", "regional": "Local/Municipal/Regional",
                 "national": "National", "international": "Multiple continents/international"}
_BREADTH = ("local", "regional", "national", "international")
_POLICY_TYPES = {"policy-document": "Citation in other policy documents",
                 "citation": "Citation in other policy documents"}


def files(ledger: Ledger, redactor: Redactor, options: ExportOptions) -> dict[str, str]:
    """One CSV per Researchfish section (the profile does not change them)."""
    return sections(ledger)


def sections(ledger: Ledger) -> dict[str, str]:
    """File name -> CSV text, one file per Researchfish section."""
    return {ENGAGEMENT_FILE: to_csv(ENGAGEMENT_COLUMNS, engagement_rows(ledger), spreadsheet=True),
            INFLUENCE_FILE: to_csv(INFLUENCE_COLUMNS, influence_rows(ledger), spreadsheet=True)}


def engagement_rows(ledger: Ledger) -> list[dict[str, str]]:
    outcomes = ledger.index("outcomes")
    rows = []
    for entry in sorted(ledger.activities, key=lambda e: (e.record.start, e.record.id)):
        activity = entry.record
        if not activity.form:
            continue
        reach = activity.reach
        rows.append({
            "Title": activity.title,
            "Form of engagement activity": activity.form,
            "Part of an official scheme?": "",
            "Geographical reach": _REACH.get(reach.geography, "") if reach and reach.geography else "",
            "Primary audience": activity.primary_audience or "",
            "Results and impact": _results(activity, outcomes),
            "Year(s) of engagement activity": ", ".join(str(y) for y in range(activity.start.year,
                                                                                (activity.end or activity.start).year + 1)),
            "URL": next((o.url for o in activity.outputs if o.url), ""),
            "impactctl id": activity.id,
        })
    return rows


def _results(activity: Any, outcomes: dict[str, Entry]) -> str:
    parts = [activity.description or ""]
    if activity.reach and activity.reach.count:
        audience = f" ({activity.reach.audience})" if activity.reach.audience else ""
        parts.append(f"Reached about {activity.reach.count:,} people{audience}.")
    titles = [outcomes[o].record.title for o in activity.outcomes if o in outcomes]
    if titles:
        parts.append("Contributes to: " + "; ".join(titles) + ".")
    return " ".join(p for p in parts if p)


def influence_rows(ledger: Ledger) -> list[dict[str, str]]:
    evidence = ledger.index("evidence")
    activities = ledger.index("activities")
    cited = evidence_for(ledger)
    rows = []
    for outcome in sorted(ledger.outcomes, key=lambda e: e.record.id):
        if outcome.record.domain not in POLICY_DOMAINS:
            continue
        found = sorted((evidence[i] for i in cited.get(outcome.record.id, ()) if i in evidence),
                       key=lambda e: (e.record.date, e.record.id))
        for entry in found:
            item = entry.record
            rows.append({
                "Description": item.title,
                "Type": _POLICY_TYPES.get(item.type, ""),
                "Geographic reach": _policy_reach(item, activities),
                "Impact": " ".join(p for p in (item.note or "", f"Outcome: {outcome.record.title}.") if p),
                "Year": str(item.date.year),
                "URL": item.url or "",
                "impactctl outcome": outcome.record.id,
                "impactctl id": item.id,
            })
    return rows


def _policy_reach(item: Any, activities: dict[str, Entry]) -> str:
    """The broadest reach of the activities the evidence documents."""
    reaches = [activities[a].record.reach.geography for a in item.activities
               if a in activities and activities[a].record.reach and activities[a].record.reach.geography]
    return _POLICY_REACH[max(reaches, key=_BREADTH.index)] if reaches else ""
