"""The mistakes researchers make most, each answered at the line they made it with what to type instead."""

from __future__ import annotations

import pytest

from impactctl.problems import Problem
from tests.helpers import OUTCOME, run, write_ledger

VALID = OUTCOME.format(id="a")


def problem(tmp_path, text: str | bytes, code: str) -> Problem:
    """The one problem of `code` that validate finds in outcomes/a.yaml holding `text`."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": text})
    found = [p for p in run(root).problems if p.code == code and p.path.endswith("outcomes/a.yaml")]
    assert len(found) == 1, [(p.location, p.code, p.message) for p in run(root).problems]
    return found[0]


def at(p: Problem) -> tuple[int, int]:
    return p.line, p.column


def test_a_colon_in_an_unquoted_title_asks_for_quotes(tmp_path):
    p = problem(tmp_path, VALID.replace("title: Employers understand", "title: Employers: understand"), "yaml-syntax")
    assert at(p) == (2, 8)
    assert "colon followed by a space" in p.message
    assert p.hint == 'put the value in quotes: title: "Employers: understand workplace mental health"'


def test_a_key_without_a_space_after_its_colon_is_reported_on_its_own_line(tmp_path):
    p = problem(tmp_path, VALID.replace("status: active", "status:active"), "yaml-syntax")
    assert at(p) == (9, 7)
    assert p.hint == "write `status: active`"


def test_an_unclosed_bracket_at_the_end_of_the_file_points_at_the_bracket(tmp_path):
    text = VALID.replace("groups: [employers]\n", "") + "groups: [employers, publics\n"
    p = problem(tmp_path, text, "yaml-syntax")
    assert at(p) == (17, 9)
    assert "not closed" in p.message and p.hint == "close it with `]`, e.g. `groups: [employers, publics]`"


def test_an_unclosed_quote_points_at_the_quote_not_where_yaml_stumbled(tmp_path):
    """The text runs on to the next quote (line 14's unit) and libyaml stops there; the fix is on line 6."""
    p = problem(tmp_path, VALID.replace("owner: Dr A. Researcher", 'owner: "Dr A. Researcher'), "yaml-syntax")
    assert at(p) == (6, 8) and "reads on to line 14" in p.message
    assert p.hint == 'end the text with " on this line: owner: "Dr A. Researcher"'


def test_an_unclosed_quote_at_the_end_of_the_file_points_at_the_quote(tmp_path):
    p = problem(tmp_path, VALID + 'note: "unfinished\n', "yaml-syntax")
    assert at(p) == (18, 7) and "never closed" in p.message


def test_a_duplicate_key_says_where_the_first_one_is(tmp_path):
    p = problem(tmp_path, VALID.replace("status: active", "status: active\ntitle: Again"), "yaml-duplicate-key")
    assert at(p) == (10, 1)
    assert "first on line 2" in p.message


@pytest.mark.parametrize("written,hint", [
    ("31/12/2028", "write 2028-12-31"),
    ("12/31/2028", "write 2028-12-31"),
    ("03/04/2028", "write 2028-04-03 if 03/04/2028 means 3 April 2028"),
    ("31 December 2028", "write 2028-12-31"),
    ("2028/12/31", "write 2028-12-31"),
])
def test_a_date_in_another_form_gets_its_iso_spelling(tmp_path, written, hint):
    p = problem(tmp_path, VALID.replace("due: 2028-12-31", f"due: {written}"), "schema-format")
    assert at(p) == (8, 6) and p.hint == hint


@pytest.mark.parametrize("written,hint", [
    ("in progress", "write `status: active`"),
    ("completed", "write `status: achieved`"),
    ("activ", "did you mean `active`? write `status: active`"),
])
def test_a_status_in_other_words_gets_the_ledger_word(tmp_path, written, hint):
    p = problem(tmp_path, VALID.replace("status: active", f"status: {written}"), "schema-choice")
    assert at(p) == (9, 9) and p.hint == hint


def test_a_bare_baseline_number_asks_for_its_date(tmp_path):
    p = problem(tmp_path, VALID.replace("baseline: {value: 10, date: 2025-01-01}", "baseline: 10"), "schema-type")
    assert at(p) == (16, 15)
    assert p.hint.startswith("write `baseline: {value: 10, date: YYYY-MM-DD}`")


def test_a_word_curly_quote_is_named_and_its_line_shown(tmp_path):
    text = VALID.replace("Dr A. Researcher", "Dr A. O\u2019Brien").encode("cp1252")
    p = problem(tmp_path, text, "encoding")
    assert at(p) == (6, 15)
    assert "`’` saved in the Windows-1252 encoding" in p.message
    assert p.excerpt == "owner: Dr A. O\ufffdBrien"


@pytest.mark.parametrize("typed, says", [("null", "means no value"), ("true", "mean yes and no"),
                                          ("[10, 12]", "one figure")])
def test_a_value_neither_a_number_nor_words_gets_one_message_about_the_value(tmp_path, typed, says):
    """An indicator's value is a number or words: YAML's null or true is neither, and is reported once, at the
    value, saying so (not as `value.int` wanting digits, the first of the three kinds pydantic tried)."""
    p = problem(tmp_path, VALID.replace("baseline: {value: 10,", f"baseline: {{value: {typed},"), "schema-type")
    assert p.message == "`indicators[0].baseline.value` should be a number, or words"
    assert says in p.hint and at(p) == (16, 23)
