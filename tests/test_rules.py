"""The ledger rules: for each, a ledger that passes and one that fails at an exact (path, line, column, code).

TODAY is 2026-11-26. The config is helpers.CONFIG: areas work/communities, groups
employers/publics, domains conceptual/instrumental, activity types study/advisory-meeting,
evidence types survey/letter.
"""

from __future__ import annotations

import hashlib

import pytest

from impactctl.checks import RULES_BY_ID
from impactctl.problems import Severity
from tests.helpers import CONFIG, OUTCOME, dedent, found, run, write_ledger

STAKEHOLDER = """\
id: cipd
name: CIPD
type: organisation
group: employers
"""

ACTIVITY = """\
id: study
title: Workplace study
type: study
area: work
start: 2025-01-01
lead: Dr B. Lead
outcomes: [x]
"""

EVIDENCE = """\
id: survey
title: Employer survey
date: 2026-03-01
type: survey
url: https://example.org/survey
"""


def found_valid(tmp_path, files, code, config=CONFIG):
    """Like `found`, after checking every file loaded (only rule findings), so that a pass is not vacuous."""
    problems = found(tmp_path, files, config=config)
    assert [p for p in problems if p[3] not in RULES_BY_ID] == []
    return [p for p in problems if p[3] == code]


def with_rules(rules: str) -> str:
    """helpers.CONFIG (22 lines) followed by a `rules:` block, which therefore starts on line 23."""
    return CONFIG + dedent(rules)


# --- id-matches-file ------------------------------------------------------------


def test_id_matches_file_passes(tmp_path):
    assert found_valid(tmp_path, {"outcomes/x.yaml": OUTCOME.format(id="x")}, "id-matches-file") == []


def test_id_matches_file_fails_at_the_id(tmp_path):
    files = {"outcomes/parents-aware.yaml": OUTCOME.format(id="parent-aware")}
    assert found(tmp_path, files, code="id-matches-file") == [("outcomes/parents-aware.yaml", 1, 5, "id-matches-file")]


# --- id-unique ------------------------------------------------------------------


