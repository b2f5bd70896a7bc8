"""The Parquet export's rows: each record as typed, flat values (dates, numbers, lists), privacy applied.

The rows start from records.as_dict, the JSON export's data, so both exports show and hide the same things.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from impactctl.exports import records
from impactctl.exports.parquet_schema import TABLES
from impactctl.model.ledger import Ledger
from impactctl.model.records import Outcome
from impactctl.report.attribution import last_day, minor_units
from impactctl.report.privacy import Redactor
from impactctl.report.status import status_at


def rows(ledger: Ledger, redactor: Redactor, lid: str, version: int) -> dict[str, list[dict[str, Any]]]:
    """Every table of the Parquet export, by name, each row keyed to its ledger by `ledger_id`."""
    centre = ledger.config.centre
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    out.update({
        "ledgers": [{"ledger_id": lid, "schema_version": version, "profile": redactor.profile,
                     "centre": centre.name, "short_name": centre.short_name, "funder": centre.funder,
                     "grant": centre.grant, "currency": centre.currency,
                     "reporting_year_start_month": centre.reporting_year_start_month, "today": ledger.today}],
        "vocabularies": [{"ledger_id": lid, "vocabulary": name, "key": key, "label": label, "position": n}
                         for name, words in ledger.config.vocabularies.model_dump().items()
                         for n, (key, label) in enumerate(words.items())],
    })
    for entry in records.sorted_entries(ledger, "outcomes", redactor):
        _outcome(entry.record, records.as_dict(entry, redactor), lid, out)
    for entry in records.sorted_entries(ledger, "activities", redactor):
        out["activities"].append(_activity(entry.record, records.as_dict(entry, redactor), lid))
    for entry in records.sorted_entries(ledger, "stakeholders", redactor):
        out["stakeholders"].append(_stakeholder(records.as_dict(entry, redactor), lid, redactor))
    for entry in records.sorted_entries(ledger, "evidence", redactor):
        data = records.as_dict(entry, redactor)
        out["evidence"].append({"ledger_id": lid, **data, "date": entry.record.date})
    return out


def earlier_status(outcome: Outcome) -> str:
    """The status the ledger alone gives for a day before the outcome's `status_date` (report.status, rule 4)."""
    return status_at(outcome, dt.date.min, dt.date.max, None).status


def _outcome(outcome: Outcome, data: dict[str, Any], lid: str, out: dict[str, list[dict[str, Any]]]) -> None:
    keep = {k: v for k, v in data.items() if k != "indicators"}
    out["outcomes"].append({"ledger_id": lid, **keep, "due": outcome.due, "status_date": outcome.status_date,
                            "status_before": earlier_status(outcome)})
    for n, indicator in enumerate(outcome.indicators):
        ids = {"ledger_id": lid, "outcome": outcome.id, "indicator": indicator.id}
        base, goal = indicator.baseline, indicator.target
        out["indicators"].append({
            "ledger_id": lid, "outcome": outcome.id, "id": indicator.id, "position": n, "name": indicator.name,
            "measure": indicator.measure, "unit": indicator.unit, "direction": indicator.direction,
            **_value(base.value if base else None, "baseline_value", "baseline_text"),
            "baseline_date": base.date if base else None,
            **_value(goal.value if goal else None, "target_value", "target_text"),
            "target_date": goal.date if goal else None})
        for m, milestone in enumerate(indicator.milestones):
            out["milestones"].append({**ids, "position": m, "date": milestone.date, **_value(milestone.value)})
        for m, measurement in enumerate(indicator.measurements):
            out["measurements"].append({**ids, "position": m, "date": measurement.date, **_value(measurement.value),
                                        "evidence": list(measurement.evidence), "note": measurement.note})


def _value(value: Any, number: str = "value", text: str = "value_text") -> dict[str, Any]:
    """A number goes to the numeric column, words to the text one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {number: float(value), text: None}
    return {number: None, text: value}


def _activity(activity: Any, data: dict[str, Any], lid: str) -> dict[str, Any]:
    reach, cost = activity.reach, activity.cost
    return {"ledger_id": lid, **data, "start": activity.start, "end": activity.end, "last_day": last_day(activity),
            "reach_audience": reach.audience if reach else None, "reach_count": reach.count if reach else None,
            "reach_geography": reach.geography if reach else None,
            "cost_amount": float(cost.amount) if cost else None,
            "cost_minor": minor_units(cost.amount) if cost else None,  # hundredths, exactly as written
            "cost_currency": cost.currency if cost else None}


def _stakeholder(data: dict[str, Any], lid: str, redactor: Redactor) -> dict[str, Any]:
    advisory = data.get("advisory") or {}
    row = {"ledger_id": lid, **data, "advisory_role": advisory.get("role"),
           "advisory_since": _day(advisory.get("since")), "advisory_until": _day(advisory.get("until"))}
    contact = data.get("contact") or {}
    if not redactor.public:
        row.update({f"contact_{k}": contact.get(k) for k in ("name", "email", "phone", "address", "note")})
    return row


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
