"""The outcomes' indicators as IATI results: one iati-activity for the centre, IATI activity standard 2.03.

Elements follow the schema's sequence (iati-activities-schema.xsd): iati-identifier, reporting-org, title,
description, participating-org, activity-status, activity-date, then one `result` (type 2, outcome) per
live outcome, with one `indicator` per indicator: title, description, baseline, then one `period` per
reporting year holding the milestone or target dated in it and the last measurement taken in it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any, Optional

from impactctl.exports.formats import ExportOptions
from impactctl.model.ledger import Ledger
from impactctl.model.periods import year_period
from impactctl.model.records import Indicator, Outcome
from impactctl.report.privacy import Redactor

VERSION = "2.03"
PLACEHOLDER_ORG = "XX-UNSET"
ORGANISATION_TYPE_ACADEMIC = "80"  # OrganisationType: academic, training and research
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"  # OrganisationRole
RESULT_OUTCOME = "2"  # ResultType
MEASURE = {"count": "1", "currency": "1", "percent": "2", "qualitative": "5"}  # IndicatorMeasure
DOCUMENT_RESULTS = "A08"  # DocumentCategory: results, outcomes and outputs
FILE = "iati-activities.xml"


def files(ledger: Ledger, redactor: Redactor, options: ExportOptions) -> dict[str, str]:
    return {FILE: activities_xml(ledger, options.iati_org)}


def notes(options: ExportOptions) -> list[str]:
    """Without --iati-org the file names a placeholder organisation, to be replaced before publishing."""
    if options.iati_org:
        return []
    return [f"no --iati-org given: the reporting organisation is {PLACEHOLDER_ORG}; "
            "set your IATI organisation identifier before publishing"]


def activities_xml(ledger: Ledger, org_ref: Optional[str] = None) -> str:
    """The IATI XML document (UTF-8 text with an XML declaration)."""
    root = ET.Element("iati-activities", {"version": VERSION})
    root.append(_activity(ledger, org_ref or PLACEHOLDER_ORG))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _activity(ledger: Ledger, org_ref: str) -> ET.Element:
    centre = ledger.config.centre
    activity = ET.Element("iati-activity", {"{http://www.w3.org/XML/1998/namespace}lang": "en",
                                            "default-currency": centre.currency})
    suffix = centre.grant or centre.short_name or centre.name
    _text(activity, "iati-identifier", f"{org_ref}-{_token(suffix)}")
    _narrative(activity, "reporting-org", centre.name, ref=org_ref, type=ORGANISATION_TYPE_ACADEMIC)
    _narrative(activity, "title", centre.name)
    funded = f", funded by {centre.funder}" if centre.funder else ""
    grant = f" ({centre.grant})" if centre.grant else ""
    _narrative(activity, "description", f"Impact outcomes of {centre.name}{funded}{grant}.")
    if centre.funder:
        _narrative(activity, "participating-org", centre.funder, role=ROLE_FUNDING)
    _narrative(activity, "participating-org", centre.name, ref=org_ref, role=ROLE_IMPLEMENTING,
               type=ORGANISATION_TYPE_ACADEMIC)
    ET.SubElement(activity, "activity-status", code=_status(centre.start, centre.end, ledger.today))
    ET.SubElement(activity, "activity-date", {"type": "1", "iso-date": centre.start.isoformat()})
    if centre.start <= ledger.today:
        ET.SubElement(activity, "activity-date", {"type": "2", "iso-date": centre.start.isoformat()})
    ET.SubElement(activity, "activity-date", {"type": "3", "iso-date": centre.end.isoformat()})
    evidence = ledger.index("evidence")
    start_month = centre.reporting_year_start_month
    for entry in sorted(ledger.outcomes, key=lambda e: e.record.id):
        if entry.record.status != "dropped" and entry.record.indicators:
            activity.append(_result(entry.record, evidence, start_month))
    return activity


def _status(start: dt.date, end: dt.date, today: dt.date) -> str:
    """ActivityStatus: 1 pipeline, 2 implementation, 4 closed."""
    return "1" if today < start else ("2" if today <= end else "4")


def _result(outcome: Outcome, evidence: dict, start_month: int) -> ET.Element:
    result = ET.Element("result", type=RESULT_OUTCOME)
    _narrative(result, "title", outcome.title)
    _narrative(result, "description", outcome.statement)
    for indicator in outcome.indicators:
        result.append(_indicator(indicator, evidence, start_month))
    return result


def _indicator(indicator: Indicator, evidence: dict, start_month: int) -> ET.Element:
    attributes = {"measure": MEASURE[indicator.measure]}
    if indicator.quantitative:
        attributes["ascending"] = "1" if indicator.direction == "increase" else "0"
    element = ET.Element("indicator", attributes)
    _narrative(element, "title", indicator.name)
    if indicator.unit:
        _narrative(element, "description", f"Unit: {indicator.unit}")
    if indicator.baseline is not None:
        base = indicator.baseline
        _value(element, "baseline", base.value, indicator, {"year": str(base.date.year),
                                                             "iso-date": base.date.isoformat()})
    for period in _periods(indicator, start_month):
        element.append(_period(indicator, period, evidence))
    return element


def _periods(indicator: Indicator, start_month: int) -> list[Any]:
    """The reporting years in which the indicator has a milestone, its target or a measurement."""
    days = [m.date for m in indicator.milestones] + [m.date for m in indicator.measurements]
    days += [indicator.target.date] if indicator.target else []
    years = {day.year if day.month >= start_month else day.year - 1 for day in days}
    return [year_period(year, start_month) for year in sorted(years)]


def _period(indicator: Indicator, period: Any, evidence: dict) -> ET.Element:
    element = ET.Element("period")
    ET.SubElement(element, "period-start", {"iso-date": period.start.isoformat()})
    ET.SubElement(element, "period-end", {"iso-date": period.end.isoformat()})
    planned = [(m.date, m.value) for m in indicator.milestones if m.date in period]
    if indicator.target and indicator.target.date in period:
        planned.append((indicator.target.date, indicator.target.value))
    if planned:
        _value(element, "target", max(planned, key=lambda p: p[0])[1], indicator)
    taken = sorted((m for m in indicator.measurements if m.date in period), key=lambda m: m.date)
    if taken:
        element.append(_actual(indicator, taken[-1], evidence))
    return element


def _actual(indicator: Indicator, measurement: Any, evidence: dict) -> ET.Element:
    qualitative = not indicator.quantitative or isinstance(measurement.value, str)
    actual = ET.Element("actual", {} if qualitative else {"value": _number(measurement.value)})
    words = [f"Measured {measurement.date.isoformat()}."]
    words += [str(measurement.value)] if qualitative else []
    words += [measurement.note] if measurement.note else []
    _narrative(actual, "comment", " ".join(words))
    for evidence_id in measurement.evidence:
        item = evidence.get(evidence_id)
        if item is not None and item.record.url:
            link = ET.SubElement(actual, "document-link", url=item.record.url, format="text/html")
            _narrative(link, "title", item.record.title)
            ET.SubElement(link, "category", code=DOCUMENT_RESULTS)
            ET.SubElement(link, "document-date", {"iso-date": item.record.date.isoformat()})
    return actual


def _value(parent: ET.Element, tag: str, value: Any, indicator: Indicator, attributes: dict | None = None) -> None:
    """A baseline or target: a number in `value`, or (qualitative) words in a comment and no value, as IATI asks."""
    element = ET.SubElement(parent, tag, dict(attributes or {}))
    if indicator.quantitative and not isinstance(value, str):
        element.set("value", _number(value))
    else:
        _narrative(element, "comment", str(value))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _narrative(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "narrative").text = text
    return element


def _number(value: Any) -> str:
    """A value as IATI writes it: 21 rather than 21.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _token(text: str) -> str:
    """An identifier suffix: no spaces or slashes."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text).strip("-")
