"""One reading of a day on the command line: every date option and --period refuse a day the calendar lacks in
the same words (exit 2, before the command runs, no traceback); the model reads ASCII digits only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl.cli import answers, app
from impactctl.model import days
from impactctl.model.periods import parse_period
from tests.helpers import OUTCOME, write_ledger

runner = CliRunner()
REASON = "`2026-02-30` is not a day in the calendar: February 2026 has 28 days"
RANGE = "2026-02-30..2026-03-31"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", {"outcomes/one.yaml": OUTCOME.format(id="one")})


def files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize("args, flag, value", [
    (["validate", "--today", "2026-02-30"], "--today", "2026-02-30"),
    (["report", "--today", "2026-02-30"], "--today", "2026-02-30"),
    (["record", "one", "--value", "3", "--date", "2026-02-30"], "--date", "2026-02-30"),
    (["set-status", "one", "active", "--date", "2026-02-30"], "--date", "2026-02-30"),
    (["respond", "ch-one", "--text", "Done.", "--date", "2026-02-30"], "--date", "2026-02-30"),
    (["add-challenge", "--text", "T", "--due", "2026-02-30"], "--due", "2026-02-30"),
    (["add-outcome", "--title", "T", "--due", "2026-02-30"], "--due", "2026-02-30"),
    (["add-activity", "--title", "T", "--end", "2026-02-30"], "--end", "2026-02-30"),
    (["report", "--period", RANGE], "--period", RANGE),
    (["changes", "--period", RANGE], "--period", RANGE),
])
def test_a_day_the_calendar_lacks_reads_the_same_for_every_option(root, args, flag, value):
    before = files(root)
    result = runner.invoke(app, [*args, "-L", str(root)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines()[-1] == f"impactctl: {flag} '{value}': {REASON}"
    assert "Traceback" not in result.output and "Usage:" not in result.output
    assert files(root) == before


def test_portfolio_refuses_the_period_in_the_same_words(root):
    result = runner.invoke(app, ["portfolio", str(root), "--period", RANGE])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"impactctl: --period '{RANGE}': {REASON}"


def test_a_period_of_another_form_says_how_to_write_one(root):
    result = runner.invoke(app, ["report", "--period", "2026-Q5", "-L", str(root)])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("impactctl: --period '2026-Q5': '2026-Q5' is not a period: "
                                     "write 2026-Q3, 2026, or 2026-04-01..2026-09-30")


@pytest.mark.parametrize("text, reason", [
    (RANGE, REASON),
    ("2026-01-01..2026-13-01", "`2026-13-01` is not a day in the calendar: there is no month 13"),
    ("0000", "'0000' is outside the calendar's years 0001 to 9999"),
    ("9999-Q4", "'9999-Q4' is outside the calendar's years 0001 to 9999"),
])
def test_the_model_words_a_bad_period_as_the_users_mistake(text, reason):
    with pytest.raises(ValueError) as caught:
        parse_period(text, dt.date(2026, 11, 26))
    assert str(caught.value).startswith(reason)
    assert "out of range" not in str(caught.value)


@pytest.mark.parametrize("text", ["٢٠٢٦-٠٢-٠١", "2026-02-01\n", "2026-2-01", " 2026-02-01"])
def test_a_day_is_written_in_ascii_digits_and_nothing_else(text):
    assert not days.is_iso_day(text)
    with pytest.raises(ValueError, match="is not a date written YYYY-MM-DD"):
        days.calendar_day(text)


@pytest.mark.parametrize("text", ["٢٠٢٦", "٢٠٢٦-Q١", "2026-٠1-01..2026-03-31"])
def test_a_period_in_other_digits_is_not_a_period(text):
    with pytest.raises(ValueError, match="is not a period"):
        parse_period(text, dt.date(2026, 11, 26))


def test_an_answer_in_other_digits_is_not_a_date():
    with pytest.raises(answers.Wrong, match="is not a date"):
        answers.date("٢٠٢٦-٠٢-٠١")
    assert answers.date(" 2026-02-01 ") == dt.date(2026, 2, 1)  # an answer is stripped, as it always was


def test_the_record_schema_reads_ascii_days_only():
    from pydantic import TypeAdapter, ValidationError

    from impactctl.model.ids import IsoDate

    adapter = TypeAdapter(IsoDate)
    assert adapter.validate_python("2026-02-01") == dt.date(2026, 2, 1)
    for text in ("٢٠٢٦-٠٢-٠١", "2026-02-01\n"):
        with pytest.raises(ValidationError, match="should be a date written YYYY-MM-DD"):
            adapter.validate_python(text)
