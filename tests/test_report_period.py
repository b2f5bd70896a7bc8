"""The report is true for its period: only what was known by its end, no invented zeros, figures that add up."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from impactctl.cli import app
from tests.helpers import OUTCOME, TODAY, write_ledger

runner = CliRunner()


def report(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", str(root), "--today", TODAY.isoformat(), *args])
    assert result.exit_code == 0, result.output
    return result.output


def row(text: str, start: str) -> str:
    """The first table row of the report starting with `start`."""
    return next(line for line in text.splitlines() if line.startswith(start))


MEASURED = OUTCOME + """\
    measurements:
      - {{date: 2026-06-15, value: 20}}
      - {{date: 2026-10-20, value: 30}}
"""

ACTIVITY = """\
id: {id}
title: {title}
type: study
area: work
start: {start}
end: {end}
lead: Dr A. Researcher
outcomes: [employers-aware]
"""


def test_an_indicator_without_measurements_has_no_data_yet_not_zero_percent_behind(tmp_path):
    root = write_ledger(tmp_path / "l", {"outcomes/employers-aware.yaml": OUTCOME.format(id="employers-aware")})
    text = report(root, "--period", "2026-Q3")
    assert row(text, "| Employers aware of the guidance") == (
        "| Employers aware of the guidance (% of surveyed employers) | 10 | — | 50 by 2028-12-31 | — | 44% | no data yet |")
    assert "0%" not in row(text, "| Employers aware of the guidance")


def test_the_latest_value_is_the_last_measured_by_the_period_end(tmp_path):
    root = write_ledger(tmp_path / "l", {"outcomes/employers-aware.yaml": MEASURED.format(id="employers-aware")})
    q3 = row(report(root, "--period", "2026-Q3"), "| Employers aware of the guidance")
    assert "| 20 (2026-06-15) |" in q3 and "30" not in q3.split("|")[3]
    q4 = row(report(root, "--period", "2026-Q4"), "| Employers aware of the guidance")
    assert "| 30 (2026-10-20) |" in q4
    q1 = row(report(root, "--period", "2026-Q1"), "| Employers aware of the guidance")
    assert "| — | 50 by 2028-12-31 | — |" in q1 and q1.endswith("| no data yet |")


def test_cost_is_a_dash_when_nothing_in_the_period_records_one(tmp_path):
    root = write_ledger(tmp_path / "l", {
        "outcomes/employers-aware.yaml": OUTCOME.format(id="employers-aware"),
        "activities/employer-survey.yaml": ACTIVITY.format(id="employer-survey", title="Employer survey",
                                                           start="2026-08-01", end="2026-08-01"),
    })
    text = report(root, "--period", "2026-Q3")
    assert "at a cost of 0" not in text and " 0 GBP" not in text
    assert row(text, "| Study |").endswith("| — |")
    assert row(text, "| Employer survey").split(" | ")[5] == "—"
