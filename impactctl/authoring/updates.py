"""The changes to an existing record: a measurement, an outcome's status, a challenge's response, any one field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from impactctl.authoring.edits import EditResult, edit_record
from impactctl.authoring.ids import record_path
from impactctl.authoring.order import model_at, put_in_order, set_after
from impactctl.authoring.values import parse_value
from impactctl.errors import UsageError
from impactctl.model.records import KINDS, Indicator, Response
from impactctl.source import roundtrip


def record_measurement(root: Path, outcome_id: str, value: Any, date: dt.date, indicator: str | None = None,
                       evidence: list[str] | None = None, note: str | None = None, dry_run: bool = False,
                       today: dt.date | None = None) -> EditResult:
    """Append a measurement to an outcome's indicator (the only one, or the one named)."""
    if not record_path(root, outcome_id).startswith("outcomes/"):
        raise UsageError(f"`{outcome_id}` is not an outcome; measurements belong to outcomes")
    measurement = {"date": date, "value": value}
    if evidence:
        measurement["evidence"] = list(evidence)
    if note:
        measurement["note"] = note

    def change(document: Any) -> None:
        target = _indicator(document, outcome_id, indicator)
        if "measurements" not in target or target["measurements"] is None:
            put_in_order(target, Indicator, "measurements", [])
        target["measurements"].append(roundtrip.to_yaml_value(measurement))

    return edit_record(root, outcome_id, change, dry_run, today)


def _indicator(document: Any, outcome_id: str, wanted: str | None) -> Any:
    indicators = document.get("indicators") or []
    ids = [str(item.get("id")) for item in indicators if hasattr(item, "get")]
    if wanted is None:
        if len(ids) == 1:
            return indicators[0]
        raise UsageError(f"`{outcome_id}` has {len(ids)} indicators; choose one with --indicator ({', '.join(ids) or 'none'})")
    if wanted not in ids:
        raise UsageError(f"`{outcome_id}` has no indicator `{wanted}`; its indicators: {', '.join(ids) or 'none'}")
    return indicators[ids.index(wanted)]


def set_status(root: Path, outcome_id: str, status: str, evidence: list[str] | None = None,
               dry_run: bool = False, today: dt.date | None = None, date: dt.date | None = None) -> EditResult:
    """Change an outcome's status on `date` (default today), citing evidence for it (needed to mark it achieved).

    The `status_date` says when the status last changed, and past reports are judged by it: setting the
    status it already has keeps its date (only adds evidence); a date after today is refused.
    """
    if not record_path(root, outcome_id).startswith("outcomes/"):
        raise UsageError(f"`{outcome_id}` is not an outcome")
    today = today or dt.date.today()
    if date is not None and date > today:
        raise UsageError(f"--date {date} is after today ({today}): a change is dated when it happened")

    def change(document: Any) -> None:
        unchanged = str(document.get("status", "planned")) == status
        recorded = document.get("status_date")
        if unchanged and recorded is not None:
            if date is not None and str(date) != str(recorded):
                raise UsageError(f"`{outcome_id}` has been {status} since {recorded}; to correct that date, run "
                                 f"impactctl set {outcome_id} status_date {date}")
        elif not unchanged or date is not None:
            # An unchanged status without a date gets one only when told when it began.
            document["status"] = status
            set_after(document, "status_date", date or today, after="status")
        for item in evidence or []:
            cited = document.get("evidence")
            if cited is None:
                put_in_order(document, KINDS["outcomes"], "evidence", [])  # before `indicators`, as the model orders it
                cited = document["evidence"]
            if item not in cited:
                cited.append(item)

    return edit_record(root, outcome_id, change, dry_run, today)


def respond(root: Path, challenge_id: str, text: str | None, status: str = "answered", date: dt.date | None = None,
            evidence: list[str] | None = None, dry_run: bool = False, today: dt.date | None = None) -> EditResult:
    """Record the centre's response to an advisory-group challenge, dated `date` (default today), and its status.

    The response's text replaces any earlier one; evidence is added to what it already cites.
    """
    if not record_path(root, challenge_id).startswith("challenges/"):
        raise UsageError(f"`{challenge_id}` is not a challenge; responses belong to challenges")
    today = today or dt.date.today()
    if date is not None and date > today:
        raise UsageError(f"--date {date} is after today ({today}): a response is dated when it was given")

    def change(document: Any) -> None:
        document["status"] = status
        if document.get("response") is None:
            put_in_order(document, KINDS["challenges"], "response", {})
        response = document["response"]
        if text:
            put_in_order(response, Response, "text", text)
        put_in_order(response, Response, "date", date or today)
        for item in evidence or []:
            if response.get("evidence") is None:
                put_in_order(response, Response, "evidence", [])
            if item not in response["evidence"]:
                response["evidence"].append(item)

    return edit_record(root, challenge_id, change, dry_run, today)


def set_field(root: Path, record_id: str, field: str, value: str, dry_run: bool = False,
              today: dt.date | None = None) -> EditResult:
    """Set one field, named by a dotted path (`reach.count`, `indicators.0.target.value`), to a value.

    The value is read as YAML 1.2 reads a plain scalar (`12` is a number, `no` is text); `a,b` sets a list
    when the field holds a list; an empty value removes the field.
    """
    parts = [int(p) if p.isdigit() else p for p in field.split(".")]

    def change(document: Any) -> None:
        parent = document
        for part in parts[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                raise UsageError(f"the record has no `{field}`") from None
        last = parts[-1]
        if value == "":
            if isinstance(parent, dict):
                parent.pop(last, None)
            return
        current = parent.get(last) if isinstance(parent, dict) else None
        new: Any = [parse_value(v.strip()) for v in value.split(",")] if isinstance(current, list) else parse_value(value)
        if isinstance(parent, dict):
            put_in_order(parent, model_at(kind, parts), last, new)
        else:
            parent[last] = roundtrip.to_yaml_value(new)

    kind = record_path(root, record_id).split("/")[0]
    return edit_record(root, record_id, change, dry_run, today)