def test_id_unique_passes(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a"), "evidence/b.yaml": EVIDENCE.replace("id: survey", "id: b")}
    assert found_valid(tmp_path, files, "id-unique") == []


def test_id_unique_fails_across_kinds_at_the_later_record(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a"), "evidence/a.yaml": EVIDENCE.replace("id: survey", "id: a")}
    assert found(tmp_path, files, code="id-unique") == [("evidence/a.yaml", 1, 5, "id-unique")]


def test_id_unique_fails_on_a_repeated_indicator_id(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: qualitative
          - id: aware
            name: Aware again
            measure: qualitative
        """}
    assert found(tmp_path, files, code="id-unique") == [("outcomes/x.yaml", 13, 9, "id-unique")]


# --- reference-exists -----------------------------------------------------------


def test_reference_exists_passes(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x"), "activities/study.yaml": ACTIVITY}
    assert found_valid(tmp_path, files, "reference-exists") == []


def test_reference_exists_fails_at_the_list_item_with_a_did_you_mean(tmp_path):
    files = {"outcomes/parents-aware.yaml": OUTCOME.format(id="parents-aware"), "activities/study.yaml": """\
        id: study
        title: Workplace study
        type: study
        area: work
        start: 2025-01-01
        lead: Dr B. Lead
        outcomes: [parents-aware, parent-aware]
        """}
    assert found(tmp_path, files, code="reference-exists") == [("activities/study.yaml", 7, 27, "reference-exists")]
    [problem] = [p for p in run(tmp_path).problems if p.code == "reference-exists"]
    assert problem.hint == "did you mean `parents-aware`?"


def test_reference_exists_checks_measurement_evidence_and_names_the_right_kind(tmp_path):
    files = {"stakeholders/cipd.yaml": STAKEHOLDER, "outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: qualitative
            measurements:
              - date: 2026-03-01
                value: some
                evidence: [cipd]
        """}
    assert found(tmp_path, files, code="reference-exists") == [("outcomes/x.yaml", 16, 20, "reference-exists")]
    [problem] = [p for p in run(tmp_path).problems if p.code == "reference-exists"]
    assert problem.hint == "`cipd` is a stakeholder, not an evidence"


# --- vocabulary -----------------------------------------------------------------


def test_vocabulary_passes(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x"), "activities/study.yaml": ACTIVITY,
             "stakeholders/cipd.yaml": STAKEHOLDER, "evidence/survey.yaml": EVIDENCE}
    assert found_valid(tmp_path, files, "vocabulary") == []


def test_vocabulary_fails_at_the_value_and_at_the_list_item(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: workplace
        domain: conceptual
        groups: [employers, parents]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: qualitative
        """}
    assert found(tmp_path, files, code="vocabulary") == [
        ("outcomes/x.yaml", 3, 7, "vocabulary"),
        ("outcomes/x.yaml", 5, 21, "vocabulary"),
    ]


def test_vocabulary_fails_on_activity_stakeholder_and_evidence_types(tmp_path):
    files = {
        "activities/study.yaml": ACTIVITY.replace("type: study", "type: workshop"),
        "stakeholders/cipd.yaml": STAKEHOLDER.replace("group: employers", "group: unions"),
        "evidence/survey.yaml": EVIDENCE.replace("type: survey", "type: video"),
        "outcomes/x.yaml": OUTCOME.format(id="x"),
    }
    assert found(tmp_path, files, code="vocabulary") == [
        ("activities/study.yaml", 3, 7, "vocabulary"),
        ("evidence/survey.yaml", 4, 7, "vocabulary"),
        ("stakeholders/cipd.yaml", 4, 8, "vocabulary"),
    ]


# --- date-order -----------------------------------------------------------------


def test_date_order_passes(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: percent
            unit: "%"
            baseline: {value: 10, date: 2025-01-01}
            target: {value: 50, date: 2028-12-31}
            milestones: [{date: 2026-06-30, value: 20}]
            measurements: [{date: 2026-03-01, value: 12}]
        """}
    assert found_valid(tmp_path, files, "date-order") == []


def test_date_order_fails_on_indicator_dates_before_the_baseline(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: percent
            unit: "%"
            baseline: {value: 10, date: 2026-06-01}
            target: {value: 50, date: 2026-01-01}
            milestones:
              - {date: 2026-05-01, value: 20}
            measurements:
              - {date: 2026-03-01, value: 12}
        """}
    assert found(tmp_path, files, code="date-order") == [
        ("outcomes/x.yaml", 15, 31, "date-order"),  # target
        ("outcomes/x.yaml", 17, 16, "date-order"),  # milestone
        ("outcomes/x.yaml", 19, 16, "date-order"),  # measurement
    ]


def test_date_order_fails_on_a_measurement_after_today(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: percent
            unit: "%"
            baseline: {value: 10, date: 2025-01-01}
            target: {value: 50, date: 2028-12-31}
            measurements:
              - date: 2026-11-27
                value: 12
        """}
    assert found(tmp_path, files, code="date-order") == [("outcomes/x.yaml", 17, 15, "date-order")]


def test_date_order_fails_on_activity_advisory_and_evidence_dates(tmp_path):
    files = {
        "activities/study.yaml": ACTIVITY + "end: 2024-12-31\n",
        "stakeholders/cipd.yaml": STAKEHOLDER + "advisory: {role: member, since: 2025-01-01, until: 2024-01-01}\n",
        "evidence/survey.yaml": EVIDENCE.replace("date: 2026-03-01", "date: 2026-11-27"),
    }
    assert found(tmp_path, files, code="date-order") == [
        ("activities/study.yaml", 8, 6, "date-order"),
        ("evidence/survey.yaml", 3, 7, "date-order"),
        ("stakeholders/cipd.yaml", 5, 52, "date-order"),
    ]


def test_date_order_accepts_evidence_dated_today(tmp_path):
    files = {"evidence/survey.yaml": EVIDENCE.replace("date: 2026-03-01", "date: 2026-11-26")}
    assert found_valid(tmp_path, files, "date-order") == []


# --- indicator-values -----------------------------------------------------------


def test_indicator_values_passes(tmp_path):
    assert found_valid(tmp_path, {"outcomes/x.yaml": OUTCOME.format(id="x")}, "indicator-values") == []


def test_indicator_values_fails_on_text_in_a_percent(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: percent
            unit: "%"
            baseline: {value: "12%", date: 2025-10-01}
            target: {value: 50, date: 2028-12-31}
        """}
    assert found(tmp_path, files, code="indicator-values") == [("outcomes/x.yaml", 14, 23, "indicator-values")]


def test_indicator_values_fails_on_out_of_range_and_fractional_counts(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: aware
            name: Aware
            measure: percent
            unit: "%"
            baseline: {value: 10, date: 2025-01-01}
            target: {value: 120, date: 2028-12-31}
          - id: reach
            name: Reach
            measure: count
            unit: people
            baseline: {value: 0, date: 2025-01-01}
            target: {value: 500, date: 2028-12-31}
            measurements:
              - {date: 2026-03-01, value: 2.5}
          - id: adopted
            name: Adopted
            measure: qualitative
            milestones:
              - {date: 2027-06-30, value: 3}
        """}
    assert found(tmp_path, files, code="indicator-values") == [
        ("outcomes/x.yaml", 15, 21, "indicator-values"),
        ("outcomes/x.yaml", 23, 35, "indicator-values"),
        ("outcomes/x.yaml", 28, 35, "indicator-values"),
    ]


def test_indicator_values_fails_on_nan(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("{value: 50,", "{value: .nan,")}
    assert found(tmp_path, files, code="indicator-values") == [("outcomes/x.yaml", 17, 21, "indicator-values")]


# --- smart-complete -------------------------------------------------------------


def test_smart_complete_passes(tmp_path):
    assert found_valid(tmp_path, {"outcomes/x.yaml": OUTCOME.format(id="x")}, "smart-complete") == []


def test_smart_complete_fails_on_an_empty_indicator_list(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators: []
        """}
    assert found(tmp_path, files, code="smart-complete") == [("outcomes/x.yaml", 9, 13, "smart-complete")]


def test_smart_complete_fails_on_missing_due_and_indicators_at_the_record(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        """}
    assert found(tmp_path, files, code="smart-complete") == [
        ("outcomes/x.yaml", 1, 1, "smart-complete"),
        ("outcomes/x.yaml", 1, 1, "smart-complete"),
    ]


def test_smart_complete_fails_on_a_count_without_target_at_the_indicator(tmp_path):
    files = {"outcomes/x.yaml": """\
        id: x
        title: T
        area: work
        domain: conceptual
        groups: [employers]
        owner: A
        statement: S
        due: 2028-12-31
        indicators:
          - id: reach
            name: Reach
            measure: count
            unit: people
            baseline: {value: 0, date: 2025-01-01}
        """}
    assert found(tmp_path, files, code="smart-complete") == [("outcomes/x.yaml", 10, 5, "smart-complete")]


# --- evidence-file --------------------------------------------------------------


def test_evidence_file_passes_with_the_right_sha256(tmp_path):
    digest = hashlib.sha256(b"minutes\n").hexdigest()
    files = {"evidence/files/minutes.txt": b"minutes\n", "evidence/minutes.yaml": f"""\
        id: minutes
        title: Minutes
        date: 2026-03-01
        type: letter
        file: evidence/files/minutes.txt
        sha256: {digest}
        """}
    assert found_valid(tmp_path, files, "evidence-file") == []


def test_evidence_file_passes_with_a_url(tmp_path):
    assert found_valid(tmp_path, {"evidence/survey.yaml": EVIDENCE}, "evidence-file") == []


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "evidence/files/gone.pdf"])
def test_evidence_file_fails_outside_the_ledger_or_missing(tmp_path, name):
    files = {"evidence/letter.yaml": f"""\
        id: letter
        title: Letter
        date: 2026-03-01
        type: letter
        file: {name}
        """}
    assert found(tmp_path, files, code="evidence-file") == [("evidence/letter.yaml", 5, 7, "evidence-file")]


