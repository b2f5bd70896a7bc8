"""date-order: dates follow each other as they must, and nothing observed lies in the future.

- an indicator's baseline is on or before its target, its measurements and milestones;
- a measurement and a piece of evidence are dated on or before today;
- an activity ends on or after it starts; an advisory membership ends on or after it began;
- a challenge is raised on or before today and within the centre's life (not after its end), and answered
  on or after it was raised.

Passes:  baseline: {value: 10, date: 2025-01-01}  measurements: [{date: 2026-03-01, value: 12}]
Fails:   baseline: {value: 10, date: 2026-06-01}  measurements: [{date: 2026-03-01, value: 12}]
"""

from __future__ import annotations

from typing import Any, Iterator

from impactctl.checks.base import finding
from impactctl.model.ledger import Entry, Ledger
from impactctl.problems import Problem, Severity

ID = "date-order"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]:
    today = ledger.today
    for entry in ledger.checked("outcomes"):
        yield from _indicators(entry, today)
    for entry in ledger.checked("activities"):
        record = entry.record
        if record.end and record.end < record.start:
            yield finding(entry.path, ("end",), ID, f"the activity ends ({record.end}) before it starts ({record.start})",
                          hint="swap the dates, or correct the one that is wrong")
    for entry in ledger.checked("stakeholders"):
        advisory = entry.record.advisory
        if advisory and advisory.until and advisory.until < advisory.since:
            yield finding(entry.path, ("advisory", "until"), ID, "advisory membership ends before it began")
    for entry in ledger.checked("evidence"):
        if entry.record.date > today:
            yield finding(entry.path, ("date",), ID, f"the evidence is dated {entry.record.date}, after today ({today})",
                          hint="record evidence once it exists")
    for entry in ledger.checked("challenges"):
        yield from _challenge(entry, today, ledger.config.centre.end)


def _challenge(entry: Entry, today: Any, centre_end: Any) -> Iterator[Problem]:
    record = entry.record
    if record.raised > centre_end:
        yield finding(entry.path, ("raised",), ID, f"the challenge is raised on {record.raised}, after the centre's end ({centre_end})",
                      hint="correct the date, or the centre's `end` in ledger.yaml")
    elif record.raised > today:
        yield finding(entry.path, ("raised",), ID, f"the challenge is raised on {record.raised}, after today ({today})",
                      hint="record a challenge once it has been raised")
    if record.response is not None and record.response.date < record.raised:
        yield finding(entry.path, ("response", "date"), ID,
                      f"the response ({record.response.date}) is dated before the challenge was raised ({record.raised})")


def _indicators(entry: Entry, today: Any) -> Iterator[Problem]:
    for i, indicator in enumerate(entry.record.indicators):
        base = ("indicators", i)
        baseline = indicator.baseline
        if baseline and indicator.target and indicator.target.date < baseline.date:
            yield finding(entry.path, (*base, "target", "date"), ID,
                          f"indicator `{indicator.id}`: the target date {indicator.target.date} is before the baseline {baseline.date}")
        for m, milestone in enumerate(indicator.milestones):
            if baseline and milestone.date < baseline.date:
                yield finding(entry.path, (*base, "milestones", m, "date"), ID,
                              f"indicator `{indicator.id}`: milestone {milestone.date} is before the baseline {baseline.date}")
        for m, measurement in enumerate(indicator.measurements):
            loc = (*base, "measurements", m, "date")
            if baseline and measurement.date < baseline.date:
                yield finding(entry.path, loc, ID,
                              f"indicator `{indicator.id}`: measurement {measurement.date} is before the baseline {baseline.date}",
                              hint="a measurement is taken after the baseline; correct one of the dates")
            if measurement.date > today:
                yield finding(entry.path, loc, ID,
                              f"indicator `{indicator.id}`: measurement dated {measurement.date}, after today ({today})",
                              hint="record a measurement once it has been taken")
