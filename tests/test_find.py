"""`show ID` and `list KIND`: links both ways, every filter, and table / json / csv output read back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from impactctl.exports.records import COLUMNS
from tests.helpers import TODAY

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"

# The documented JSON fields of each kind (README, "list"), in order.
FIELDS = {
    "outcomes": ["id", "title", "area", "domain", "groups", "stakeholders", "owner", "statement", "rationale", "due",
                 "status", "status_date", "evidence", "indicators", "tags"],
    "activities": ["id", "title", "type", "area", "start", "end", "lead", "description", "stakeholders", "outcomes",
                   "reach", "cost", "countries", "outputs", "form", "primary_audience"],
    "stakeholders": ["id", "name", "type", "group", "description", "url", "consent_to_name", "advisory"],
    "evidence": ["id", "title", "date", "type", "url", "file", "sha256", "outcomes", "activities", "corroborator",
                 "note"],
}


def run(ledger: Path, *args: str, today: str = TODAY.isoformat()):
    return runner.invoke(app, [*args, "-L", str(ledger), "--today", today])


def listed(ledger: Path, kind: str, *args: str, today: str = TODAY.isoformat()) -> list[str]:
    result = run(ledger, "list", kind, "--format", "json", *args, today=today)
    assert result.exit_code == 0, result.output
    return [record["id"] for record in json.loads(result.stdout)]


def field_of(ledger: Path, kind: str, key: str) -> dict[str, str]:
    """`key: value` of each record file of a kind, read as text (the test's own reading of the ledger)."""
    found = {}
    for path in (ledger / kind).glob("*.yaml"):
        for line in path.read_text().splitlines():
            if line.startswith(f"{key}:"):
                found[path.stem] = line.split(":", 1)[1].strip()
    return found


# --- show ------------------------------------------------------------------------------------------


def test_show_outcome_has_links_both_ways(ledger):
    result = run(ledger, "show", "parents-adversity-awareness", "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert (shown["kind"], shown["id"], shown["path"]) == ("outcomes", "parents-adversity-awareness",
                                                          "outcomes/parents-adversity-awareness.yaml")
    links = {(l["direction"], l["kind"], l["id"], l["field"]) for l in shown["links"]}
    # outgoing: its stakeholders and the evidence behind its measurements
    assert ("outgoing", "stakeholders", "mind", "stakeholders") in links
    assert ("outgoing", "evidence", "ev-parents-survey-2026-q1", "indicators.measurements.evidence") in links
    # incoming: the activities that contribute to it and the evidence that cites it
    assert ("incoming", "activities", "parents-online-toolkit", "outcomes") in links
    assert ("incoming", "evidence", "ev-parents-survey-2026-q1", "outcomes") in links
    assert all(l["exists"] and l["title"] for l in shown["links"])
    assert list(shown["record"]) == FIELDS["outcomes"]


def test_show_text_lists_fields_and_both_directions(ledger):
    result = run(ledger, "show", "ev-tfl-policy-revision")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "evidence ev-tfl-policy-revision" in out and "evidence/ev-tfl-policy-revision.yaml" in out
    points_at, pointed_by = out.split("Points at")[1].split("Pointed at by")
    assert "employer-wellbeing-policies" in points_at and "transport-for-london" in points_at
    assert "employer-wellbeing-policies" in pointed_by  # the outcome cites it back
    assert "\x1b[" not in out  # NO_COLOR


def test_show_stakeholder_is_pointed_at(ledger):
    shown = json.loads(run(ledger, "show", "mind", "--format", "json").stdout)
    assert {l["direction"] for l in shown["links"]} == {"incoming"}
    assert {"community-investment-networks", "parents-adversity-awareness"} <= {l["id"] for l in shown["links"]}


def test_show_unknown_id_is_a_usage_error_with_a_suggestion(ledger):
    result = run(ledger, "show", "parents-adversity-awarenes")
    assert result.exit_code == 2
    assert "did you mean 'parents-adversity-awareness'" in result.output


def test_show_of_a_record_that_cannot_be_read_says_so(ledger):
    path = ledger / "outcomes/parents-adversity-awareness.yaml"
    path.write_text(path.read_text().replace("status: active", "status: ongoing"))
    result = run(ledger, "show", "parents-adversity-awareness")
    assert result.exit_code == 2
    assert "outcomes/parents-adversity-awareness.yaml) has errors" in result.output and "did you mean" not in result.output


def test_show_marks_a_dangling_link(ledger):
    path = ledger / "outcomes/parents-adversity-awareness.yaml"
    path.write_text(path.read_text().replace("  - mind\n", "  - mindd\n"))
    result = run(ledger, "show", "parents-adversity-awareness", "--format", "json")
    assert result.exit_code == 0  # find works on a ledger with errors, and says so
    assert "the ledger has 1 error" in result.stderr
    link = next(l for l in json.loads(result.stdout)["links"] if l["id"] == "mindd")
    assert link["exists"] is False


# --- list filters ----------------------------------------------------------------------------------


def test_list_all_outcomes_sorted(ledger):
    ids = listed(ledger, "outcomes")
    assert ids == sorted(p.stem for p in (ledger / "outcomes").glob("*.yaml"))


def test_list_by_area(ledger):
    expected = {k for k, v in field_of(ledger, "outcomes", "area").items() if v == "work"}
    assert set(listed(ledger, "outcomes", "--area", "work")) == expected and expected
    activities = {k for k, v in field_of(ledger, "activities", "area").items() if v == "work"}
    assert set(listed(ledger, "activities", "--area", "work")) == activities


def test_list_by_domain(ledger):
    expected = {k for k, v in field_of(ledger, "outcomes", "domain").items() if v == "instrumental"}
    assert set(listed(ledger, "outcomes", "--domain", "instrumental")) == expected and expected


def test_list_by_group(ledger):
    outcomes = listed(ledger, "outcomes", "--group", "employers")
    assert outcomes and all("employers" in (ledger / f"outcomes/{i}.yaml").read_text() for i in outcomes)
    stakeholders = {k for k, v in field_of(ledger, "stakeholders", "group").items() if v == "employers"}
    assert set(listed(ledger, "stakeholders", "--group", "employers", "--profile", "internal")) == stakeholders


def test_list_by_status_takes_several_values(ledger):
    assert set(listed(ledger, "outcomes", "--status", "achieved")) == {"international-policy-learning",
                                                                       "line-manager-training"}
    both = listed(ledger, "outcomes", "--status", "achieved", "--status", "active")
    assert len(both) == len(listed(ledger, "outcomes"))


def test_list_by_owner_ignores_case(ledger):
    assert set(listed(ledger, "outcomes", "--owner", "whitcombe")) == {
        k for k, v in field_of(ledger, "outcomes", "owner").items() if "Whitcombe" in v}
    leads = {k for k, v in field_of(ledger, "activities", "lead").items() if "Hargreaves" in v}
    assert set(listed(ledger, "activities", "--owner", "HARGREAVES")) == leads and leads


def test_list_overdue_depends_on_today(ledger):
    assert listed(ledger, "outcomes", "--overdue") == []
    late = listed(ledger, "outcomes", "--overdue", today="2030-01-01")
    live = {k for k, v in field_of(ledger, "outcomes", "status").items() if v in ("planned", "active")}
    assert set(late) == live


def test_filters_combine(ledger):
    ids = listed(ledger, "outcomes", "--group", "employers", "--domain", "capacity-building")
    assert ids == ["line-manager-training"]


@pytest.mark.parametrize("args,message", [
    (["evidence", "--area", "work"], "--area does not apply to evidence"),
    (["outcomes", "--area", "wrk"], "did you mean 'work'"),
    (["outcomes", "--status", "done"], "choose from planned, active"),
    (["things"], "not a record kind"),
])
def test_bad_filters_are_usage_errors(ledger, args, message):
    result = run(ledger, "list", *args)
    assert result.exit_code == 2 and message in result.output


def test_singular_kind_is_accepted(ledger):
    assert listed(ledger, "outcome") == listed(ledger, "outcomes")


# --- formats ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(FIELDS))
def test_json_and_csv_have_the_documented_fields(ledger, kind):
    records = json.loads(run(ledger, "list", kind, "--format", "json").stdout)
    assert records and all(list(record) == FIELDS[kind] for record in records)
    result = run(ledger, "list", kind, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == list(COLUMNS[kind])
    assert [row["id"] for row in rows] == [record["id"] for record in records]


def test_csv_joins_lists_and_reaches_inside(ledger):
    rows = list(csv.DictReader(io.StringIO(run(ledger, "list", "activities", "--format", "csv").stdout, newline="")))
    briefing = next(row for row in rows if row["id"] == "briefing-dhsc-prevention")
    assert briefing["outcomes"] == "policymakers-social-determinants;schools-adopt-costed-interventions"
    assert (briefing["reach.count"], briefing["cost.amount"], briefing["cost.currency"]) == ("45", "2600", "GBP")


def test_table_wraps_and_counts(ledger):
    result = run(ledger, "list", "outcomes", "--status", "achieved")
    assert result.exit_code == 0
    assert "line-manager-training" in result.stdout and "2 outcomes" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 120  # COLUMNS=120 in conftest
    assert "\x1b[" not in result.stdout


def test_an_unreadable_ledger_yaml_exits_1(ledger):
    (ledger / "ledger.yaml").write_text("format: [\n")
    result = run(ledger, "list", "outcomes")
    assert result.exit_code == 1 and "ledger.yaml" in result.output


@pytest.mark.parametrize("command", ["show", "list", "export", "case-study"])
def test_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert any(line.strip().startswith("Example:") for line in result.output.splitlines())
