"""`impactctl import`: spreadsheet rows become records; updates touch only their lines; a second run changes nothing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "ledger"

ACTIVITIES = """\
id,title,type,area,start,lead,outcomes,reach.count,reach.geography,cost.amount,cost.currency,countries
,Employer breakfast briefing,engagement-event,work,2026-10-01,Dr A. Author,employer-wellbeing-policies;line-manager-training,40,regional,350,GBP,GB
advisory-meeting-2026-03,,,,,,,7,,,,
"""

OUTCOMES = (
    "id,title,area,domain,groups,owner,statement,due,indicator.name,indicator.measure,indicator.unit,"
    "indicator.baseline,indicator.baseline_date,indicator.target\n"
    ",Employers value peer support,work,conceptual,employers,Dr A. Author,Employers value peer support.,"
    "2028-12-31,Employers valuing peer support,percent,%,10,2026-01-01,40\n"
)


def write_csv(tmp_path: Path, text: str | bytes, name: str = "rows.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def run_import(root: Path, csv_path: Path, kind: str, *flags: str):
    return runner.invoke(app, ["import", str(csv_path), "--kind", kind, "-L", str(root), *flags])


def snapshot(root: Path) -> dict[str, bytes]:
    """Every ledger file's bytes (the write lock's folder left out)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".impactctl" not in p.parts}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[0] in "+-"]


def test_rows_add_new_records_and_update_existing_ones(ledger, tmp_path):
    result = run_import(ledger, write_csv(tmp_path, ACTIVITIES), "activities")
    assert result.exit_code == 0, result.output
    added = ledger / "activities/employer-breakfast-briefing.yaml"
    assert f"added     {added}" in result.output
    assert f"updated   {ledger / 'activities/advisory-meeting-2026-03.yaml'}" in result.output
    assert "2 rows: 1 added, 1 updated, 0 unchanged" in result.output
    assert added.read_text() == (
        "id: employer-breakfast-briefing\ntitle: Employer breakfast briefing\ntype: engagement-event\narea: work\n"
        "start: 2026-10-01\nlead: Dr A. Author\noutcomes:\n  - employer-wellbeing-policies\n  - line-manager-training\n"
        "reach:\n  count: 40\n  geography: regional\ncost:\n  amount: 350\n  currency: GBP\ncountries:\n  - GB\n")
    assert api.validate(ledger).errors == 0


def test_an_update_changes_only_the_lines_of_the_fields_given(ledger, tmp_path):
    path = ledger / "activities/advisory-meeting-2026-03.yaml"
    before = path.read_text()
    result = run_import(ledger, write_csv(tmp_path, "id,reach.count,end\nadvisory-meeting-2026-03,7,2026-03-26\n"),
                        "activities")
    assert result.exit_code == 0, result.output
    assert changed_lines(before, path.read_text()) == ["- end: 2026-03-25", "+ end: 2026-03-26",
                                                       "-   count: 5", "+   count: 7"]


def test_new_keys_go_where_the_model_orders_them_and_comments_stay(ledger, tmp_path):
    path = ledger / "stakeholders/adv-amira-haddad.yaml"
    before = path.read_text()
    rows = "id,url,consent_to_name,advisory.until,contact.name\nadv-amira-haddad,https://example.org/a,yes,2027-08-31,Amira H.\n"
    result = run_import(ledger, write_csv(tmp_path, rows), "stakeholders")
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after.splitlines()[0] == before.splitlines()[0] == (
        "# Non-academic advisory group member (service users: parents and carers). Fictional person.")
    assert changed_lines(before, after) == ["+ url: https://example.org/a", "- consent_to_name: false",
                                            "+ consent_to_name: true", "+   until: 2027-08-31", "+   name: Amira H."]
    assert after.index("url:") < after.index("consent_to_name:")
    assert after.index("  name: Amira H.") < after.index("  email:")


