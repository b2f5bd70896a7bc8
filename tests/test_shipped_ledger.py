"""The Centre's own ledger, shipped in ledger/, validates clean on a pinned day: no errors and no warnings.

The day is pinned so the suite gives the same answer on any day. Whether the ledger is still clean on the
real today (milestones fall due, outcomes become overdue) is a question for the centre, not for this test
suite: `.github/workflows/ledger-up-to-date.yml` asks it every week with `impactctl validate ledger --strict`.
"""

import datetime as dt
from pathlib import Path

from impactctl import api

LEDGER = Path(__file__).resolve().parent.parent / "ledger"
# The day the shipped ledger was last brought up to date; move it forward when the ledger is updated.
LEDGER_CURRENT_ON = dt.date(2026, 12, 1)


def test_shipped_ledger_validates_clean():
    result = api.validate(LEDGER, today=LEDGER_CURRENT_ON)
    assert [f"{p.location} {p.code} {p.message}" for p in result.problems] == []
    assert result.records > 50


def test_shipped_ledger_raises_coverage_rules_to_errors():
    from impactctl.source.loader import load_config

    config, _ = load_config(LEDGER)
    assert config.setting("coverage-group-domain").severity == "error"
    assert config.setting("advisory-coverage").severity == "error"


def test_shipped_ledger_records_the_advisory_groups_challenges_and_what_became_of_them():
    from impactctl.source.loader import load_ledger

    ledger, _ = load_ledger(LEDGER, today=LEDGER_CURRENT_ON)
    challenges = [entry.record for entry in ledger.challenges]
    stakeholders = ledger.index("stakeholders")
    groups = {stakeholders[c.raised_by].record.group if c.raised_by in stakeholders else c.raised_by for c in challenges}
    assert groups == set(ledger.config.vocabularies.groups)  # at least one from each stakeholder group
    assert all(c.meeting.startswith("advisory-meeting-2026") and c.raised.year == 2026 for c in challenges)
    assert any(c.status == "answered" and c.response.evidence for c in challenges)
    declined = [c for c in challenges if c.status == "declined"]
    assert declined and all(c.response and c.response.text for c in declined)
    open_ones = [c for c in challenges if c.status == "open"]
    assert open_ones and all(c.due is None or c.due >= LEDGER_CURRENT_ON for c in open_ones)
