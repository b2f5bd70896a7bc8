"""A past report shows each outcome's status as it was at the period's end, and `set-status --date` dates a
change when it happened: recording a change today leaves every past report byte for byte as it was."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import authoring
from impactctl.cli import app
from impactctl.errors import UsageError
from tests.helpers import TODAY
from tests.test_history import Repo

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
OUTCOME = "outcomes/parents-adversity-awareness.yaml"
EVIDENCE = "ev-parents-toolkit-feedback-q3"


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def report(root: Path, period: str, *more: str) -> str:
    return cli("report", str(root), "--today", TODAY.isoformat(), "--period", period, *more)


def status_line(text: str, outcome_id: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"`{outcome_id}`")).split(" · ")[-1]


def achieved_headline(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("| Outcomes achieved |"))


def test_marking_an_outcome_achieved_today_leaves_a_past_report_unchanged(ledger):
    before = report(ledger, "2026-Q3")
    cli("set-status", "parents-adversity-awareness", "achieved", "--evidence", EVIDENCE, "--date", "2026-11-26",
        "-L", str(ledger))
    assert "status_date: 2026-11-26" in (ledger / OUTCOME).read_text()
    assert report(ledger, "2026-Q3") == before
    assert status_line(before, "parents-adversity-awareness") == "status: **active**"
    q4 = report(ledger, "2026-Q4")
    assert status_line(q4, "parents-adversity-awareness") == "status: **achieved** (since 2026-11-26)"
    assert achieved_headline(q4) == "| Outcomes achieved | 1 | 1 | 0 |"


def test_dropping_an_outcome_today_leaves_both_editions_of_a_past_report_unchanged(ledger):
    """Both editions judge "dropped" at the period's end: the outcome keeps its rows and its charts in Q3."""
    before = {fmt: report(ledger, "2026-Q3", "--format", fmt) for fmt in ("markdown", "html")}
    cli("set-status", "policymakers-social-determinants", "dropped", "--date", "2026-11-26", "-L", str(ledger))
    assert {fmt: report(ledger, "2026-Q3", "--format", fmt) for fmt in before} == before
    assert "(policymakers-social-determinants)" not in report(ledger, "2026-Q4", "--format", "html").split("Indicators over time")[1]


def test_in_git_a_past_report_reads_the_status_of_the_last_commit_by_the_period_end(tmp_path):
    repo = Repo(tmp_path / "repo")
    shutil.copytree(SHIPPED, repo.ledger, dirs_exist_ok=True)
    repo.commit("Ann", "2026-06-01", "the ledger")
    before = report(repo.ledger, "2026-Q3")
    cli("set-status", "parents-adversity-awareness", "achieved", "--evidence", EVIDENCE, "--date", "2026-11-26",
        "-L", str(repo.ledger))
    repo.commit("Bo", "2026-11-26", "achieved")
    assert report(repo.ledger, "2026-Q3") == before
    # Marked achieved without a date: only the history can tell that it was still active at the end of Q3.
    cli("set", "parents-adversity-awareness", "status_date", "", "-L", str(repo.ledger))
    repo.commit("Bo", "2026-11-26", "undated")
    assert status_line(report(repo.ledger, "2026-Q3"), "parents-adversity-awareness") == "status: **active**"
    assert report(repo.ledger, "2026-Q3") == before
    assert report(repo.ledger, "2026-Q3", "--as-of", "HEAD~2") == before.replace(
        "public edition\n", "public edition · ledger as of revision HEAD\\~2\n", 1)


def test_without_history_an_undated_status_is_the_ledgers(ledger):
    path = ledger / OUTCOME
    path.write_text(path.read_text().replace("status: active", f"status: achieved\nevidence: [{EVIDENCE}]"))
    assert status_line(report(ledger, "2026-Q3"), "parents-adversity-awareness") == "status: **achieved**"


def test_the_outcomes_achieved_headline_counts_the_outcomes_shown_achieved_in_the_period(ledger):
    for period, count in (("2026-Q2", 1), ("2026-Q3", 1), ("2026-Q1", 0)):
        text = report(ledger, period)
        start, end = re.search(r"^(\S+) to (\S+) ·", text, re.M).groups()
        shown = [d for d in re.findall(r"status: \*\*achieved\*\* \(since (\S+)\)", text) if start <= d <= end]
        assert len(shown) == count
        assert achieved_headline(text).startswith(f"| Outcomes achieved | {count} |")


def test_an_outcome_achieved_after_the_period_is_active_in_it_and_its_indicators_are_not_achieved(ledger):
    path = ledger / "outcomes/line-manager-training.yaml"
    path.write_text(path.read_text().replace("status_date: 2026-09-30", "status_date: 2026-10-02"))
    text = report(ledger, "2026-Q3")
    assert status_line(text, "line-manager-training") == "status: **active**"
    assert achieved_headline(text) == "| Outcomes achieved | 0 | 1 | −1 |"


# --- set-status --date ----------------------------------------------------------------------------------


def test_set_status_dates_the_change_when_it_happened(ledger):
    cli("set-status", "parents-adversity-awareness", "missed", "--date", "2026-10-31", "-L", str(ledger))
    text = (ledger / OUTCOME).read_text()
    assert "status: missed\nstatus_date: 2026-10-31\n" in text


def test_set_status_without_a_date_dates_it_today(ledger):
    authoring.set_status(ledger, "parents-adversity-awareness", "dropped", today=TODAY)
    assert "status: dropped\nstatus_date: 2026-11-26\n" in (ledger / OUTCOME).read_text()


def test_setting_the_same_status_keeps_its_date(ledger):
    path = ledger / "outcomes/line-manager-training.yaml"
    authoring.set_status(ledger, "line-manager-training", "achieved", ["ev-line-manager-completions-q1"], today=TODAY)
    assert "status_date: 2026-09-30" in path.read_text() and "ev-line-manager-completions-q1" in path.read_text()
    result = runner.invoke(app, ["set-status", "line-manager-training", "achieved", "--date", "2026-10-05",
                                 "-L", str(ledger)])
    assert result.exit_code == 2
    assert "impactctl set line-manager-training status_date 2026-10-05" in result.output
    assert "status_date: 2026-09-30" in path.read_text()


def test_a_status_change_cannot_be_dated_in_the_future(ledger):
    with pytest.raises(UsageError, match="after today"):
        authoring.set_status(ledger, "parents-adversity-awareness", "achieved", [EVIDENCE], today=TODAY,
                             date=TODAY + dt.timedelta(days=1))


def test_the_previous_periods_column_agrees_with_that_periods_own_report_in_git(tmp_path):
    repo = Repo(tmp_path / "repo")
    shutil.copytree(SHIPPED, repo.ledger, dirs_exist_ok=True)
    repo.commit("Ann", "2026-06-01", "the ledger")
    cli("set-status", "line-manager-training", "active", "--date", "2026-10-10", "-L", str(repo.ledger))
    repo.commit("Bo", "2026-10-10", "reopened")
    q3 = report(repo.ledger, "2026-Q3")
    assert status_line(q3, "line-manager-training") == "status: **achieved** (since 2026-09-30)"
    assert achieved_headline(q3) == "| Outcomes achieved | 1 | 1 | 0 |"
    assert achieved_headline(report(repo.ledger, "2026-Q4")) == "| Outcomes achieved | 0 | 1 | −1 |"
    assert status_line(report(repo.ledger, "2026-Q4"), "line-manager-training") == "status: **active** (since 2026-10-10)"
