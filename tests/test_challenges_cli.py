"""A researcher records a challenge the advisory group raised, then the centre's answer: two commands.

Runs on a copy of the shipped ledger (the `ledger` fixture); the day is pinned to 2026-12-01.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from impactctl.cli import challenges as challenge_commands
from impactctl.cli import form

runner = CliRunner()
TODAY = dt.date(2026, 12, 1)

ADD = ["add-challenge", "--text", "Publish the evaluation summary in Welsh as well as English",
       "--raised-by", "adv-helen-tranter", "--meeting", "advisory-meeting-2026-10", "--raised", "2026-10-14",
       "--kind", "request", "--outcome", "employment-services-evidence-practice", "--owner", "Dr Sofia Lindqvist",
       "--due", "2027-01-31", "--no-input"]
NEW = "challenges/publish-the-evaluation-summary-in-welsh-as-well.yaml"


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch):
    monkeypatch.setattr(challenge_commands, "today", lambda: TODAY)


def invoke(root: Path, *args: str, input: str | None = None):
    return runner.invoke(app, [*args, "-L", str(root)], input=input)


def test_a_challenge_and_its_answer_in_two_commands(ledger):
    added = invoke(ledger, *ADD)
    assert added.exit_code == 0, added.output
    challenge_id = Path(NEW).stem
    answered = invoke(ledger, "respond", challenge_id, "--text", "Both versions are on the hub.",
                      "--date", "2026-11-20", "--evidence", "ev-hub-analytics-q3")
    assert answered.exit_code == 0, answered.output
    assert (ledger / NEW).read_text() == (
        f"id: {challenge_id}\n"
        "text: Publish the evaluation summary in Welsh as well as English\n"
        "raised: 2026-10-14\n"
        "raised_by: adv-helen-tranter\n"
        "meeting: advisory-meeting-2026-10\n"
        "kind: request\n"
        "outcomes:\n"
        "  - employment-services-evidence-practice\n"
        "owner: Dr Sofia Lindqvist\n"
        "due: 2027-01-31\n"
        "status: answered\n"
        "response:\n"
        "  text: Both versions are on the hub.\n"
        "  date: 2026-11-20\n"
        "  evidence:\n"
        "    - ev-hub-analytics-q3\n"
    )
    assert api.validate(ledger, today=TODAY).problems == []


def test_respond_keeps_every_other_byte_and_adds_to_the_evidence(ledger):
    path = ledger / "challenges/ch-2026-06-small-employers.yaml"
    before = path.read_text()
    result = invoke(ledger, "respond", "ch-2026-06-small-employers", "--text", "Now offered every quarter.",
                    "--date", "2026-11-30", "--evidence", "ev-line-manager-completions-q1")
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after.startswith(before.split("response:")[0])  # the comment, the text and the rest untouched
    assert "  text: >-\n    Now offered every quarter.\n  date: 2026-11-30\n" in after  # the author's folded style kept
    assert after.endswith("    - ev-line-manager-completions-q3\n    - ev-line-manager-completions-q1\n")


def test_declining_without_a_reason_is_refused_and_nothing_is_written(ledger):
    path = ledger / "challenges/ch-2026-10-providers-summary.yaml"
    before = path.read_text()
    result = invoke(ledger, "respond", "ch-2026-10-providers-summary", "--status", "declined", "--no-input")
    assert result.exit_code == 2
    assert "--text" in result.output
    assert path.read_text() == before


def test_respond_to_an_outcome_is_a_usage_error(ledger):
    result = invoke(ledger, "respond", "line-manager-training", "--text", "Done.", "--no-input")
    assert result.exit_code == 2
    assert "not a challenge" in result.output


def test_a_response_dated_after_today_is_refused(ledger):
    result = invoke(ledger, "respond", "ch-2026-10-providers-summary", "--text", "Sent.", "--date", "2026-12-25")
    assert result.exit_code == 2
    assert "after today" in result.output


def test_add_challenge_at_a_meeting_that_is_not_advisory_is_refused(ledger):
    flags = [f if f != "advisory-meeting-2026-10" else "line-manager-training-programme" for f in ADD]
    result = invoke(ledger, *flags)
    assert result.exit_code == 1
    assert "challenge-source" in result.output
    assert not (ledger / NEW).exists()


def test_add_challenge_asks_at_a_terminal_for_what_is_missing(ledger, monkeypatch):
    monkeypatch.setattr(form, "stdin_is_terminal", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    answers = ["Publish the evaluation summary in Welsh as well as English", "2026-10-14", "publics",
               "advisory-meeting-2026-10", "request", "Dr Sofia Lindqvist"]
    result = runner.invoke(app, ["add-challenge", "-L", str(ledger)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    text = (ledger / NEW).read_text()
    assert "raised_by: publics\n" in text and "kind: request\n" in text and "status" not in text


def test_completion_offers_challenges_and_who_may_raise_one(ledger, monkeypatch):
    from impactctl.cli import complete

    monkeypatch.chdir(ledger)
    assert complete.ids("challenges")("ch-2026-10") == ["ch-2026-10-festival-venues", "ch-2026-10-providers-summary"]
    assert complete.stakeholders_or_groups()("p") == ["parents-carers-forum", "publics"]


CHALLENGES_CSV = (
    "id,text,raised,raised_by,meeting,kind,outcomes,owner,due,status,response.text,response.date,response.evidence\n"
    ",Invite employers to the next advisory meeting,2026-10-14,employers,advisory-meeting-2026-10,"
    "recommendation,employer-wellbeing-policies,Dr Sofia Lindqvist,2027-03-31,,,,\n"
    "ch-2026-10-providers-summary,,,,,,,,,answered,The summary went to providers.,2026-11-20,ev-ips-providers-survey\n"
)


def test_import_kind_challenges_adds_one_and_answers_another(ledger, tmp_path):
    csv_path = tmp_path / "challenges.csv"
    csv_path.write_text(CHALLENGES_CSV, encoding="utf-8")
    result = runner.invoke(app, ["import", str(csv_path), "--kind", "challenges", "-L", str(ledger)])
    assert result.exit_code == 0, result.output
    assert "2 rows: 1 added, 1 updated, 0 unchanged" in result.output
    added = (ledger / "challenges/invite-employers-to-the-next-advisory-meeting.yaml").read_text()
    assert "raised_by: employers\n" in added and "kind: recommendation\n" in added
    answered = (ledger / "challenges/ch-2026-10-providers-summary.yaml").read_text()
    assert answered.endswith("status: answered\nresponse:\n  text: The summary went to providers.\n  date: 2026-11-20\n"
                             "  evidence:\n    - ev-ips-providers-survey\n")
    assert api.validate(ledger, today=TODAY).problems == []


def listed(ledger: Path, *args: str, today: str = "2026-12-01") -> list[str]:
    result = runner.invoke(app, ["list", "challenges", *args, "-L", str(ledger), "--today", today, "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    return [record["id"] for record in json.loads(result.stdout)]


def test_list_challenges_by_status_group_and_overdue(ledger):
    assert listed(ledger, "--status", "open") == ["ch-2026-10-providers-summary"]
    assert listed(ledger, "--status", "declined") == ["ch-2026-06-national-campaign"]
    # a member's group (Helen Tranter is in publics), or the group that spoke as one
    assert listed(ledger, "--group", "publics") == ["ch-2026-06-national-campaign", "ch-2026-10-festival-venues"]
    assert listed(ledger, "--group", "ngos-policy") == ["ch-2026-06-trust-plan-priorities", "ch-2026-10-providers-summary"]
    assert listed(ledger, "--overdue") == []
    assert listed(ledger, "--overdue", today="2027-02-01") == ["ch-2026-10-providers-summary"]


def test_list_challenges_rejects_a_filter_it_lacks_and_an_outcome_status(ledger):
    wrong = runner.invoke(app, ["list", "challenges", "--area", "work", "-L", str(ledger)])
    assert wrong.exit_code == 2 and "--area does not apply to challenges" in wrong.output
    status = runner.invoke(app, ["list", "challenges", "--status", "achieved", "-L", str(ledger)])
    assert status.exit_code == 2 and "answered" in status.output


def test_public_list_of_challenges_shows_a_stand_in_for_a_member_who_may_not_be_named(ledger):
    result = runner.invoke(app, ["list", "challenges", "-L", str(ledger), "--today", "2026-12-01", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "adv-amira-haddad" not in result.stdout and "unnamed-person-" in result.stdout
    internal = runner.invoke(app, ["list", "challenges", "-L", str(ledger), "--today", "2026-12-01", "--format", "csv",
                                   "--profile", "internal"])
    assert "adv-amira-haddad" in internal.stdout


def test_json_and_csv_exports_carry_the_challenges_with_the_same_privacy(ledger, tmp_path):
    import csv
    import json

    done = runner.invoke(app, ["export", "--format", "csv", "--output", str(tmp_path / "csv"), "-L", str(ledger)])
    assert done.exit_code == 0, done.output
    with open(tmp_path / "csv/challenges.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7 and list(rows[0])[-3:] == ["response.text", "response.date", "response.evidence"]
    by_id = {row["id"]: row for row in rows}
    assert by_id["ch-2026-06-small-employers"]["raised_by"].startswith("unnamed-person-")
    assert by_id["ch-2026-06-small-employers"]["response.evidence"] == "ev-line-manager-completions-q3"
    exported = runner.invoke(app, ["export", "--format", "json", "--profile", "internal", "-L", str(ledger)])
    challenges = {c["id"]: c for c in json.loads(exported.stdout)["challenges"]}
    assert challenges["ch-2026-06-small-employers"]["raised_by"] == "adv-marcus-oyelaran"


def test_the_case_study_cites_the_advisory_groups_challenges_as_co_production(ledger):
    result = runner.invoke(app, ["case-study", "line-manager-training", "-L", str(ledger), "--today", "2026-12-01"])
    assert result.exit_code in (0, 1), result.output  # 1: a section over REF's limit
    assert ("The non-academic advisory group challenged and shaped this work: Recommendation by Member "
            "representing employers (2026-06-24, answered on 2026-09-25).") in result.stdout
    assert "Marcus" not in result.stdout


def test_respond_asks_at_a_terminal_for_the_challenge_and_the_text(ledger, monkeypatch):
    monkeypatch.setattr(form, "stdin_is_terminal", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    answers = ["ch-2026-10-providers-sumary", "ch-2026-10-providers-summary", "Drafting it with two providers."]
    result = runner.invoke(app, ["respond", "--status", "in-progress", "-L", str(ledger)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "did you mean `ch-2026-10-providers-summary`?" in result.output  # a typo costs only its own answer
    text = (ledger / "challenges/ch-2026-10-providers-summary.yaml").read_text()
    assert text.endswith("status: in-progress\nresponse:\n  text: Drafting it with two providers.\n  date: 2026-12-01\n")
