"""`impactctl portfolio`: the SQL over many ledgers' Parquet files agrees, figure for figure, with the sum of
their single-ledger reports; a ledger with errors is left out whole; the queries run by hand in DuckDB."""

from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from impactctl import api, portfolio
from impactctl.cli import app
from impactctl.model.periods import parse_period
from impactctl.report import attribution, figures, viewmodel
from tests.helpers import CONFIG, TODAY, write_ledger

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "ledger"
PERIODS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026", "2025-03-15..2026-02-10")


def _generator():
    spec = importlib.util.spec_from_file_location("benchmark_generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory) -> list[Path]:
    """The shipped ledger (copied out of git, so no history is read) and three small generated ones."""
    base = tmp_path_factory.mktemp("portfolio")
    shutil.copytree(SHIPPED, base / "shipped")
    generate = _generator().generate
    for seed in (1, 2, 3):
        generate(base / f"generated-{seed}", 120 + 40 * seed, 0.0, seed)
    return [base / "shipped", *(base / f"generated-{seed}" for seed in (1, 2, 3))]


def single(root: Path, period_text: str) -> dict:
    """One ledger's own report figures for the period, as its view-model has them."""
    ledger, check = api.check(root, today=TODAY)
    assert not check.errors
    period = parse_period(period_text, TODAY, ledger.config.centre.reporting_year_start_month)
    model = viewmodel.build(ledger, period, "public")
    indicators = [i for o in model["outcomes"] for i in o["indicators"]]
    stakeholders = ledger.index("stakeholders")
    running = figures.activities_in(ledger, period)
    reach = {}
    for key, label in ledger.config.vocabularies.groups.items():
        involved = [e for e in running if any(s in stakeholders and stakeholders[s].record.group == key
                                              for s in e.record.stakeholders)]
        reach[label] = figures.reach(involved, period)
    return {
        "headline": {row["label"].split(" (")[0]: row["value"] for row in model["headline"]},
        "statuses": Counter(i["status"] for i in indicators),
        "behind": {(o["id"], sum(i["status"] == "behind" for i in o["indicators"]),
                    sum(i["status"] == "overdue" for i in o["indicators"])) for o in model["outcomes"]
                   if any(i["status"] in ("behind", "overdue") for i in o["indicators"])},
        "coverage": {(row["label"], column): cell for row in model["coverage_groups"]["rows"]
                     for column, cell in zip(model["coverage_groups"]["columns"], row["cells"])},
        "engagement": {row["group"]: (row["stakeholders"], row["activities"]) for row in model["engagement"]},
        "reach": reach,
    }


@pytest.mark.parametrize("period", PERIODS)
def test_the_portfolio_is_the_sum_of_its_ledgers_reports(ledgers, period):
    result = portfolio.portfolio(ledgers, period, today=TODAY)
    assert result.left_out == [] and len(result.included) == len(ledgers)
    answers = result.answers
    ids = {root: lid for lid, root in result.included}
    mine = {root: single(root, period) for root in ledgers}
    names = {"Activities completed": "activities_completed", "People reached": "people_reached",
             "Cost": "cost_minor", "New evidence": "new_evidence", "Measurements": "measurements",
             "Outcomes achieved": "outcomes_achieved"}
    rows = {row["ledger_id"]: row for row in answers["headline"]}
    for root in ledgers:
        row = rows[ids[root]]
        got = {label: row[column] for label, column in names.items()}
        if got["Cost"] is not None:
            got["Cost"] = attribution.major_units(got["Cost"])
        assert got == mine[root]["headline"], root.name
        statuses = Counter({r["status"]: r["indicators"] for r in answers["indicator_status"]
                            if r["ledger_id"] == ids[root]})
        assert statuses == mine[root]["statuses"], root.name
        behind = {(r["outcome"], r["behind"], r["overdue"]) for r in answers["behind"] if r["ledger_id"] == ids[root]}
        assert behind == mine[root]["behind"], root.name
    coverage = {(r["group_label"], r["domain_label"]): r["outcomes"] for r in answers["coverage"]}
    assert coverage == sum((Counter(mine[root]["coverage"]) for root in ledgers), Counter()) | {
        key: 0 for key in coverage if not any(mine[root]["coverage"].get(key) for root in ledgers)}
    for row in answers["reach"]:
        per_ledger = [mine[root]["engagement"][row["label"]] for root in ledgers]
        assert (row["stakeholders"], row["activities"]) == tuple(map(sum, zip(*per_ledger)))
        reached = [mine[root]["reach"][row["label"]] for root in ledgers if mine[root]["reach"][row["label"]] is not None]
        assert row["people_reached"] == (sum(reached) if reached else None)


def test_the_report_totals_the_centres(ledgers):
    result = runner.invoke(app, ["portfolio", *map(str, ledgers), "--period", "2026-Q3", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    totals = {label: 0 for label in ("activities", "evidence")}
    for root in ledgers:
        headline = single(root, "2026-Q3")["headline"]
        totals["activities"] += headline["Activities completed"]
        totals["evidence"] += headline["New evidence"]
    [line] = [line for line in result.stdout.splitlines() if line.startswith("| **All centres**")]
    cells = [cell.strip() for cell in line.split("|")]
    assert (int(cells[3]), int(cells[6])) == (totals["activities"], totals["evidence"])
    assert "# Portfolio report: 4 centre(s), 2026-Q3 (2026-07-01 to 2026-09-30)" in result.stdout


def test_a_ledger_with_errors_is_left_out_whole(ledgers, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(SHIPPED, broken)
    (broken / "activities" / "huge.yaml").write_text(
        "id: huge\ntitle: Huge\ntype: training\narea: work\nstart: 2026-08-01\nlead: Dr A\nreach: {count: 999999}\n"
        "outcomes: [no-such-outcome]\n", encoding="utf-8")
    result = runner.invoke(app, ["portfolio", str(ledgers[0]), str(broken), "--period", "2026-Q3",
                                 "--today", TODAY.isoformat()])
    assert result.exit_code == 1
    assert f"{broken.as_posix()} left out of the portfolio" in result.stderr
    assert "Ledgers left out" in result.stdout and "999,999" not in result.stdout
    assert "# Portfolio report: 1 centre(s)" in result.stdout


def test_html_edition_escapes_record_text(ledgers, tmp_path):
    hostile = tmp_path / "hostile"
    shutil.copytree(SHIPPED, hostile)
    config = hostile / "ledger.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "name: ESRC Centre for Society and Mental Health", "name: \"<script>alert(1)</script> Centre\""),
        encoding="utf-8")
    out = tmp_path / "portfolio.html"
    result = runner.invoke(app, ["portfolio", str(hostile), "--format", "html", "--output", str(out),
                                 "--period", "2026-Q3", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; Centre" in text


def test_the_queries_run_by_hand_over_exported_files(ledgers, tmp_path):
    """As docs/portfolio.md says: export, make a view per table and the `periods` table, run the package's SQL."""
    result = runner.invoke(app, ["export", str(ledgers[0]), "--format", "parquet", "--output", str(tmp_path / "csmh"),
                                 "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    con = duckdb.connect()
    for table in portfolio.TABLES:
        con.execute(f"CREATE VIEW {table} AS FROM read_parquet('{tmp_path.as_posix()}/*/{table}.parquet')")
    con.execute("CREATE TABLE periods AS SELECT ledger_id, '2026-Q3' AS label, DATE '2026-07-01' AS period_start, "
                "DATE '2026-09-30' AS period_end, today FROM ledgers")
    con.execute(portfolio.query("views"))
    expected = portfolio.portfolio(ledgers[:1], "2026-Q3", today=TODAY).answers
    for name in portfolio.QUERIES:
        cursor = con.execute(portfolio.query(name))
        columns = [d[0] for d in cursor.description]
        assert [dict(zip(columns, row)) for row in cursor.fetchall()] == expected[name], name
    assert expected["headline"][0]["activities_completed"] > 0


def test_without_duckdb_the_message_names_the_extra(ledgers, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "duckdb", None)
    result = runner.invoke(app, ["portfolio", str(ledgers[0]), "--today", TODAY.isoformat()])
    assert result.exit_code == 2
    assert "pip install 'impactctl[portfolio]'" in result.output


TIE = """\
id: tie
title: Employers understand workplace mental health
area: work
domain: conceptual
groups: [employers]
owner: Dr A. Researcher
statement: Employers in the region report better understanding.
due: 2027-09-28
status: active
indicators:
  - id: aware
    name: Employers aware of the guidance
    measure: count
    unit: employers
    baseline: {value: 0, date: 2025-01-01}
    target: {value: 400, date: 2027-09-28}
    measurements:
      - {date: 2025-04-15, value: 49}
"""


def test_a_rounding_tie_is_judged_as_the_report_judges_it(tmp_path):
    """49 of 400 is 12.25%, which Python rounds to 12.2 (a tie goes to the even digit) and DuckDB's round()
    to 12.3; on 2025-05-04 the straight line expects 12.3% (123 of 1,000 days): at risk, not on track."""
    root = write_ledger(tmp_path / "tie", {"outcomes/tie.yaml": TIE}, CONFIG)
    period = "2025-04-01..2025-05-04"
    assert single(root, period)["statuses"] == Counter({"at risk": 1})
    answers = portfolio.portfolio([root], period, today=TODAY).answers
    assert [(r["status"], r["indicators"]) for r in answers["indicator_status"]] == [("at risk", 1)]


def test_the_command_line_starts_without_loading_duckdb_or_pyarrow():
    import subprocess
    import sys

    code = ("import sys, impactctl.cli, impactctl.exporting, impactctl.portfolio; "
            "print(sorted(m for m in ('duckdb', 'pyarrow') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert shown.stdout.strip() == "[]"