def test_a_second_import_changes_nothing(ledger, tmp_path):
    rows = write_csv(tmp_path, ACTIVITIES)
    assert run_import(ledger, rows, "activities").exit_code == 0
    first = snapshot(ledger)
    again = run_import(ledger, rows, "activities")
    assert again.exit_code == 0, again.output
    assert again.output.count("unchanged ") == 2 and "2 rows: 0 added, 0 updated, 2 unchanged" in again.output
    assert snapshot(ledger) == first
    assert not (ledger / "activities/employer-breakfast-briefing-2.yaml").exists()


def test_a_row_without_id_finds_its_record_by_title(ledger, tmp_path):
    rows = 'title,lead\n"Non-academic advisory group meeting, March 2026",Dr B. Other\n'
    result = run_import(ledger, write_csv(tmp_path, rows), "activities")
    assert result.exit_code == 0, result.output
    assert "lead: Dr B. Other" in (ledger / "activities/advisory-meeting-2026-03.yaml").read_text()
    assert "1 updated" in result.output


def test_dry_run_prints_the_diffs_and_writes_nothing(ledger, tmp_path):
    before = snapshot(ledger)
    result = run_import(ledger, write_csv(tmp_path, ACTIVITIES), "activities", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+++ b/activities/employer-breakfast-briefing.yaml" in result.output
    assert "-  count: 5\n+  count: 7\n" in result.output
    assert "dry run: nothing was written" in result.output
    assert snapshot(ledger) == before


def test_one_invalid_row_refuses_the_whole_import(ledger, tmp_path):
    before = snapshot(ledger)
    rows = ACTIVITIES + "advisory-meeting-2026-06,,,,,,,many,,,,\n"
    result = run_import(ledger, write_csv(tmp_path, rows), "activities")
    assert result.exit_code == 1
    assert "activities/advisory-meeting-2026-06.yaml:" in result.output and "[schema-type]" in result.output
    assert "CSV line 4 would make activities/advisory-meeting-2026-06.yaml invalid" in result.output
    assert "nothing was written" in result.output
    assert snapshot(ledger) == before


def test_a_vocabulary_mistake_is_reported_at_path_line_col(ledger, tmp_path):
    result = run_import(ledger, write_csv(tmp_path, "id,area\nline-manager-training,wrk\n"), "outcomes")
    assert result.exit_code == 1
    assert "outcomes/line-manager-training.yaml:3:7: error `wrk` is not in the areas vocabulary" in result.output


def test_an_unknown_column_exits_2_with_a_did_you_mean(ledger, tmp_path):
    result = run_import(ledger, write_csv(tmp_path, "title,aera\nx,work\n"), "outcomes")
    assert result.exit_code == 2
    assert "unknown column `aera`" in result.output and "did you mean `area`?" in result.output
    assert "Traceback" not in result.output


def test_an_id_of_another_kind_is_a_clear_error(ledger, tmp_path):
    before = snapshot(ledger)
    result = run_import(ledger, write_csv(tmp_path, "id,title\nmind,Mind\n"), "outcomes")
    assert result.exit_code == 2
    assert "line 2: `mind` is one of the stakeholders, not of the outcomes" in result.output
    assert snapshot(ledger) == before


def test_an_excel_bom_is_accepted(ledger, tmp_path):
    result = run_import(ledger, write_csv(tmp_path, b"\xef\xbb\xbf" + OUTCOMES.encode()), "outcomes")
    assert result.exit_code == 0, result.output
    text = (ledger / "outcomes/employers-value-peer-support.yaml").read_text()
    assert text.startswith("id: employers-value-peer-support\n")
    assert ("indicators:\n  - id: employers-valuing-peer-support\n    name: Employers valuing peer support\n"
            "    measure: percent\n    unit: '%'\n    baseline:\n      value: 10\n      date: 2026-01-01\n"
            "    target:\n      value: 40\n      date: 2028-12-31\n") in text


def test_an_indicator_is_updated_by_its_id(ledger, tmp_path):
    path = ledger / "outcomes/parents-adversity-awareness.yaml"
    before = path.read_text()
    rows = "id,indicator.id,indicator.target\nparents-adversity-awareness,ind-parents-understanding,65\n"
    result = run_import(ledger, write_csv(tmp_path, rows), "outcomes")
    assert result.exit_code == 0, result.output
    assert changed_lines(before, path.read_text()) == ["-       value: 70", "+       value: 65"]


def test_several_indicators_need_an_indicator_id(ledger, tmp_path):
    result = run_import(ledger, write_csv(tmp_path, "id,indicator.target\nparents-adversity-awareness,65\n"),
                        "outcomes")
    assert result.exit_code == 2 and "indicator.id" in result.output


def test_text_fields_keep_their_text(ledger, tmp_path):
    rows = "name,type,group,contact.phone\nNew Person,person,publics,02079460000\n"
    result = run_import(ledger, write_csv(tmp_path, rows), "stakeholders")
    assert result.exit_code == 0, result.output
    assert 'phone: "02079460000"' in (ledger / "stakeholders/new-person.yaml").read_text()


def test_evidence_file_gets_its_sha256(ledger, tmp_path):
    (ledger / "evidence/files").mkdir(exist_ok=True)
    (ledger / "evidence/files/notes.txt").write_text("notes\n")
    rows = 'title,date,type,file,outcomes,note\r\nNotes,2026-10-02,letter,evidence/files/notes.txt,line-manager-training,"two\r\nlines"\r\n'
    result = run_import(ledger, write_csv(tmp_path, rows), "evidence")
    assert result.exit_code == 0, result.output
    text = (ledger / "evidence/notes.yaml").read_text()
    assert "sha256: " in text and "note: |-\n  two\n  lines\n" in text


@pytest.mark.parametrize("content, message", [
    (b"id,title\nline-manager-training,\xe9t\xe9\n", "rows.csv line 2 is not UTF-8"),
    (b"id,title\nline-manager-training,a,b\n", "rows.csv line 2: 3 cells, but the header names 2 columns"),
    (b"id,title\nline-manager-training,a\nline-manager-training,b\n", "line 3: line 2 is already about"),
    (b"id,title\nBad Id,x\n", "line 2: the id `Bad Id` cannot be used"),
    (b"", "is empty"),
    (b"id;title\na;b\n", "separate cells with `;`"),
])
def test_bad_csv_exits_2_naming_the_line_and_writes_nothing(ledger, tmp_path, content, message):
    before = snapshot(ledger)
    result = run_import(ledger, write_csv(tmp_path, content), "outcomes")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert snapshot(ledger) == before


def test_a_missing_csv_file_exits_2(ledger, tmp_path):
    result = run_import(ledger, tmp_path / "nowhere.csv", "outcomes")
    assert result.exit_code == 2 and "cannot read" in result.output


def test_help_has_an_example():
    result = runner.invoke(app, ["import", "--help"])
    assert result.exit_code == 0
    assert any(line.strip().startswith("Example:") for line in result.output.splitlines())


def test_an_update_of_a_hand_written_four_space_crlf_file_changes_only_its_lines(tmp_path):
    from tests.helpers import write_ledger

    outcome = ("id: a\r\ntitle: Employers understand workplace mental health\r\narea: work\r\ndomain: conceptual\r\n"
               "groups: [employers]   # for now\r\nowner: Dr A. Researcher\r\nstatement: >\r\n    Employers in the region\r\n"
               "    report better understanding.\r\ndue: 2028-12-31\r\nstatus: active\r\nindicators:\r\n    -   id: aware\r\n"
               "        name: Employers aware of the guidance\r\n        measure: percent\r\n        unit: \"%\"\r\n        direction: increase\r\n"
               "        baseline:\r\n            value: 10\r\n            date: 2025-01-01\r\n        target:\r\n"
               "            value: 50    # agreed\r\n            date: 2028-12-31\r\n# end notes\r\n")
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": outcome.encode()})
    rows = "id,groups,rationale,indicator.target\na,employers;publics,Asked for by employers.,60\n"
    result = run_import(root, write_csv(tmp_path, rows), "outcomes")
    assert result.exit_code == 0, result.output
    assert (root / "outcomes/a.yaml").read_bytes().decode() == outcome.replace(
        "groups: [employers]", "groups: [employers, publics]").replace(
        "report better understanding.\r\n", "report better understanding.\r\nrationale: Asked for by employers.\r\n").replace(
        "value: 50", "value: 60")
