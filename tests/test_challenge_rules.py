"""The rules over challenges/: each with a ledger that passes and one that fails at an exact (path, line, col, code).

TODAY is 2026-11-26; helpers.CONFIG's centre runs 2024-01-01 to 2029-12-31 and its `challenge_kinds` are the
defaults (challenge, recommendation, request, support-offered).
"""

from __future__ import annotations

from tests.helpers import CONFIG, OUTCOME, found
from tests.test_rules import found_valid

MEMBER = """\
id: adv-sam
name: Sam Example
type: person
group: publics
advisory:
  role: Member for the public
  since: 2024-01-01
"""

MEETING = """\
id: meeting-june
title: Advisory group, June
type: advisory-meeting
area: work
start: 2026-06-24
lead: Dr B. Lead
"""

STUDY = """\
id: study
title: Workplace study
type: study
area: work
start: 2025-01-01
lead: Dr B. Lead
"""

EVIDENCE = """\
id: minutes
title: Minutes
date: 2026-07-01
type: letter
url: https://example.org/minutes
"""

CHALLENGE = """\
id: c1
text: Show employers the findings before they are published.
raised: 2026-06-24
raised_by: {raised_by}
meeting: {meeting}
kind: challenge
outcomes: [x]
owner: Dr A. Researcher
due: 2026-09-30
status: {status}
"""


def ledger(challenge: str) -> dict[str, str]:
    return {"stakeholders/adv-sam.yaml": MEMBER, "activities/meeting-june.yaml": MEETING,
            "activities/study.yaml": STUDY, "evidence/minutes.yaml": EVIDENCE,
            "outcomes/x.yaml": OUTCOME.format(id="x"), "challenges/c1.yaml": challenge}


def challenge(raised_by="adv-sam", meeting="meeting-june", status="answered", response=None) -> str:
    text = CHALLENGE.format(raised_by=raised_by, meeting=meeting, status=status)
    return text + (response if response is not None else
                   "response:\n  text: Shared at the June forum.\n  date: 2026-07-01\n  evidence: [minutes]\n")


# --- a whole challenge, every rule ---------------------------------------------------


def test_a_complete_challenge_raised_by_a_member_passes_every_rule(tmp_path):
    problems = found(tmp_path, ledger(challenge()))
    assert [p for p in problems if "challenge" in p[0]] == []


def test_a_challenge_raised_by_a_whole_group_passes(tmp_path):
    assert found_valid(tmp_path, ledger(challenge(raised_by="publics")), "challenge-source") == []


def test_references_of_a_challenge_resolve(tmp_path):
    bad = challenge(meeting="meeting-july", response="response:\n  date: 2026-07-01\n  evidence: [minute]\n")
    assert found(tmp_path, ledger(bad), code="reference-exists") == [
        ("challenges/c1.yaml", 5, 10, "reference-exists"),
        ("challenges/c1.yaml", 13, 14, "reference-exists"),
    ]


# --- challenge-source ----------------------------------------------------------------


def test_challenge_source_fails_on_an_unknown_member_and_a_meeting_that_is_not_advisory(tmp_path):
    assert found(tmp_path, ledger(challenge(raised_by="adv-samuel", meeting="study")), code="challenge-source") == [
        ("challenges/c1.yaml", 4, 12, "challenge-source"),
        ("challenges/c1.yaml", 5, 10, "challenge-source"),
    ]


# --- challenge-response --------------------------------------------------------------


def test_challenge_response_passes_for_an_open_challenge_without_one(tmp_path):
    assert found_valid(tmp_path, ledger(challenge(status="open", response="")), "challenge-response") == []


def test_challenge_response_passes_for_a_declined_challenge_with_its_reason(tmp_path):
    declined = challenge(status="declined", response="response:\n  text: Outside the grant.\n  date: 2026-07-01\n")
    assert found_valid(tmp_path, ledger(declined), "challenge-response") == []


def test_challenge_response_fails_on_an_answered_challenge_without_a_response(tmp_path):
    assert found(tmp_path, ledger(challenge(status="answered", response="")), code="challenge-response") == [
        ("challenges/c1.yaml", 10, 9, "challenge-response"),
    ]


def test_challenge_response_fails_on_a_declined_challenge_without_a_reason(tmp_path):
    declined = challenge(status="declined", response="response:\n  date: 2026-07-01\n  evidence: [minutes]\n")
    assert found(tmp_path, ledger(declined), code="challenge-response") == [
        ("challenges/c1.yaml", 12, 3, "challenge-response"),
    ]


# --- challenge-overdue ---------------------------------------------------------------


def test_challenge_overdue_passes_before_the_due_date_and_once_answered(tmp_path):
    import datetime as dt

    assert found(tmp_path / "a", ledger(challenge()), code="challenge-overdue") == []
    open_one = ledger(challenge(status="open", response=""))
    assert found(tmp_path / "b", open_one, code="challenge-overdue", today=dt.date(2026, 9, 30)) == []


def test_challenge_overdue_warns_on_an_open_challenge_past_its_due_date(tmp_path):
    assert found(tmp_path, ledger(challenge(status="open", response="")), code="challenge-overdue") == [
        ("challenges/c1.yaml", 10, 9, "challenge-overdue"),
    ]


# --- date-order, vocabulary, personal-data over challenges -------------------------


def test_a_challenge_raised_after_the_centres_end_is_an_error(tmp_path):
    late = challenge().replace("raised: 2026-06-24", "raised: 2030-02-01").replace("2026-07-01", "2030-03-01")
    assert found(tmp_path, ledger(late), code="date-order", today=__import__("datetime").date(2030, 6, 1)) == [
        ("challenges/c1.yaml", 3, 9, "date-order"),
    ]


def test_a_response_dated_before_the_challenge_is_an_error(tmp_path):
    early = challenge().replace("  date: 2026-07-01", "  date: 2026-06-01")
    assert found(tmp_path, ledger(early), code="date-order") == [("challenges/c1.yaml", 13, 9, "date-order")]


def test_the_kind_of_a_challenge_comes_from_the_vocabulary(tmp_path):
    odd = challenge().replace("kind: challenge", "kind: complaint")
    assert found(tmp_path, ledger(odd), code="vocabulary") == [("challenges/c1.yaml", 6, 7, "vocabulary")]


def test_personal_data_covers_the_texts_of_a_challenge_and_its_response(tmp_path):
    leaky = challenge().replace("Show employers", "Call 020 7946 0123 to show employers").replace(
        "Shared at the June forum.", "Sam Example was told at the June forum.")
    assert found(tmp_path, ledger(leaky), code="personal-data") == [
        ("challenges/c1.yaml", 2, 7, "personal-data"),
        ("challenges/c1.yaml", 12, 9, "personal-data"),
    ]


def test_a_ledger_yaml_without_challenge_kinds_gets_the_defaults(tmp_path):
    assert "challenge_kinds" not in CONFIG
    assert found_valid(tmp_path, ledger(challenge().replace("kind: challenge", "kind: support-offered")),
                       "vocabulary") == []


def test_challenge_source_suggests_the_member_meant(tmp_path):
    from tests.helpers import run, write_ledger

    result = run(write_ledger(tmp_path, ledger(challenge(raised_by="adv-samm"))))
    assert [p.hint for p in result.problems if p.code == "challenge-source"] == ["did you mean `adv-sam`?"]
