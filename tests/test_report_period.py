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
    assert row(text, "| Cost (GBP) |") == "| Cost (GBP) | — | — | — |"
    assert row(text, "| **all activities** |") == "| **all activities** | 1 | 0 | — | — |"


# --- figures that add up ------------------------------------------------------------------------------------


def test_a_year_long_activity_is_shared_over_its_days_and_counted_once_when_it_ends(tmp_path):
    study = ACTIVITY.format(id="employer-study", title="Employer study", start="2026-01-01", end="2026-12-31")
    root = write_ledger(tmp_path / "l", {
        "outcomes/employers-aware.yaml": OUTCOME.format(id="employers-aware"),
        "activities/employer-study.yaml": study + "reach: {count: 100}\ncost: {amount: 1000, currency: GBP}\n",
    })
    q2 = report(root, "--period", "2026-Q2")
    assert headline(q2) == {"Activities completed": "0", "People reached": "25", "Cost (GBP)": "249",
                            "New evidence": "0", "Measurements": "0", "Outcomes achieved": "0"}
    assert "### Ongoing at 2026-06-30" in q2 and "No activity ended in 2026-Q2." in q2
    assert row(q2, "| Employer study").endswith("| 2026-01-01 to 2026-12-31 | 25 | 249 | Dr A. Researcher |")
    q4 = report(root, "--period", "2026-Q4")
    assert headline(q4)["Activities completed"] == "1" and "No activity was running at the end of 2026-Q4." in q4
    assert [headline(report(root, "--period", f"2026-Q{q}"))["Cost (GBP)"] for q in (1, 3, 4)] == ["247", "252", "252"]


def headline(text: str) -> dict[str, str]:
    """The headline table's figures for the report's own period, by label."""
    section = text.split("## Headline figures", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].removeprefix("| "): cells[1] for cells in rows[1:]}


def total(figures: list[str]) -> str:
    """What a column of headline figures adds up to, written as the report writes it ("—": none recorded)."""
    numbers = [float(f.replace(",", "")) for f in figures if f != "—"]
    if not numbers:
        return "—"
    whole = sum(numbers)
    return f"{whole:,.0f}" if round(whole, 2).is_integer() else f"{whole:,.2f}"


def assert_parts_add_up(root: Path, whole: str, parts: list[str]) -> None:
    year = headline(report(root, "--period", whole))
    quarters = [headline(report(root, "--period", part)) for part in parts]
    assert set(year) == {"Activities completed", "People reached", "Cost (GBP)", "New evidence", "Measurements",
                         "Outcomes achieved"}
    for label, figure in year.items():
        assert total([q[label] for q in quarters]) == figure, label