def test_evidence_file_fails_without_sha256_at_the_file(tmp_path):
    files = {"evidence/files/minutes.txt": b"minutes\n", "evidence/minutes.yaml": """\
        id: minutes
        title: Minutes
        date: 2026-03-01
        type: letter
        file: evidence/files/minutes.txt
        """}
    assert found(tmp_path, files, code="evidence-file") == [("evidence/minutes.yaml", 5, 7, "evidence-file")]


def test_evidence_file_fails_on_a_changed_file_at_the_sha256(tmp_path):
    files = {"evidence/files/minutes.txt": b"minutes, edited\n", "evidence/minutes.yaml": f"""\
        id: minutes
        title: Minutes
        date: 2026-03-01
        type: letter
        file: evidence/files/minutes.txt
        sha256: {hashlib.sha256(b"minutes").hexdigest()}
        """}
    assert found(tmp_path, files, code="evidence-file") == [("evidence/minutes.yaml", 6, 9, "evidence-file")]


def test_evidence_file_fails_with_neither_url_nor_file_at_the_record(tmp_path):
    files = {"evidence/letter.yaml": """\
        id: letter
        title: Letter
        date: 2026-03-01
        type: letter
        """}
    assert found(tmp_path, files, code="evidence-file") == [("evidence/letter.yaml", 1, 1, "evidence-file")]


