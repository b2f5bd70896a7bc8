"""Prompts at a terminal: each answer checked as it is given and asked again when wrong; Ctrl-C and Ctrl-D
write nothing; outside a terminal every missing flag is named at once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from impactctl.cli import authoring as authoring_commands
from impactctl.cli import editing as editing_commands
from impactctl.cli import form
from tests.helpers import OUTCOME, TODAY, write_ledger

runner = CliRunner()

EVIDENCE = """\
id: ev-survey
title: Employer survey
type: survey
date: 2026-06-01
url: https://example.org/survey
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    two = OUTCOME.format(id="two") + """\
  - id: policies
    name: Employers with a policy
    measure: count
    unit: employers
    direction: increase
    baseline: {value: 3, date: 2025-01-01}
    target: {value: 30, date: 2028-12-31}
"""
    return write_ledger(tmp_path / "ledger", {"outcomes/one.yaml": OUTCOME.format(id="one"), "outcomes/two.yaml": two,
                                              "evidence/ev-survey.yaml": EVIDENCE})


@pytest.fixture
def terminal(monkeypatch):
    """Standard input is a person at a terminal; the day is pinned."""
    monkeypatch.setattr(form, "stdin_is_terminal", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(authoring_commands, "today", lambda: TODAY)
    monkeypatch.setattr(editing_commands, "today", lambda: TODAY)


def invoke(root: Path, *args: str, input: str | None = None):
    return runner.invoke(app, [*args, "-L", str(root)], input=input)


def files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


# Answers in the order add-outcome asks: title, area, domain, group, owner, statement, due, indicator name,
# measure, unit, baseline, baseline date, target.
OUTCOME_ANSWERS = ["Employers value peer support", "work", "conceptual", "employers", "Dr A. Author",
                   "Employers value peer support.", "2028-12-31", "Employers valuing peer support", "percent", "%",
                   "10", "2026-01-01", "40"]


def test_every_field_is_asked_including_the_baseline_date(root, terminal):
    result = invoke(root, "add-outcome", input="\n".join(OUTCOME_ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    for label in ("title:", "area:", "domain:", "group (comma-separated):", "baseline:", "baseline date:", "target:"):
        assert label in result.output
    assert "area: choose from work, communities\n" in result.output
    assert "measure: choose from count, percent, currency, qualitative\n" in result.output
    text = (root / "outcomes/employers-value-peer-support.yaml").read_text()
    assert "    baseline:\n      value: 10\n      date: 2026-01-01\n" in text
    assert "    target:\n      value: 40\n      date: 2028-12-31\n" in text
    assert api.validate(root, today=TODAY).errors == 0


def test_a_wrong_answer_is_asked_again_and_earlier_answers_are_kept(root, terminal):
    answers = list(OUTCOME_ANSWERS)
    answers[1:2] = ["wrk", "work"]                    # a typo in a vocabulary key
    answers[7:8] = ["31/12/2027", "2027-12-31"]       # a day-first date
    answers[12:13] = ["ten", "10%", "10"]             # words, then a number with its unit
    result = invoke(root, "add-outcome", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "`wrk` is not one of work, communities; did you mean `work`?" in result.output
    assert "`31/12/2027` is not a date: write 2027-12-31" in result.output
    assert "`ten` is not a number: write digits" in result.output
    assert "`10%` is not a number: write 10 (the unit says what it counts)" in result.output
    text = (root / "outcomes/employers-value-peer-support.yaml").read_text()
    assert "area: work\n" in text and "due: 2027-12-31\n" in text and "title: Employers value peer support\n" in text


def test_a_wrong_flag_at_a_terminal_is_asked_again(root, terminal):
    result = invoke(root, "add-stakeholder", "--name", "Mind", "--type", "organisaton", "--group", "employer",
                    input="organisation\nemployers\n")
    assert result.exit_code == 0, result.output
    assert "--type organisaton: `organisaton` is not one of organisation, group, person; did you mean " \
           "`organisation`?" in result.output
    assert "--group employer: `employer` is not one of employers, publics; did you mean `employers`?" in result.output
    assert "group: employers\n" in (root / "stakeholders/mind.yaml").read_text()


def test_ctrl_d_writes_nothing(root, terminal):
    before = files(root)
    result = invoke(root, "add-outcome", input="\n".join(OUTCOME_ANSWERS[:5]))  # input ends at the statement
    assert result.exit_code == 130
    assert "stopped; nothing was written" in result.output
    assert files(root) == before


class _CtrlC(io.BytesIO):
    """Standard input that, once the typed answers are read, is interrupted as Ctrl-C interrupts a read."""

    def read(self, size: int | None = -1) -> bytes:
        return super().read(size) or self._interrupt()

    def read1(self, size: int = -1) -> bytes:
        return super().read1(size) or self._interrupt()

    def readinto(self, buffer) -> int:
        return super().readinto(buffer) or self._interrupt()

    interrupted = False

    def _interrupt(self):
        _CtrlC.interrupted = True
        raise KeyboardInterrupt


def test_ctrl_c_writes_nothing(root, terminal, monkeypatch):
    monkeypatch.setattr(typer.testing, "make_input_stream", lambda data, charset: _CtrlC(data.encode(charset)))
    monkeypatch.setattr(_CtrlC, "interrupted", False)
    before = files(root)
    result = invoke(root, "record", input="one\n")
    assert _CtrlC.interrupted and result.exit_code == 130 and "stopped; nothing was written" in result.output
    assert files(root) == before


def test_record_asks_for_what_is_missing(root, terminal):
    result = invoke(root, "record", input="tow\ntwo\npolicy\npolicies\n12 employers\n12\n20/11/2026\n2026-11-20\n")
    assert result.exit_code == 0, result.output
    assert "`tow` is not a known outcome; did you mean `two`?" in result.output
    assert "`policy` is not one of aware, policies; did you mean `policies`?" in result.output
    assert "`12 employers` is not a number" in result.output
    assert "`20/11/2026` is not a date: write 2026-11-20" in result.output
    text = (root / "outcomes/two.yaml").read_text()
    assert text.endswith("    measurements:\n      - date: 2026-11-20\n        value: 12\n")


def test_a_wrong_date_flag_at_a_terminal_is_asked_again(root, terminal):
    """A date flag is checked by the form, like every flag it asks for: at a terminal a day the calendar lacks
    is asked again rather than ending the command (outside one it exits 2: tests/test_dates.py)."""
    result = invoke(root, "record", "one", "--value", "30", "--date", "2026-02-30", input="2026-02-27\n")
    assert result.exit_code == 0, result.output
    assert "--date 2026-02-30: `2026-02-30` is not a day in the calendar: February 2026 has 28 days" in result.output
    assert "      - date: 2026-02-27\n        value: 30\n" in (root / "outcomes/one.yaml").read_text()


def test_record_offers_today_as_the_date(root, terminal):
    result = invoke(root, "record", "one", input="30\n\n")
    assert result.exit_code == 0, result.output
    assert f"date [{TODAY.isoformat()}]:" in result.output
    assert f"      - date: {TODAY.isoformat()}\n        value: 30\n" in (root / "outcomes/one.yaml").read_text()


def test_set_status_asks_for_the_status_and_the_evidence_achieved_needs(root, terminal):
    result = invoke(root, "set-status", "one", input="done\nachieved\nev-survy\nev-survey\n")
    assert result.exit_code == 0, result.output
    assert "`done` is not one of planned, active, achieved, missed, dropped; did you mean `achieved`?" in result.output
    assert "`ev-survy` is not a known evidence id; did you mean `ev-survey`?" in result.output
    text = (root / "outcomes/one.yaml").read_text()
    assert "status: achieved\n" in text and "- ev-survey" in text


@pytest.mark.parametrize("args, flags", [
    (["record"], ["OUTCOME_ID", "--value"]),
    (["set-status"], ["OUTCOME_ID", "STATUS"]),
    (["add-stakeholder"], ["--name", "--type", "--group"]),
    (["add-outcome", "--title", "T", "--area", "work", "--domain", "conceptual", "--group",
      "employers", "--owner", "O", "--statement", "S", "--due", "2028-12-31", "--indicator-name", "N", "--measure",
      "count", "--unit", "u", "--baseline", "1", "--target", "2"], ["--baseline-date"]),
])
def test_outside_a_terminal_nothing_is_asked_and_every_missing_flag_is_named(root, args, flags):
    before = files(root)
    result = invoke(root, *args, input="work\n")
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert line == f"impactctl: missing {', '.join(flags)} (nothing was written)"
    assert files(root) == before


def test_outside_a_terminal_a_date_in_another_form_gets_its_spelling(root):
    result = invoke(root, "record", "one", "--value", "30", "--date", "20/11/2026")
    assert result.exit_code == 2 and "--date '20/11/2026': `20/11/2026` is not a date: write 2026-11-20" in result.output


def test_the_choices_asked_are_the_models():
    from typing import get_args

    from impactctl.model.records import Measure, OutcomeStatus

    assert form.STATUSES == list(get_args(OutcomeStatus)) and form.MEASURES == list(get_args(Measure))


def test_a_wrong_status_flag_at_a_terminal_is_asked_again(root, terminal):
    answers = [*OUTCOME_ANSWERS[:7], "active", *OUTCOME_ANSWERS[7:]]  # the status is asked again after the due date
    result = invoke(root, "add-outcome", "--status", "ongoing", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "--status ongoing: `ongoing` is not one of planned, active, achieved, missed, dropped; did you mean " \
           "`active`?" in result.output
    assert "status: active\n" in (root / "outcomes/employers-value-peer-support.yaml").read_text()
