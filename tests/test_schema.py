"""Schema problems land on the offending value, the unknown key, or the mapping missing a key."""

from __future__ import annotations

from tests.helpers import OUTCOME, errors, run, write_ledger

GOOD = OUTCOME.format(id="a")


def test_valid_outcome_has_no_errors(tmp_path):
    assert errors(tmp_path, {"outcomes/a.yaml": GOOD}) == []


def test_unknown_key_points_at_the_key_and_suggests_the_right_one(tmp_path):
    root = write_ledger(tmp_path, {"outcomes/a.yaml": GOOD.replace("statement:", "statment:")})
    [problem] = [p for p in run(root).problems if p.code == "schema-unknown-key"]
    assert (problem.line, problem.column) == (7, 1)
    assert problem.hint == "did you mean `statement`?"


def test_missing_key_points_at_the_parent_mapping(tmp_path):
    text = GOOD.replace("    target: {value: 50, date: 2028-12-31}\n", "    target: {value: 50}\n")
    assert errors(tmp_path, {"outcomes/a.yaml": text}) == [("outcomes/a.yaml", 17, 13, "schema-missing")]


def test_missing_top_level_key_points_at_the_document(tmp_path):
    text = GOOD.replace("owner: Dr A. Researcher\n", "")
    assert errors(tmp_path, {"outcomes/a.yaml": text}) == [("outcomes/a.yaml", 1, 1, "schema-missing")]


def test_wrong_choice_points_at_the_value(tmp_path):
    text = GOOD.replace("status: active", "status: ongoing")
    assert errors(tmp_path, {"outcomes/a.yaml": text}) == [("outcomes/a.yaml", 9, 9, "schema-choice")]


def test_impossible_date_is_a_located_problem_not_a_crash(tmp_path):
    text = GOOD.replace("due: 2028-12-31", "due: 2028-02-30")
    root = write_ledger(tmp_path, {"outcomes/a.yaml": text})
    [problem] = [p for p in run(root).problems if p.code == "schema-format"]
    assert (problem.line, problem.column) == (8, 6)
    assert "2028-02-30 is not a day in the calendar" in problem.message


def test_number_where_text_is_expected_suggests_quotes(tmp_path):
    root = write_ledger(tmp_path, {"outcomes/a.yaml": GOOD.replace("owner: Dr A. Researcher", "owner: 1234")})
    [problem] = [p for p in run(root).problems if p.severity.value == "error"]
    assert (problem.line, problem.column, problem.code) == (6, 8, "schema-type")
    assert "quotes" in problem.hint


def test_bad_id_in_a_list_points_at_the_item(tmp_path):
    text = GOOD.replace("groups: [employers]", "groups:\n  - employers\n  - Not A Key")
    assert errors(tmp_path, {"outcomes/a.yaml": text}) == [("outcomes/a.yaml", 7, 5, "schema-format")]


def test_boolean_is_not_a_value(tmp_path):
    text = GOOD.replace("baseline: {value: 10,", "baseline: {value: yes,")
    # YAML 1.2: `yes` is the text "yes", so the percent indicator gets a text value.
    assert errors(tmp_path, {"outcomes/a.yaml": text}) == [("outcomes/a.yaml", 16, 23, "indicator-values")]


def test_ledger_yaml_problems_are_located(tmp_path):
    from tests.helpers import CONFIG

    root = write_ledger(tmp_path, {}, config=CONFIG.replace("reporting_year_start_month: 1", "reporting_year_start_month: 13"))
    [problem] = run(root).problems
    assert (problem.path.rsplit("/", 1)[-1], problem.line, problem.column, problem.code) == ("ledger.yaml", 6, 31, "schema-value")
