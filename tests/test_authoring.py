"""Authoring through the CLI: add-*, record, set-status, set, init; dry runs, refusals, byte-exact edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from impactctl.source import roundtrip

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"

OUTCOME_FLAGS = ["--title", "Employers value peer support", "--area", "work", "--domain", "conceptual",
                 "--group", "employers", "--owner", "Dr A. Author", "--statement", "Employers value peer support.",
                 "--due", "2028-12-31", "--indicator-name", "Employers valuing peer support", "--measure", "percent",
                 "--unit", "%", "--baseline", "10", "--baseline-date", "2026-01-01", "--target", "40", "--no-input"]


def invoke(root: Path, *args: str):
    return runner.invoke(app, [*args, "-L", str(root)] if args[0] != "init" else list(args))


def test_add_outcome_writes_a_valid_record_with_an_id_from_the_title(ledger):
    result = invoke(ledger, "add-outcome", *OUTCOME_FLAGS)
    assert result.exit_code == 0, result.output
    path = ledger / "outcomes/employers-value-peer-support.yaml"
    assert result.output.strip() == str(path)
    assert path.read_text() == (
        "id: employers-value-peer-support\ntitle: Employers value peer support\narea: work\ndomain: conceptual\n"
        "groups:\n  - employers\nowner: Dr A. Author\nstatement: Employers value peer support.\ndue: 2028-12-31\n"
        "status: planned\nindicators:\n  - id: employers-valuing-peer-support\n    name: Employers valuing peer support\n"
        "    measure: percent\n    unit: '%'\n    direction: increase\n    baseline:\n      value: 10\n"
        "      date: 2026-01-01\n    target:\n      value: 40\n      date: 2028-12-31\n")
    assert api.validate(ledger).errors == 0


def test_a_taken_slug_gets_a_suffix(ledger):
    invoke(ledger, "add-outcome", *OUTCOME_FLAGS)
    result = invoke(ledger, "add-outcome", *OUTCOME_FLAGS)
    assert result.output.strip().endswith("outcomes/employers-value-peer-support-2.yaml")


def test_transliterated_slug(ledger):
    flags = list(OUTCOME_FLAGS)
    flags[1] = "Ärzte & Pflegekräfte: Résumé über Gesundheit"
    result = invoke(ledger, "add-outcome", *flags)
    assert result.output.strip().endswith("outcomes/arzte-pflegekrafte-resume-uber-gesundheit.yaml")


def test_missing_fields_without_a_terminal_name_every_flag_and_write_nothing(ledger):
    before = sorted(p.name for p in (ledger / "outcomes").iterdir())
    result = invoke(ledger, "add-outcome", "--title", "Half an outcome", "--no-input")
    assert result.exit_code == 2
    for flag in ("--area", "--domain", "--group", "--owner", "--statement", "--due", "--indicator-name", "--measure"):
        assert flag in result.output
    assert sorted(p.name for p in (ledger / "outcomes").iterdir()) == before


def test_an_invalid_record_is_refused_with_path_line_col(ledger):
    flags = [("wrk" if f == "work" else f) for f in OUTCOME_FLAGS]
    result = invoke(ledger, "add-outcome", *flags)
    assert result.exit_code == 1
    assert "outcomes/employers-value-peer-support.yaml:3:7: error `wrk` is not in the areas vocabulary" in result.output
    assert not (ledger / "outcomes/employers-value-peer-support.yaml").exists()


def test_dry_run_prints_a_diff_and_writes_nothing(ledger):
    result = invoke(ledger, "add-outcome", *OUTCOME_FLAGS, "--dry-run")
    assert result.exit_code == 0
    assert "+++ b/outcomes/employers-value-peer-support.yaml" in result.output
    assert "+id: employers-value-peer-support" in result.output
    assert not (ledger / "outcomes/employers-value-peer-support.yaml").exists()


@pytest.mark.parametrize("bad", ["../escape", "/etc/passwd", "a/b", "a\\b", "Upper", "con", "nul", "a\0b",
                                 "parents-adversity-awareness"])
def test_unsafe_or_taken_ids_are_refused(ledger, bad):
    result = invoke(ledger, "add-outcome", *OUTCOME_FLAGS, "--id", bad)
    assert result.exit_code == 2
    assert "cannot be used" in result.output or "already used" in result.output
    assert not list(ledger.parent.glob("escape*")) and not (ledger.parent / "etc").exists()


def test_record_appends_only_lines(ledger):
    path = ledger / "outcomes/parents-adversity-awareness.yaml"
    before = path.read_text()
    result = invoke(ledger, "record", "parents-adversity-awareness", "--value", "58", "--date", "2026-11-20",
                    "--indicator", "ind-parents-understanding", "--evidence", "ev-parents-survey-2026-q1",
                    "--note", "no")
    assert result.exit_code == 0, result.output
    import difflib

    diff = [line for line in difflib.ndiff(before.splitlines(), path.read_text().splitlines()) if line[0] in "+-"]
    assert diff == ["+       - date: 2026-11-20", "+         value: 58", "+         evidence:",
                    "+           - ev-parents-survey-2026-q1", '+         note: "no"']


def test_record_needs_indicator_when_there_are_several(ledger):
    result = invoke(ledger, "record", "parents-adversity-awareness", "--value", "58")
    assert result.exit_code == 2
    assert "--indicator" in result.output and "ind-parents-understanding" in result.output


def test_record_on_an_unknown_outcome_suggests_one(ledger):
    result = invoke(ledger, "record", "parents-adversity-awarenes", "--value", "58")
    assert result.exit_code == 2 and "did you mean `parents-adversity-awareness`?" in result.output


def test_record_a_future_measurement_is_refused(ledger):
    result = invoke(ledger, "record", "parents-adversity-awareness", "--indicator", "ind-parents-understanding",
                    "--value", "58", "--date", "2999-01-01")
    assert result.exit_code == 1 and "date-order" in result.output


def test_set_status_achieved_without_evidence_is_refused(tmp_path):
    from tests.helpers import OUTCOME, write_ledger

    root = write_ledger(tmp_path, {"outcomes/a.yaml": OUTCOME.format(id="a")})
    result = invoke(root, "set-status", "a", "achieved")
    assert result.exit_code == 1 and "achieved-evidence" in result.output
    assert "status: active" in (root / "outcomes/a.yaml").read_text()


def test_set_status_with_evidence(ledger):
    result = invoke(ledger, "set-status", "community-researchers", "achieved", "--evidence", "ev-coresearcher-register-q3")
    assert result.exit_code == 0, result.output
    text = (ledger / "outcomes/community-researchers.yaml").read_text()
    assert "status: achieved" in text and "ev-coresearcher-register-q3" in text


def test_set_changes_one_line_only(ledger):
    path = ledger / "activities/study-insecure-work.yaml"
    before = path.read_text().splitlines()
    result = invoke(ledger, "set", "study-insecure-work", "reach.count", "120")
    assert result.exit_code == 0, result.output
    after = path.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1 and changed[0][1].strip() == "count: 120"


def test_set_a_yes_no_field_with_the_words_a_file_uses(ledger):
    """`false` on the command line is false, as in a file (it was written as the text "false", which the
    schema refused)."""
    path = ledger / "stakeholders/adv-helen-tranter.yaml"
    result = invoke(ledger, "set", "adv-helen-tranter", "consent_to_name", "false")
    assert result.exit_code == 0, result.output
    assert "consent_to_name: false\n" in path.read_text()
    assert api.validate(ledger).errors == 0


def test_set_an_unknown_field_is_refused(ledger):
    result = invoke(ledger, "set", "study-insecure-work", "reahc", "120")
    assert result.exit_code == 1 and "schema-unknown-key" in result.output


def test_add_activity_stakeholder_and_evidence(ledger):
    activity = invoke(ledger, "add-activity", "--title", "Employer roundtable", "--type", "engagement-event",
                      "--area", "work", "--start", "2026-10-01", "--lead", "Dr A. Author",
                      "--outcome", "employer-wellbeing-policies", "--count", "40", "--geography", "regional",
                      "--cost", "250", "--country", "GB", "--no-input")
    assert activity.exit_code == 0, activity.output
    person = invoke(ledger, "add-stakeholder", "--name", "Sam Example", "--type", "person", "--group", "employers",
                    "--email", "sam@example.org", "--no-input")
    assert person.exit_code == 0, person.output
    (ledger / "evidence/files/note.txt").write_text("minutes\n")
    evidence = invoke(ledger, "add-evidence", "--title", "Roundtable notes", "--type", "meeting-minutes",
                      "--date", "2026-10-02", "--file", "evidence/files/note.txt",
                      "--activity", "employer-roundtable", "--no-input")
    assert evidence.exit_code == 0, evidence.output
    assert "sha256: " in (ledger / "evidence/roundtable-notes.yaml").read_text()
    assert api.validate(ledger).errors == 0


def test_init_creates_a_ledger_that_validates_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    target = tmp_path / "new"
    result = runner.invoke(app, ["init", str(target), "--name", "No Centre"])
    assert result.exit_code == 0, result.output
    assert api.validate(target).errors == 0
    assert (target / ".schemas/outcomes.schema.json").exists()
    # Outside git and outside the working directory, the repository files go beside the ledger folder.
    assert (tmp_path / ".vscode/settings.json").exists() and not (target / ".vscode").exists()
    before = (target / "ledger.yaml").read_text()
    again = runner.invoke(app, ["init", str(target), "--name", "Other"])
    assert again.exit_code == 0 and (target / "ledger.yaml").read_text() == before
    assert f"left alone (already there): {target / 'ledger.yaml'}" in again.output


def test_every_shipped_file_round_trips_byte_for_byte():
    for path in sorted(SHIPPED.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert roundtrip.dump_text(roundtrip.load_text(text)) == text, path


@pytest.mark.parametrize("text", ["no", "yes", "on", "1e3", "0755", "2026-01-01", "null", "~", "1:30", " padded",
                                  "true", "- dash", "# hash", "key: value", "ok"])
def test_text_values_are_written_so_every_reader_reads_text(text):
    import yaml as pyyaml

    from impactctl.source import fastyaml

    written = roundtrip.dump_text(roundtrip.to_yaml_value({"v": text}))
    assert pyyaml.safe_load(written)["v"] == text  # YAML 1.1 reader
    assert fastyaml.load("x", written)[0]["v"] == text  # our YAML 1.2 reader
    assert roundtrip.load_text(written)["v"] == text  # ruamel


def test_completion_offers_ids_and_vocabulary(monkeypatch):
    from impactctl.cli import complete

    monkeypatch.chdir(SHIPPED)
    assert "parents-adversity-awareness" in complete.ids("outcomes")("parents")
    assert complete.ids("stakeholders")("parents-adv") == []
    assert complete.vocabulary("areas")("w") == ["work"]


def test_a_record_with_an_impossible_date_can_be_corrected_with_set(ledger):
    """ruamel cannot build `2027-02-30` as a date; the record must still open for editing, be refused for
    that date (with its position) until it is corrected, and be written back otherwise unchanged."""
    path = ledger / "outcomes/parents-adversity-awareness.yaml"
    text = path.read_text()
    assert "      date: 2027-07-31\n" in text
    path.write_text(text.replace("      date: 2027-07-31\n", "      date: 2027-02-30\n", 1))
    line = path.read_text().split("\n").index("      date: 2027-02-30") + 1
    refused = invoke(ledger, "record", "parents-adversity-awareness", "--value", "58", "--date", "2026-11-20",
                     "--indicator", "ind-parents-understanding", "--evidence", "ev-parents-survey-2026-q1")
    assert refused.exit_code == 1 and f"parents-adversity-awareness.yaml:{line}:" in refused.output
    assert "2027-02-30" in path.read_text()
    assert [p.line for p in api.validate(ledger).problems if p.code == "schema-format"] == [line]
    fixed = invoke(ledger, "set", "parents-adversity-awareness", "indicators.0.target.date", "2027-02-28")
    assert fixed.exit_code == 0, fixed.output
    assert path.read_text() == text.replace("      date: 2027-07-31\n", "      date: 2027-02-28\n", 1)
    assert api.validate(ledger).errors == 0


def test_a_file_that_cannot_be_edited_says_where(ledger):
    path = ledger / "outcomes/parents-adversity-awareness.yaml"
    path.write_text(path.read_text().replace("status: active", "status: [active", 1))
    result = invoke(ledger, "set-status", "parents-adversity-awareness", "achieved")
    assert result.exit_code == 2
    assert "outcomes/parents-adversity-awareness.yaml:" in result.output and "cannot be edited" in result.output


@pytest.mark.parametrize("name, made", [("Łódź", "lodz"), ("Ærø", "aero"), ("Москва", "moskva"), ("Αθήνα", "athena"),
                                        ("Straße", "strasse"), ("Université de Genève", "universite-de-geneve")])
def test_ids_are_made_from_names_in_any_script(ledger, name, made):
    result = invoke(ledger, "add-stakeholder", "--name", name, "--type", "organisation", "--group", "employers",
                    "--no-input")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(ledger / f"stakeholders/{made}.yaml")


def test_a_name_with_nothing_to_spell_an_id_asks_for_one(ledger):
    before = sorted(p.name for p in (ledger / "stakeholders").iterdir())
    result = invoke(ledger, "add-stakeholder", "--name", "🌍🌱", "--type", "organisation", "--group", "employers",
                    "--no-input")
    assert result.exit_code == 2 and "give the record an id with --id" in result.output
    assert sorted(p.name for p in (ledger / "stakeholders").iterdir()) == before
    given = invoke(ledger, "add-stakeholder", "--name", "🌍🌱", "--type", "organisation", "--group", "employers",
                   "--id", "earth-growth", "--no-input")
    assert given.exit_code == 0 and (ledger / "stakeholders/earth-growth.yaml").exists()


def test_an_indicator_name_with_nothing_to_spell_an_id_asks_for_one(ledger):
    flags = list(OUTCOME_FLAGS)
    flags[flags.index("--indicator-name") + 1] = "📈"
    result = invoke(ledger, "add-outcome", *flags)
    assert result.exit_code == 2 and "--indicator-id" in result.output
    assert not (ledger / "outcomes/employers-value-peer-support.yaml").exists()


@pytest.mark.parametrize("look_alike", ["lоdz", "Lodz", "lodz\n", "ｌodz"])  # Cyrillic о, capital, newline, fullwidth
def test_ids_that_only_look_like_safe_ones_are_refused(ledger, look_alike):
    before = sorted(p.name for p in (ledger / "stakeholders").iterdir())
    result = invoke(ledger, "add-stakeholder", "--name", "Łódź", "--type", "organisation", "--group", "employers",
                    "--id", look_alike, "--no-input")
    assert result.exit_code == 2 and "cannot be used" in result.output
    assert sorted(p.name for p in (ledger / "stakeholders").iterdir()) == before