# --- achieved-evidence ----------------------------------------------------------


def test_achieved_evidence_passes_when_the_outcome_cites_evidence(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("status: active", "status: achieved\nevidence: [survey]"),
             "evidence/survey.yaml": EVIDENCE}
    assert found_valid(tmp_path, files, "achieved-evidence") == []


def test_achieved_evidence_passes_when_evidence_names_the_outcome(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("status: active", "status: achieved"),
             "evidence/survey.yaml": EVIDENCE + "outcomes: [x]\n"}
    assert found_valid(tmp_path, files, "achieved-evidence") == []


def test_achieved_evidence_fails_at_the_status(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("status: active", "status: achieved"),
             "evidence/survey.yaml": EVIDENCE}
    assert found(tmp_path, files, code="achieved-evidence") == [("outcomes/x.yaml", 9, 9, "achieved-evidence")]


# --- coverage-group-domain ------------------------------------------------------


def test_coverage_group_domain_passes(tmp_path):
    both = OUTCOME.replace("groups: [employers]", "groups: [employers, publics]")
    files = {"outcomes/x.yaml": both.format(id="x"),
             "outcomes/y.yaml": both.format(id="y").replace("domain: conceptual", "domain: instrumental")}
    assert found_valid(tmp_path, files, "coverage-group-domain") == []


def test_coverage_group_domain_fails_at_the_group_key_in_ledger_yaml(tmp_path):
    both = OUTCOME.replace("groups: [employers]", "groups: [employers, publics]")
    files = {"outcomes/x.yaml": both.format(id="x"),
             "outcomes/y.yaml": both.format(id="y").replace("domain: conceptual", "domain: instrumental")
                                                   .replace("status: active", "status: dropped")}
    # line 12 is `    employers: Employers`, line 13 `    publics: Publics`: neither has an instrumental outcome
    assert found(tmp_path, files, code="coverage-group-domain") == [
        ("ledger.yaml", 12, 5, "coverage-group-domain"),
        ("ledger.yaml", 13, 5, "coverage-group-domain"),
    ]


def test_coverage_group_domain_can_be_raised_to_an_error(tmp_path):
    config = with_rules("""\
        rules:
          coverage-group-domain: error
        """)
    files = {"outcomes/x.yaml": OUTCOME.format(id="x")}
    assert found(tmp_path, files, config=config, code="coverage-group-domain", severity=Severity.ERROR) == [
        ("ledger.yaml", 12, 5, "coverage-group-domain"),
        ("ledger.yaml", 13, 5, "coverage-group-domain"),
        ("ledger.yaml", 13, 5, "coverage-group-domain"),
    ]


# --- advisory-coverage ----------------------------------------------------------


def test_advisory_coverage_passes(tmp_path):
    files = {
        "stakeholders/cipd.yaml": STAKEHOLDER + "advisory: {role: member, since: 2024-01-01}\n",
        "stakeholders/mind.yaml": """\
            id: mind
            name: Mind
            type: organisation
            group: publics
            advisory: {role: chair, since: 2024-01-01, until: 2026-11-26}
            """,
    }
    assert found_valid(tmp_path, files, "advisory-coverage") == []