def test_the_four_quarters_of_the_shipped_ledger_add_up_to_the_year(ledger):
    assert_parts_add_up(ledger, "2026", ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    assert headline(report(ledger, "--period", "2026"))["People reached"] != "0"


def test_a_range_split_anywhere_adds_up(ledger):
    assert_parts_add_up(ledger, "2025-11-17..2026-08-09",
                        ["2025-11-17..2025-11-17", "2025-11-18..2026-02-28", "2026-03-01..2026-08-09"])


def test_the_four_quarters_of_a_generated_ledger_add_up_to_the_year(tmp_path):
    from tests.test_benchmark_generator import load_generator

    root = tmp_path / "generated"
    load_generator().generate(root, 300, 0.0, 3)
    assert_parts_add_up(root, "2026", ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    assert_parts_add_up(root, "2025", ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"])


def test_every_partition_of_a_range_adds_up_to_the_range(tmp_path):
    """Many random cuts of two years, figure by figure, on a generated ledger (computed, not rendered)."""
    import datetime as dt
    import random

    from impactctl import api
    from impactctl.model.periods import Period
    from impactctl.report import figures
    from tests.test_benchmark_generator import load_generator

    root = tmp_path / "generated"
    load_generator().generate(root, 300, 0.0, 5)
    ledger, _ = api.check(root, today=TODAY)
    whole = Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31), "whole")

    def values(period: Period) -> list:
        return [row["value"] for row in figures.headline(ledger, period, period)]

    expected = values(whole)
    rng = random.Random(11)
    for _ in range(20):
        cuts = sorted(rng.sample(range(1, (whole.end - whole.start).days), rng.randint(1, 12)))
        bounds = [whole.start, *(whole.start + dt.timedelta(days=c) for c in cuts), whole.end + dt.timedelta(days=1)]
        parts = [values(Period(a, b - dt.timedelta(days=1), "part")) for a, b in zip(bounds, bounds[1:])]
        sums = [round(sum(p[i] or 0 for p in parts), 2) for i in range(len(expected))]
        assert sums == [round(e or 0, 2) for e in expected]


# --- the status summary -------------------------------------------------------------------------------------


def measured(outcome_id: str, value: int, target_date: str = "2028-12-31") -> str:
    text = OUTCOME.format(id=outcome_id).replace("date: 2028-12-31}", f"date: {target_date}}}")
    return text.replace("title: Employers understand", f"title: {outcome_id.capitalize()} - employers understand") + (
        f"    measurements:\n      - {{date: 2026-06-15, value: {value}}}\n")


def test_the_status_summary_counts_indicators_and_names_the_outcomes_needing_attention(tmp_path):
    root = write_ledger(tmp_path / "l", {
        "outcomes/steady.yaml": measured("steady", 30),
        "outcomes/slipping.yaml": measured("slipping", 25),
        "outcomes/stalled.yaml": measured("stalled", 15),
        "outcomes/late.yaml": measured("late", 20, target_date="2026-06-30"),
        "outcomes/unmeasured.yaml": OUTCOME.format(id="unmeasured"),
    })
    text = report(root, "--period", "2026-Q3")
    top = text.split("## Headline figures")[0]
    assert "## Status at 2026-09-30\n\nThe 5 indicators of the 5 outcomes not dropped:\n" in top
    assert ("| on track | at risk | behind | achieved | overdue | no data yet |\n|---:|---:|---:|---:|---:|---:|\n"
            "| 1 | 1 | 1 | 0 | 1 | 1 |\n") in top
    assert top.split("(an indicator overdue, behind or at risk):\n\n")[1].strip().splitlines() == [
        "- Late - employers understand workplace mental health (`late`): 1 overdue",
        "- Stalled - employers understand workplace mental health (`stalled`): 1 behind",
        "- Slipping - employers understand workplace mental health (`slipping`): 1 at risk",
    ]


def test_a_summary_with_nothing_to_worry_about_says_so(tmp_path):
    root = write_ledger(tmp_path / "l", {"outcomes/steady.yaml": measured("steady", 30)})
    assert "No outcome needs attention: no indicator is overdue, behind or at risk." in report(root, "--period", "2026-Q3")


def test_the_readme_shows_how_the_golden_report_starts():
    """README's "What the report starts with" is the golden report's opening, line for line ("..." skips)."""
    top = Path(__file__).resolve().parent.parent
    readme = (top / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("What the report starts with:\n\n```markdown\n", 1)[1].split("```", 1)[0].splitlines()
    golden = (top / "tests/golden/report-2026-Q3.md").read_text(encoding="utf-8").splitlines()
    position = 0
    for line in excerpt:
        if line == "...":
            position = golden.index(excerpt[excerpt.index(line) + 1], position)
            continue
        assert golden[position] == line
        position += 1


def test_a_cost_written_with_pence_is_shared_in_pence_and_still_adds_up(tmp_path):
    workshop = ACTIVITY.format(id="employer-workshop", title="Employer workshop", start="2026-08-01", end="2026-08-02")
    root = write_ledger(tmp_path / "l", {
        "outcomes/employers-aware.yaml": OUTCOME.format(id="employers-aware"),
        "activities/employer-workshop.yaml": workshop + "cost: {amount: 100.01, currency: GBP}\n",
    })
    days = [headline(report(root, "--period", day))["Cost (GBP)"] for day in ("2026-08-01..2026-08-01",
                                                                              "2026-08-02..2026-08-02")]
    assert days == ["50.01", "50"]
    assert headline(report(root, "--period", "2026-Q3"))["Cost (GBP)"] == "100.01"
    assert_parts_add_up(root, "2026-08-01..2026-08-02", ["2026-08-01..2026-08-01", "2026-08-02..2026-08-02"])
