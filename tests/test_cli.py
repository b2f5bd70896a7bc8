"""The command line as users meet it: ledger discovery, exit codes, formats, help and version."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from impactctl import __version__
from impactctl.cli import app
from tests.helpers import OUTCOME, write_ledger

runner = CliRunner()
BROKEN = {"outcomes/a.yaml": OUTCOME.format(id="a").replace("status: active", "status: ongoing")}


def invoke(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"impactctl {__version__}"


def test_python_dash_m_runs():
    done = subprocess.run([sys.executable, "-m", "impactctl", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and __version__ in done.stdout


@pytest.mark.parametrize("command", ["validate", "schema", "rules"])
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_clean_ledger_exits_0(tmp_path):
    root = write_ledger(tmp_path, {})
    result = invoke("validate", root)
    assert result.exit_code == 0, result.output
    assert "warning" in result.output  # a tiny ledger does not cover its plan: warnings, not errors


def test_errors_exit_1_with_path_line_col(tmp_path):
    root = write_ledger(tmp_path, BROKEN)
    result = invoke("validate", root)
    assert result.exit_code == 1
    assert f"{root}/outcomes/a.yaml:9:9: error" in result.output
    assert "9 | status: ongoing" in result.output.replace("    ", "")


def test_strict_fails_on_warnings(tmp_path):
    root = write_ledger(tmp_path, {})
    assert invoke("validate", root, "--strict").exit_code == 1


def test_missing_ledger_exits_2_saying_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("validate")
    assert result.exit_code == 2
    assert "no ledger found" in result.output and str(tmp_path) in result.output


def test_discovery_order(tmp_path, monkeypatch):
    first = write_ledger(tmp_path / "one", {})
    second = write_ledger(tmp_path / "two", BROKEN)
    nested = first / "outcomes"
    nested.mkdir()
    monkeypatch.chdir(nested)
    assert invoke("validate").exit_code == 0  # nearest ledger.yaml above the working directory
    monkeypatch.setenv("IMPACTCTL_LEDGER", str(second))
    assert invoke("validate").exit_code == 1  # the environment beats the search
    assert invoke("validate", "-L", first).exit_code == 0  # --ledger beats the environment
    assert invoke("validate", second, "-L", first).exit_code == 1  # the argument beats --ledger


def test_fallback_to_ledger_subfolder(tmp_path, monkeypatch):
    write_ledger(tmp_path / "ledger", BROKEN)
    monkeypatch.chdir(tmp_path)
    assert invoke("validate").exit_code == 1


def test_json_format_is_a_stable_document(tmp_path):
    root = write_ledger(tmp_path, BROKEN)
    result = invoke("validate", root, "--format", "json")
    document = json.loads(result.output)
    assert document["version"] == 1
    assert document["summary"]["errors"] == 1
    problem = next(p for p in document["problems"] if p["severity"] == "error")
    assert set(problem) == {"path", "line", "column", "code", "severity", "message", "hint"}
    assert (problem["line"], problem["column"], problem["code"]) == (9, 9, "schema-choice")


def test_github_format_is_chosen_under_actions(tmp_path, monkeypatch):
    root = write_ledger(tmp_path, BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("validate", root)
    assert f"::error file={root}/outcomes/a.yaml,line=9,col=9,title=schema-choice::" in result.output
    assert "outcomes/a.yaml:9:9: error" in result.output  # plain listing too


def test_gitlab_fingerprints_survive_line_shifts(tmp_path):
    root = write_ledger(tmp_path / "x", BROKEN)
    before = json.loads(invoke("validate", root, "-f", "gitlab").output)
    (root / "outcomes/a.yaml").write_text("# a comment added above\n" + (root / "outcomes/a.yaml").read_text())
    after = json.loads(invoke("validate", root, "-f", "gitlab").output)
    pick = lambda issues: next(i for i in issues if i["check_name"] == "schema-choice")  # noqa: E731
    assert pick(before)["location"]["lines"]["begin"] == 9 and pick(after)["location"]["lines"]["begin"] == 10
    assert pick(before)["fingerprint"] == pick(after)["fingerprint"]
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(pick(after))


def test_junit_format(tmp_path):
    from xml.etree import ElementTree as ET

    root = write_ledger(tmp_path, BROKEN)
    suite = ET.fromstring(invoke("validate", root, "-f", "junit").output).find("testsuite")
    assert suite.get("failures") == "1"
    assert suite.find("testcase/failure").get("type") == "schema-choice"


def test_schema_prints_draft07(tmp_path):
    result = invoke("schema", "outcomes")
    schema = json.loads(result.output)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in schema and "Indicator" in schema["definitions"]
    assert schema["additionalProperties"] is False


def test_schema_output_folder_with_vocabularies(tmp_path):
    root = write_ledger(tmp_path / "l", {})
    result = invoke("schema", "--output", tmp_path / "s", "--vocabularies", "-L", root)
    assert result.exit_code == 0, result.output
    outcome = json.loads((tmp_path / "s/outcomes.schema.json").read_text())
    assert outcome["properties"]["area"]["enum"] == ["work", "communities"]
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "activities.schema.json", "challenges.schema.json", "evidence.schema.json", "ledger.schema.json",
        "outcomes.schema.json", "stakeholders.schema.json"]
    challenge = json.loads((tmp_path / "s/challenges.schema.json").read_text())
    assert challenge["properties"]["kind"]["enum"] == ["challenge", "recommendation", "request", "support-offered"]


def test_schema_without_a_name_is_a_usage_error():
    assert invoke("schema").exit_code == 2


def test_rules_lists_every_rule():
    from impactctl.checks import RULES

    output = invoke("rules").output
    assert all(rule.ID in output for rule in RULES)


def test_bad_today_is_a_usage_error(tmp_path):
    root = write_ledger(tmp_path, {})
    assert invoke("validate", root, "--today", "yesterday").exit_code == 2


def test_junit_stays_well_formed_with_control_characters_in_user_text():
    from xml.etree import ElementTree as ET

    from impactctl.output.junit import render
    from impactctl.problems import CheckResult, Problem

    result = CheckResult("ledger", 1, [Problem("ledger/a\x00b.yaml", 1, 1, "yaml-key", "the key `\x1b[31m` is odd")])
    suite = ET.fromstring(render(result).encode()).find("testsuite")
    assert suite.find("testcase/failure").get("message") == "the key `\\x1b[31m` is odd"
