"""The report's Mermaid figures as a reader sees them: indicator charts on a time scale with the planned path,
the target and a legend in words; the pathway grouped by impact area and capped with a note."""

from __future__ import annotations

import re

from tests.helpers import OUTCOME, TODAY, write_ledger
from tests.hostile.common import invoke

INDICATOR = """\
id: o
title: Employers understand workplace mental health
area: work
domain: conceptual
groups: [employers]
owner: Dr A. Researcher
statement: Employers in the region report better understanding.
due: 2026-12-31
status: active
indicators:
  - id: aware
    name: Employers aware of the guidance
    measure: percent
    unit: "% of surveyed employers"
    baseline: {value: 10, date: 2026-01-01}
    milestones:
      - {date: 2026-03-01, value: 40}
    target: {value: 50, date: 2026-11-01}
    measurements:
      - {date: 2026-02-03, value: 22}
      - {date: 2026-08-30, value: 35}
      - {date: 2026-10-15, value: 48}
"""


def report(tmp_path, files: dict[str, str]) -> str:
    root = write_ledger(tmp_path / "ledger", files)
    target = tmp_path / "report.md"
    outcome = invoke("report", str(root), "--today", TODAY.isoformat(), "--period", "2026-Q3", "--output", str(target))
    assert outcome.exit_code == 0, outcome.output
    return target.read_text()


def chart(text: str) -> dict[str, str]:
    """The first xychart's lines by their first word (`bar` twice: measured, then the unnamed mask)."""
    block = re.search(r"```mermaid\n(%%\{init.*?\nxychart-beta\n.*?)```", text, re.DOTALL).group(1)
    lines = {}
    for line in block.splitlines()[2:]:
        key = line.split()[0] if not line.strip().startswith('bar "') else "measured"
        lines[key] = line.strip()
    return lines


def numbers(line: str) -> list[float]:
    return [float(n) for n in line.rpartition("[")[2].rstrip("]").split(", ")]


def test_months_are_evenly_spaced_from_baseline_to_target(tmp_path):
    """A baseline in January and a target in November: one slot per month, so distance is time."""
    lines = chart(report(tmp_path, {"outcomes/o.yaml": INDICATOR}))
    labels = re.findall(r'"(\d{4}-\d\d)"', lines["x-axis"])
    assert lines["x-axis"].startswith('x-axis "month"')
    assert labels == [f"2026-{m:02d}" for m in range(1, 12)]


def test_the_planned_path_bends_at_the_milestone_and_ends_at_the_target(tmp_path):
    """10 in January → 40 by March (the milestone) → 50 by November (the target): straight between them."""
    plan = numbers(chart(report(tmp_path, {"outcomes/o.yaml": INDICATOR}))["line"])
    assert plan[0] == 10 and plan[2] == 40 and plan[-1] == 50
    assert plan[1] == 25 and plan[6] == 45  # halfway in each leg: the line bends at the milestone, not before


def test_measurements_sit_at_their_month_and_none_after_the_period(tmp_path):
    """Bars at January (baseline), February and September (30 August is nearer 1 September); October's is after
    the report's period; a month without a measurement is at the axis minimum, hidden by the mask."""
    lines = chart(report(tmp_path, {"outcomes/o.yaml": INDICATOR}))
    assert numbers(lines["measured"]) == [10, 22, 0, 0, 0, 0, 0, 0, 35, 0, 0]
    mask = numbers(lines["bar"])  # unnamed white bars just above the axis minimum, in every month
    assert len(mask) == 11 and len(set(mask)) == 1 and 0 < mask[0] < 55 * 0.01
    assert lines["measured"].startswith('bar "measured"') and lines["line"].startswith('line "planned path"')


def test_the_axis_shows_the_target_and_keeps_a_percent_unit_whole(tmp_path):
    lines = chart(report(tmp_path, {"outcomes/o.yaml": INDICATOR}))
    assert lines["y-axis"] == 'y-axis "% of surveyed employers" 0 --> 55'


def test_the_legend_says_in_words_which_series_is_which(tmp_path):
    text = report(tmp_path, {"outcomes/o.yaml": INDICATOR})
    assert ("Black bars: measured (% of surveyed employers), 10 on 2026-01-01, 22 on 2026-02-03, 35 on 2026-08-30. "
            "Grey line: planned path from the baseline of 10 on 2026-01-01 through the milestones 40 by 2026-03-01 "
            "to the target of 50 (% of surveyed employers) by 2026-11-01.") in text


def test_a_long_plan_uses_longer_steps_but_stays_proportional(tmp_path):
    """2025-01-01 to 2028-12-31 is 48 months: 6-month steps, 9 labels, six months apart each."""
    lines = chart(report(tmp_path, {"outcomes/o.yaml": OUTCOME.format(id="o")}))
    labels = re.findall(r'"(\d{4}-\d\d)"', lines["x-axis"])
    assert lines["x-axis"].startswith('x-axis "6-month steps"')
    assert labels == ["2025-01", "2025-07", "2026-01", "2026-07", "2027-01", "2027-07", "2028-01", "2028-07", "2029-01"]
    assert numbers(lines["line"])[0] == 10 and numbers(lines["line"])[-1] == 50


def activity(n: int, area: str) -> str:
    return (f"id: act-{n}\ntitle: Activity {n}\ntype: study\narea: {area}\nstart: 2026-08-01\nend: 2026-08-02\n"
            f"lead: Dr A\ndescription: x\noutcomes: [o]\n")


def test_the_pathway_groups_by_area_and_places_an_activity_with_its_outcomes(tmp_path):
    """An activity filed under Communities that serves a Work outcome is drawn in the Work box."""
    files = {"outcomes/o.yaml": OUTCOME.format(id="o"), "activities/act-1.yaml": activity(1, "communities")}
    text = report(tmp_path, files)
    block = re.search(r"```mermaid\n(flowchart LR\n.*?)```", text, re.DOTALL).group(1)
    assert block.splitlines()[:6] == ["flowchart LR", '    subgraph s0["Work"]', "        direction LR",
                                      '        a0["Activity 1"]',
                                      '        o0(["Employers understand workplace mental health"])', "    end"]
    assert "    a0 --> o0" in block and "    o0 --> g0" in block


def test_the_pathway_says_how_many_activities_it_leaves_out(tmp_path):
    files = {"outcomes/o.yaml": OUTCOME.format(id="o")}
    files.update({f"activities/act-{n}.yaml": activity(n, "work") for n in range(43)})
    text = report(tmp_path, files)
    assert '    more["3 more activities not shown"]' in text
    assert "a39[" in text and "a40[" not in text