def test_advisory_coverage_fails_at_the_group_key_in_ledger_yaml(tmp_path):
    files = {
        "stakeholders/cipd.yaml": STAKEHOLDER + "advisory: {role: member, since: 2024-01-01}\n",
        "stakeholders/mind.yaml": """\
            id: mind
            name: Mind
            type: organisation
            group: publics
            advisory: {role: member, since: 2024-01-01, until: 2026-11-25}
            """,
    }
    assert found(tmp_path, files, code="advisory-coverage") == [("ledger.yaml", 13, 5, "advisory-coverage")]


def test_advisory_coverage_does_not_count_a_member_who_has_not_joined_yet(tmp_path):
    files = {
        "stakeholders/cipd.yaml": STAKEHOLDER + "advisory: {role: member, since: 2024-01-01}\n",
        "stakeholders/mind.yaml": """\
            id: mind
            name: Mind
            type: organisation
            group: publics
            advisory: {role: member, since: 2027-01-01}
            """,
    }
    assert found(tmp_path, files, code="advisory-coverage") == [("ledger.yaml", 13, 5, "advisory-coverage")]


# --- outcome-unsupported --------------------------------------------------------


def test_outcome_unsupported_passes(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x"), "activities/study.yaml": ACTIVITY}
    assert found_valid(tmp_path, files, "outcome-unsupported") == []


def test_outcome_unsupported_ignores_dropped_outcomes(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("status: active", "status: dropped")}
    assert found_valid(tmp_path, files, "outcome-unsupported") == []


def test_outcome_unsupported_fails_at_the_id(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x"),
             "activities/study.yaml": ACTIVITY.replace("outcomes: [x]", "outcomes: []")}
    assert found(tmp_path, files, code="outcome-unsupported") == [("outcomes/x.yaml", 1, 5, "outcome-unsupported")]


# --- measurement-evidence -------------------------------------------------------

MEASURED = """\
id: x
title: T
area: work
domain: conceptual
groups: [employers]
owner: A
statement: S
due: 2028-12-31
indicators:
  - id: aware
    name: Aware
    measure: percent
    unit: "%"
    baseline: {value: 10, date: 2025-01-01}
    target: {value: 50, date: 2028-12-31}
    measurements:
      - {date: 2026-03-31, value: 14}
"""


def test_measurement_evidence_passes(tmp_path):
    files = {"outcomes/x.yaml": MEASURED.replace("value: 14}", "value: 14, evidence: [survey]}"),
             "evidence/survey.yaml": EVIDENCE}
    assert found_valid(tmp_path, files, "measurement-evidence") == []


def test_measurement_evidence_fails_at_the_measurement(tmp_path):
    files = {"outcomes/x.yaml": MEASURED}
    assert found(tmp_path, files, code="measurement-evidence", severity=Severity.WARNING) == [
        ("outcomes/x.yaml", 17, 9, "measurement-evidence"),
    ]


# --- milestone-missed -----------------------------------------------------------

MILESTONE = """\
id: x
title: T
area: work
domain: conceptual
groups: [employers]
owner: A
statement: S
due: 2028-12-31
indicators:
  - id: aware
    name: Aware
    measure: percent
    unit: "%"
    direction: {direction}
    baseline: {{value: {baseline}, date: 2025-01-01}}
    target: {{value: {target}, date: 2028-12-31}}
    milestones:
      - {{date: 2026-06-30, value: 20}}
    measurements:
      - {{date: 2026-06-15, value: {measured}, evidence: [survey]}}
"""


def milestone(direction="increase", measured=22):
    baseline, target = (10, 50) if direction == "increase" else (40, 5)
    return MILESTONE.format(direction=direction, baseline=baseline, target=target, measured=measured)


@pytest.mark.parametrize("direction, measured", [("increase", 22), ("increase", 20), ("decrease", 18)])
def test_milestone_missed_passes(tmp_path, direction, measured):
    files = {"outcomes/x.yaml": milestone(direction, measured), "evidence/survey.yaml": EVIDENCE}
    assert found_valid(tmp_path, files, "milestone-missed") == []


@pytest.mark.parametrize("direction, measured", [("increase", 17), ("decrease", 21)])
def test_milestone_missed_fails_at_the_milestone(tmp_path, direction, measured):
    files = {"outcomes/x.yaml": milestone(direction, measured), "evidence/survey.yaml": EVIDENCE}
    assert found(tmp_path, files, code="milestone-missed") == [("outcomes/x.yaml", 18, 9, "milestone-missed")]


def test_milestone_missed_ignores_measurements_after_the_milestone(tmp_path):
    files = {"outcomes/x.yaml": milestone(measured=25).replace("2026-06-15", "2026-07-15"),
             "evidence/survey.yaml": EVIDENCE}
    assert found(tmp_path, files, code="milestone-missed") == [("outcomes/x.yaml", 18, 9, "milestone-missed")]


def test_milestone_missed_waits_for_the_milestone_date(tmp_path):
    files = {"outcomes/x.yaml": milestone(measured=17).replace("2026-06-30", "2026-11-26"),
             "evidence/survey.yaml": EVIDENCE}
    assert found_valid(tmp_path, files, "milestone-missed") == []


def test_milestone_missed_grace_days_is_a_valid_option(tmp_path):
    config = with_rules("""\
        rules:
          milestone-missed: {options: {grace_days: 180}}
        """)
    files = {"outcomes/x.yaml": milestone(measured=17), "evidence/survey.yaml": EVIDENCE}
    assert found_valid(tmp_path, files, "milestone-missed", config=config) == []


def test_milestone_missed_still_fails_once_grace_days_are_over(tmp_path):
    config = with_rules("""\
        rules:
          milestone-missed: {options: {grace_days: 30}}
        """)
    files = {"outcomes/x.yaml": milestone(measured=17), "evidence/survey.yaml": EVIDENCE}
    assert found(tmp_path, files, config=config, code="milestone-missed") == [("outcomes/x.yaml", 18, 9, "milestone-missed")]


# --- outcome-overdue ------------------------------------------------------------


def test_outcome_overdue_passes_once_settled(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("due: 2028-12-31", "due: 2026-03-31")
                                                      .replace("status: active", "status: missed")}
    assert found_valid(tmp_path, files, "outcome-overdue") == []


def test_outcome_overdue_passes_while_due_is_ahead(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("due: 2028-12-31", "due: 2026-11-26")}
    assert found_valid(tmp_path, files, "outcome-overdue") == []


def test_outcome_overdue_fails_at_the_status(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("due: 2028-12-31", "due: 2026-03-31")}
    assert found(tmp_path, files, code="outcome-overdue") == [("outcomes/x.yaml", 9, 9, "outcome-overdue")]


def test_outcome_overdue_without_status_points_at_the_record(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace("due: 2028-12-31", "due: 2026-03-31")
                                                      .replace("status: active\n", "")}
    assert found(tmp_path, files, code="outcome-overdue") == [("outcomes/x.yaml", 1, 1, "outcome-overdue")]


# --- rule settings in ledger.yaml -----------------------------------------------


def test_severity_override_raises_a_warning_to_an_error(tmp_path):
    config = with_rules("""\
        rules:
          measurement-evidence: error
        """)
    assert found(tmp_path, {"outcomes/x.yaml": MEASURED}, config=config, code="measurement-evidence",
                 severity=Severity.ERROR) == [("outcomes/x.yaml", 17, 9, "measurement-evidence")]


def test_severity_override_in_the_long_form(tmp_path):
    config = with_rules("""\
        rules:
          measurement-evidence: {severity: error}
        """)
    assert found(tmp_path, {"outcomes/x.yaml": MEASURED}, config=config, code="measurement-evidence",
                 severity=Severity.ERROR) == [("outcomes/x.yaml", 17, 9, "measurement-evidence")]


def test_severity_off_silences_a_rule(tmp_path):
    config = with_rules("""\
        rules:
          measurement-evidence: off
        """)
    assert found_valid(tmp_path, {"outcomes/x.yaml": MEASURED}, "measurement-evidence", config=config) == []


def test_unknown_rule_points_at_the_key_with_a_did_you_mean(tmp_path):
    config = with_rules("""\
        rules:
          measurment-evidence: error
        """)
    assert found(tmp_path, {}, config=config, code="config-unknown-rule") == [("ledger.yaml", 24, 3, "config-unknown-rule")]
    [problem] = [p for p in run(tmp_path).problems if p.code == "config-unknown-rule"]
    assert problem.hint == "did you mean `measurement-evidence`?"


def test_unknown_option_points_at_the_option_key(tmp_path):
    config = with_rules("""\
        rules:
          milestone-missed:
            options:
              grace: 30
        """)
    assert found(tmp_path, {}, config=config, code="config-unknown-option") == [
        ("ledger.yaml", 26, 7, "config-unknown-option"),
    ]
    [problem] = [p for p in run(tmp_path).problems if p.code == "config-unknown-option"]
    assert problem.hint == "its options: grace_days"


def test_a_clean_ledger_crashes_no_rule(tmp_path):
    write_ledger(tmp_path, {"outcomes/x.yaml": OUTCOME.format(id="x")})
    assert [p for p in run(tmp_path).problems if p.code == "rule-crashed"] == []


def test_an_option_of_the_wrong_type_is_reported(tmp_path):
    config = CONFIG + "rules:\n  milestone-missed:\n    options:\n      grace_days: soon\n"
    assert found(tmp_path, {}, config=config, code="config-option-type") == [("ledger.yaml", 26, 19, "config-option-type")]


def test_a_huge_grace_days_does_not_crash_the_rule(tmp_path):
    config = CONFIG + "rules:\n  milestone-missed:\n    options:\n      grace_days: 1000000000\n"
    assert found(tmp_path, {}, config=config, code="rule-crashed") == []


# --- personal-data ---------------------------------------------------------------------------------

PERSON = """\
id: sam-example
name: Sam Example
type: person
group: employers
contact:
  email: sam@example.org
  phone: 020 7946 0123
"""


def test_personal_data_passes_when_contacts_stay_under_contact(tmp_path):
    files = {"stakeholders/sam-example.yaml": PERSON,
             "outcomes/x.yaml": OUTCOME.format(id="x").replace("statement: Employers", "statement: Many employers")}
    assert found(tmp_path, files, code="personal-data") == []


@pytest.mark.parametrize("text", ["Write to sam@example.org for details.", "Call +44 20 7946 0123 first.",
                                  "Sam Example presented the findings."])
def test_personal_data_in_published_text_is_an_error(tmp_path, text):
    files = {"stakeholders/sam-example.yaml": PERSON,
             "outcomes/x.yaml": OUTCOME.format(id="x").replace(
                 "statement: Employers in the region report better understanding.", f"statement: {text}")}
    assert found(tmp_path, files, code="personal-data") == [("outcomes/x.yaml", 7, 12, "personal-data")]


def test_a_consenting_persons_name_may_be_published(tmp_path):
    files = {"stakeholders/sam-example.yaml": PERSON + "consent_to_name: true\n",
             "outcomes/x.yaml": OUTCOME.format(id="x").replace(
                 "statement: Employers in the region report better understanding.",
                 "statement: Sam Example presented the findings.")}
    assert found(tmp_path, files, code="personal-data") == []


def test_dates_and_ids_are_not_mistaken_for_phone_numbers(tmp_path):
    files = {"outcomes/x.yaml": OUTCOME.format(id="x").replace(
        "statement: Employers in the region report better understanding.",
        "statement: Survey 2026-03-31 wave 12, grant ES/S012567/1, 1,250 responses, 2024-2026.")}
    assert found(tmp_path, files, code="personal-data") == []


def test_personal_data_first_pass_reads_every_text_the_rule_checks():
    """The rule's first pass scans the JSON of each record's published fields only; it must hold every text
    the field-by-field pass would check, or personal data in that text would be missed."""
    import json

    from impactctl import api
    from impactctl.checks.rules import personal_data
    from tests.conftest import SHIPPED

    ledger, _ = api.check(SHIPPED)
    for entry in ledger.entries:
        skip = personal_data._unpublished(type(entry.record))
        strings, stack = set(), [json.loads(entry.record.model_dump_json(exclude=skip))]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                strings.add(value)
            elif isinstance(value, (list, dict)):
                stack.extend(value.values() if isinstance(value, dict) else value)
        texts = {text for _, text in personal_data._texts(entry.record)}
        assert texts <= strings, entry.path
