"""The quarterly report: golden output, periods, privacy, escaping, template overrides and the sandbox."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from impactctl.model.periods import parse_period, quarter_period
from tests.helpers import TODAY

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
GOLDEN = Path(__file__).resolve().parent / "golden"


def report(root: Path, *args: str):
    return runner.invoke(app, ["report", str(root), "--today", TODAY.isoformat(), *args])


def test_quarterly_report_matches_the_golden_file(ledger, update_golden):
    result = report(ledger, "--period", "2026-Q3")
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "report-2026-Q3.md"
    if update_golden:
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def test_html_report_matches_the_golden_file(ledger, update_golden):
    result = report(ledger, "--period", "2026-Q3", "--format", "html")
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "report-2026-Q3.html"
    if update_golden:
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("args,starts", [
    (["--output", "{dir}/r.html"], "<!DOCTYPE html>"),
    (["--output", "{dir}/r.HTM"], "<!DOCTYPE html>"),
    (["--output", "{dir}/r.md"], "# ESRC Centre"),
    (["--output", "{dir}/r.txt", "--format", "html"], "<!DOCTYPE html>"),
    (["--output", "{dir}/r.html", "--format", "markdown"], "# ESRC Centre"),
])
def test_the_format_follows_the_option_else_the_output_suffix(ledger, tmp_path, args, starts):
    args = [a.format(dir=tmp_path) for a in args]
    assert report(ledger, "--period", "2026-Q3", *args).exit_code == 0
    assert Path(args[1]).read_text(encoding="utf-8").startswith(starts)


def test_an_unknown_format_or_a_template_of_the_other_format_is_a_usage_error(ledger, tmp_path):
    assert report(ledger, "--format", "pdf").exit_code == 2
    custom = tmp_path / "board.md.j2"
    custom.write_text("Board\n")
    result = report(ledger, "--template", str(custom), "--format", "html")
    assert result.exit_code == 2 and "writes markdown, not html" in result.output


def test_a_ledger_html_template_overrides_the_builtin_and_escapes_for_html(ledger):
    (ledger / "templates").mkdir()
    (ledger / "templates/quarterly.html.j2").write_text("<p>{{ centre.name }} & {{ outcomes[0].title ~ ' <b>' }}</p>\n")
    assert report(ledger, "--period", "2026-Q3", "--format", "html").output == (
        "<p>ESRC Centre for Society and Mental Health & Early-career researchers build policy organisations&#39; "
        "capacity to use evidence &lt;b&gt;</p>\n")
    assert report(ledger, "--period", "2026-Q3").output.startswith("# ESRC")  # the Markdown one is still built in


def test_a_template_path_ending_in_html_j2_renders_html(ledger, tmp_path):
    custom = tmp_path / "board.html.j2"
    custom.write_text("<h1>{{ period.label }} \"{{ centre.grant }}\"</h1>\n")
    (ledger / "ledger.yaml").write_text((ledger / "ledger.yaml").read_text().replace("ES/S012567/1", "'ES/1 \"x\"'"))
    assert report(ledger, "--period", "2026-Q3", "--template", str(custom)).output == \
        '<h1>2026-Q3 "ES/1 &quot;x&quot;"</h1>\n'


def test_every_html_chart_has_a_name_a_description_and_its_data_as_a_table(ledger):
    html = report(ledger, "--period", "2026-Q3", "--format", "html").output
    charts = re.findall(r'<svg viewBox="[\d ]+" role="img" aria-labelledby="(\S+) (\S+)" class="chart">'
                        r'<title id="\1">([^<]+)</title><desc id="\2">([^<]+)</desc>', html)
    assert len(charts) == html.count("<svg") == 23  # the status overview and 22 quantitative indicators
    assert "Indicators by status" in charts[0][2] and "12 on track" not in charts[0][3]
    assert "on track: 12; at risk: 1; behind: 5; achieved: 3; overdue: 0; no data yet: 4" in charts[0][3]  # as the status summary
    name = "Residents trained as community peer researchers (community-researchers)"
    chart = html[html.index(f'<title id="chart-2-t">{name}</title>'):]
    table = chart[chart.index("<tbody>"):chart.index("</tbody>")]
    rows = re.findall(r'<tr><th scope="row">([\d-]+)</th><td class="num">([\d.,]+)</td><td class="num">([\d.,]+)</td></tr>',
                      table)
    assert rows == [("2025-12-31", "8", "8"), ("2026-03-25", "12", "11.69"), ("2026-09-30", "21", "20")]  # via the milestone
    assert "Latest 21 residents on 2026-09-30, where the plan expected 20; baseline 8" in chart


def test_default_period_is_the_last_complete_quarter(ledger):
    assert "impact report, 2026-Q3" in report(ledger).output


@pytest.mark.parametrize("text,start,end", [
    ("2026-Q1", "2026-04-01", "2026-06-30"),
    ("2026", "2026-04-01", "2027-03-31"),
    ("2026-05-01..2026-05-31", "2026-05-01", "2026-05-31"),
])
def test_periods_follow_the_reporting_year(text, start, end):
    period = parse_period(text, TODAY, start_month=4)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


def test_previous_of_the_first_quarter_is_last_years_fourth():
    assert quarter_period(2026, 1, 4).previous(4).label == "2025-Q4"


def test_bad_period_is_a_usage_error(ledger):
    result = report(ledger, "--period", "2026-Q5")
    assert result.exit_code == 2 and "not a period" in result.output


def test_output_is_written_and_only_when_valid(ledger, tmp_path):
    target = tmp_path / "out.md"
    assert report(ledger, "--output", str(target)).exit_code == 0
    assert target.read_text().startswith("# ESRC Centre for Society and Mental Health")
    (ledger / "outcomes/community-researchers.yaml").write_text("id: [broken\n")
    other = tmp_path / "other.md"
    result = report(ledger, "--output", str(other))
    assert result.exit_code == 1 and not other.exists()
    assert "community-researchers.yaml:1:5" in result.output  # the `[` never closed


def test_public_profile_shows_no_personal_data(ledger):
    public = report(ledger, "--period", "2026-Q2").output
    internal = report(ledger, "--period", "2026-Q2", "--profile", "internal").output
    for path in (ledger / "stakeholders").glob("*.yaml"):
        text = path.read_text()
        for line in text.splitlines():
            if line.strip().startswith(("email:", "phone:")):
                value = line.split(":", 1)[1].strip()
                assert value not in public
    assert "Amira Haddad" not in public and "Marcus Oyelaran" not in public  # not consented to be named
    assert "amira-haddad" not in public and "marcus-oyelaran" not in public  # nor their name-made ids
    assert "Amira Haddad" in internal
    assert "@example.org" in internal


def test_html_public_profile_shows_no_personal_data(ledger):
    public = report(ledger, "--period", "2026-Q2", "--format", "html").output
    internal = report(ledger, "--period", "2026-Q2", "--format", "html", "--profile", "internal").output
    assert "Amira Haddad" not in public and "amira-haddad" not in public and "@example.org" not in public
    assert "Amira Haddad" in internal and "@example.org" in internal and "<th scope=\"col\">contact</th>" in internal
    assert "public edition" in public and "internal edition" in internal


def test_user_text_cannot_break_tables_or_inject(ledger):
    path = ledger / "activities/briefing-dhsc-prevention.yaml"
    text = path.read_text().replace(
        "title: Evidence briefing for DHSC on preventing mental ill health in childhood",
        'title: "A | B <script>alert(1)</script> [x](javascript:alert(1)) `code` \\"q\\" ]] end"')
    path.write_text(text)
    output = report(ledger, "--period", "2026-Q3").output
    row = next(line for line in output.splitlines() if "briefing-dhsc-prevention" in line and line.startswith("| A"))
    assert row.count(" | ") == 6  # seven cells: the title's | did not add one
    assert "<script>" not in output and "[x](javascript:" not in output
    assert 'a14["A #124; B #lt;script#gt;' in output


def test_a_ledger_template_overrides_the_builtin(ledger):
    (ledger / "templates").mkdir()
    (ledger / "templates/quarterly.md.j2").write_text("Custom {{ period.label }}: {{ headline[0].value }} activities\n")
    assert report(ledger, "--period", "2026-Q3").output == "Custom 2026-Q3: 7 activities\n"


def test_a_template_path(ledger, tmp_path):
    custom = tmp_path / "board.md.j2"
    custom.write_text("Board: {{ centre.name }}\n")
    assert report(ledger, "--template", str(custom)).output == "Board: ESRC Centre for Society and Mental Health\n"


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{{ undefined_name }}",
])
@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_hostile_templates_are_refused_and_nothing_is_written(ledger, tmp_path, payload, suffix):
    (ledger / "templates").mkdir()
    (ledger / f"templates/quarterly{suffix}.j2").write_text(payload + "\n")
    target = tmp_path / f"out{suffix}"
    result = report(ledger, "--output", str(target))
    assert result.exit_code == 1
    assert "no report was written" in result.output and not target.exists()
    assert "uid=" not in result.output


def test_a_template_printing_gigabytes_is_cut_off_at_the_shipped_output_limit(ledger):
    """The shipped output limit alone (the clock and the memory limit switched off) stops a template
    printing 10 GB; tests/hostile/test_templates.py has the other limits, each on its own."""
    from impactctl import reporting
    from impactctl.errors import TemplateFailed
    from impactctl.report.environment import DEFAULT_LIMITS, RenderLimits

    (ledger / "templates").mkdir()
    (ledger / "templates/quarterly.md.j2").write_text("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}")
    with pytest.raises(TemplateFailed, match="produced more than 100,000,000 characters"):
        reporting.report(ledger, "2026-Q3", today=TODAY, limits=RenderLimits.off(output_chars=DEFAULT_LIMITS.output_chars))


def test_as_of_reproduces_a_past_report_and_changes_come_from_git(tmp_path, monkeypatch):
    from tests.test_history import Repo

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = Repo(tmp_path / "repo")
    shutil.copytree(SHIPPED, repo.ledger, dirs_exist_ok=True)
    repo.commit("Ann", "2026-06-01", "the ledger")
    path = repo.ledger / "activities/briefing-dhsc-prevention.yaml"
    path.write_text(path.read_text().replace("title: Evidence briefing for DHSC", "title: Revised briefing for DHSC"))
    repo.commit("Bo", "2026-08-15", "retitle")
    now = report(repo.ledger, "--period", "2026-Q3").output
    past = runner.invoke(app, ["report", str(repo.ledger), "--today", TODAY.isoformat(), "--period", "2026-Q3",
                               "--as-of", "HEAD~1"]).output
    assert "Revised briefing for DHSC" in now and "Revised briefing" not in past
    assert "ledger as of revision HEAD\\~1" in past
    past_html = runner.invoke(app, ["report", str(repo.ledger), "--today", TODAY.isoformat(), "--period", "2026-Q3",
                                    "--as-of", "HEAD~1", "--format", "html"]).output
    assert "ledger as of revision HEAD~1" in past_html and "Revised briefing" not in past_html
    assert "| `activities/briefing-dhsc-prevention.yaml` | changed | Bo | title changed |" in now
    bad = runner.invoke(app, ["report", str(repo.ledger), "--as-of", "no-such-rev"])
    assert bad.exit_code == 2 and "no-such-rev" in bad.output


def test_templates_read_view_model_keys_as_jinja_does(tmp_path):
    """The sandbox reads a dict's key directly (no exception per lookup), but a dict method still wins over
    a key of the same name, as in Jinja: `row.items` is the method, `row.title` the key."""
    from impactctl.report import environment

    (tmp_path / "t.md.j2").write_text("{{ row.title }} {{ row['items'] }} {{ row.items is callable }} {{ row.missing is defined }}")
    env = environment.make_environment(None, tmp_path)
    text = environment.render(env, "t.md.j2", {"row": {"title": "Survey", "items": 3}})
    assert text == "Survey 3 yes no"


def test_an_html_chart_holds_the_measurements_up_to_the_periods_end_beside_the_plan(tmp_path):
    from tests.helpers import OUTCOME, write_ledger

    outcome = OUTCOME.format(id="o") + ("    measurements:\n      - {date: 2026-08-01, value: 30}\n"
                                        "      - {date: 2026-10-15, value: 40}\n")
    root = write_ledger(tmp_path / "ledger", {"outcomes/o.yaml": outcome})
    html = report(root, "--period", "2026-Q3", "--format", "html").output
    table = html[html.index('<caption id="cap-chart-1">'):]
    rows = re.findall(r'<tr><th scope="row">([\d-]+)</th><td class="num">([\d.]+)</td><td class="num">([\d.]+)</td>',
                      table[:table.index("</tbody>")])
    assert rows == [("2025-01-01", "10", "10"), ("2026-08-01", "30", "25.81")]  # 2026-10-15 is after Q3
    assert ("Latest 30 % of surveyed employers on 2026-08-01, where the plan expected 25.81; baseline 10 on "
            "2025-01-01, target 50 by 2028-12-31.") in html
    assert "1 indicator. on track: 1; at risk: 0; behind: 0; achieved: 0; overdue: 0; no data yet: 0." in html


def test_an_html_chart_plans_through_the_milestones(tmp_path):
    """The planned path runs baseline → milestone → target: the dashed line bends at the milestone, and the
    plan column and description follow it (the straight line would expect 25.81 on 2026-08-01, the path 40.35)."""
    from tests.helpers import OUTCOME, write_ledger

    outcome = OUTCOME.format(id="o") + ("    milestones:\n      - {date: 2026-06-30, value: 40}\n"
                                        "    measurements:\n      - {date: 2026-08-01, value: 30}\n")
    root = write_ledger(tmp_path / "ledger", {"outcomes/o.yaml": outcome})
    html = report(root, "--period", "2026-Q3", "--format", "html").output
    plan = re.search(r'<polyline class="plan" points="([^"]+)"', html)[1]
    assert len(plan.split()) == 3  # baseline, milestone, target
    assert "where the plan expected 40.35; baseline 10 on 2025-01-01, milestone 40 by 2026-06-30, target 50" in html
