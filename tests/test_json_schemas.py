"""The exported JSON Schemas accept exactly what `validate` accepts: every shipped file and every file of a
new ledger passes a real JSON Schema validator, and a wrong file is refused by both."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from impactctl.source.loader import read_yaml
from tests.helpers import OUTCOME, TODAY, run, write_ledger

SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
runner = CliRunner()


def exported_schemas(root: Path, folder: Path) -> dict[str, dict]:
    """`impactctl schema --output FOLDER --vocabularies`, read back: kind -> schema."""
    result = runner.invoke(app, ["schema", "--output", str(folder), "--vocabularies", "-L", str(root)])
    assert result.exit_code == 0, result.output
    return {path.name.removesuffix(".schema.json"): json.loads(path.read_text()) for path in folder.glob("*.json")}


def schema_errors(root: Path, rel: str, schemas: dict[str, dict], formats: bool = True) -> list[str]:
    """What a draft-07 validator says of one file, read as YAML 1.2 as editors read it; `formats=False` is
    an editor that does not check formats (`date`)."""
    data, _, problems = read_yaml(root, rel)
    assert not problems, problems
    schema = schemas["ledger" if rel == "ledger.yaml" else rel.split("/")[0]]
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER if formats else None
    validator = jsonschema.Draft7Validator(schema, format_checker=checker)
    return [error.message for error in validator.iter_errors(data)]


def ledger_files(root: Path) -> list[str]:
    return ["ledger.yaml", *sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.yaml"))]


def test_every_shipped_file_is_valid_against_the_exported_schemas(tmp_path):
    schemas = exported_schemas(SHIPPED, tmp_path / "schemas")
    files = ledger_files(SHIPPED)
    assert len(files) > 50 and "rules:" in (SHIPPED / "ledger.yaml").read_text()
    assert {rel: schema_errors(SHIPPED, rel, schemas) for rel in files} == {rel: [] for rel in files}


NEW_RECORDS = [
    ["add-stakeholder", "--name", "Regional Employers Forum", "--type", "organisation", "--group", "employers"],
    ["add-outcome", "--title", "Employers understand insecure work", "--area", "practice", "--domain",
     "conceptual", "--group", "employers", "--owner", "Dr A. Author", "--statement", "Employers report it.",
     "--due", "2028-12-31", "--indicator-name", "Employers aware", "--measure", "percent", "--unit", "%",
     "--baseline", "10", "--baseline-date", "2026-01-15", "--target", "40"],
    ["add-activity", "--title", "Employer roundtable", "--type", "engagement-event", "--area", "practice",
     "--start", "2026-10-01", "--lead", "Dr A. Author", "--outcome", "employers-understand-insecure-work"],
    ["add-evidence", "--title", "Roundtable notes", "--type", "meeting-minutes", "--date", "2026-10-02",
     "--url", "https://example.org/notes", "--activity", "employer-roundtable"],
    ["record", "employers-understand-insecure-work", "--value", "18", "--date", "2026-11-20",
     "--evidence", "roundtable-notes"],
]


def test_every_file_of_a_new_ledger_is_valid_against_the_schemas_init_wrote(tmp_path):
    """`init`, then one record of each kind through the commands: each file passes the schemas init wrote."""
    root = tmp_path / "new"
    assert runner.invoke(app, ["init", str(root), "--name", "New Centre"]).exit_code == 0
    for command in NEW_RECORDS:
        done = runner.invoke(app, [*command, "-L", str(root)] + (["--no-input"] if command[0] != "record" else []))
        assert done.exit_code == 0, done.output
    written = {path.name.removesuffix(".schema.json"): json.loads(path.read_text())
               for path in (root / ".schemas").glob("*.json")}
    assert written == exported_schemas(root, tmp_path / "schemas")
    files = ledger_files(root)
    assert len(files) == 5 and run(root, TODAY).errors == 0
    assert {rel: schema_errors(root, rel, written) for rel in files} == {rel: [] for rel in files}


CONFIG_RULES = "rules:\n  coverage-group-domain: warning\n  milestone-missed: {severity: off}\n"


def test_the_short_form_of_a_rule_setting_is_accepted_by_both(tmp_path):
    """`rule-id: error` is short for `rule-id: {severity: error}`: the schema allows both, as validate does."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": OUTCOME.format(id="a")})
    (root / "ledger.yaml").write_text((root / "ledger.yaml").read_text() + CONFIG_RULES)
    assert run(root, TODAY).errors == 0
    assert schema_errors(root, "ledger.yaml", exported_schemas(root, tmp_path / "schemas")) == []


@pytest.mark.parametrize("rel,old,new,code", [
    ("outcomes/a.yaml", "statement:", "statment:", "schema-unknown-key"),
    ("outcomes/a.yaml", "status: active", "status: ongoing", "schema-choice"),
    ("outcomes/a.yaml", "due: 2028-12-31", "due: 2028-02-30", "schema-format"),
    ("outcomes/a.yaml", "due: 2028-12-31", "due: 31/12/2028", "schema-format"),
    ("outcomes/a.yaml", "id: a", "id: A", "schema-format"),
    ("outcomes/a.yaml", "id: a", "id: con", "schema-format"),
    ("outcomes/a.yaml", "area: work", "area: leisure", "vocabulary"),
    ("ledger.yaml", "milestone-missed: {severity: off}", "milestone-missed: loud", "schema-choice"),
    ("ledger.yaml", "  start: 2024-01-01", "  start: 2024-01-01\n  founded: 2023", "schema-unknown-key"),
])
def test_a_wrong_file_is_refused_by_validate_and_by_the_schema(tmp_path, rel, old, new, code):
    """An unknown key, a bad status, impossible and non-ISO dates, a bad id, a word not in the vocabulary,
    a bad rule severity: validate reports an error on that file and the schema refuses it."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": OUTCOME.format(id="a")})
    (root / "ledger.yaml").write_text((root / "ledger.yaml").read_text() + CONFIG_RULES)
    schemas = exported_schemas(root, tmp_path / "schemas")  # with the vocabulary as allowed values
    path = root / rel
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    problems = [p for p in run(root, TODAY).problems if p.severity.value == "error"]
    assert code in {p.code for p in problems if p.path == (root / rel).as_posix()}, problems
    assert schema_errors(root, rel, schemas) != []
    if new != "due: 2028-02-30":  # only a format checker knows the calendar
        assert schema_errors(root, rel, schemas, formats=False) != []
