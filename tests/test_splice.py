"""The splice engine: YAML text in, the intended data, the expected text out; every byte not edited stays."""

from __future__ import annotations

import pytest

from impactctl.source import roundtrip, splice


def edited(text: str, change) -> str:
    document = roundtrip.load_text(text)
    change(document)
    return splice.apply(text, document, "x.yaml")


def test_a_changed_scalar_keeps_its_line_and_comment():
    text = "id: a\nreach:\n    count: 12    # head count\n    unit: people\n"
    assert edited(text, lambda d: d["reach"].__setitem__("count", 120)) == (
        "id: a\nreach:\n    count: 120    # head count\n    unit: people\n")


def test_an_appended_item_joins_its_siblings_indentation_before_a_final_comment_block():
    text = ("indicators:\n    -   id: x\n        measurements:\n        -   date: 2026-01-01\n            value: 1\n"
            "\n# Notes at the end\n# stay at the end\n")
    measurement = roundtrip.to_yaml_value({"date": __import__("datetime").date(2026, 6, 1), "value": 2, "evidence": ["e"]})
    result = edited(text, lambda d: d["indicators"][0]["measurements"].append(measurement))
    assert result == ("indicators:\n    -   id: x\n        measurements:\n        -   date: 2026-01-01\n            value: 1\n"
                      "        -   date: 2026-06-01\n            value: 2\n            evidence:\n            -   e\n"
                      "\n# Notes at the end\n# stay at the end\n")


def test_a_flow_sequence_stays_flow():
    text = "groups: [publics, employers]   # who\nowner: A\n"
    assert edited(text, lambda d: d["groups"].append("ngos-policy")) == (
        "groups: [publics, employers, ngos-policy]   # who\nowner: A\n")
    assert edited("groups: []\n", lambda d: d["groups"].append("publics")) == "groups: [publics]\n"


def test_a_new_key_goes_where_it_is_put_in_the_intended_data():
    text = "id: a\nstatus: active  # since May\nindicators: []\n"
    assert edited(text, lambda d: d.insert(2, "status_date", __import__("datetime").date(2026, 5, 1))) == (
        "id: a\nstatus: active  # since May\nstatus_date: 2026-05-01\nindicators: []\n")


def test_a_new_first_key_of_a_list_item_goes_on_the_dash_line():
    text = "items:\n   - b: 1\n     c: 2\n"
    assert edited(text, lambda d: d["items"][0].insert(0, "a", 0)) == "items:\n   - a: 0\n     b: 1\n     c: 2\n"


def test_a_removed_key_takes_only_its_own_lines():
    text = "id: a\nnote: >\n  folded\n  text\n\n# about due\ndue: 2027-01-01\n"
    assert edited(text, lambda d: d.pop("note")) == "id: a\n\n# about due\ndue: 2027-01-01\n"


def test_folded_and_literal_scalars_elsewhere_stay_byte_for_byte():
    text = "statement: >-\n    By 2027, the\n    toolkit.\nlog: |\n    line 1\n    line 2\nstatus: active\n"
    assert edited(text, lambda d: d.__setitem__("status", "achieved")) == text.replace("active", "achieved")


def test_crlf_bom_and_no_final_newline_are_kept():
    text = "\ufeffid: a\r\nstatus: active\r\ngroups:\r\n- publics"
    result = edited(text, lambda d: (d.__setitem__("status", "paused"), d["groups"].append("employers")))
    assert result == "\ufeffid: a\r\nstatus: paused\r\ngroups:\r\n- publics\r\n- employers"


def test_a_list_that_changes_otherwise_is_rewritten_in_its_own_indentation():
    text = "id: a\ngroups:\n    - publics   # first\n    - employers\nowner: A\n"
    assert edited(text, lambda d: d.__setitem__("groups", roundtrip.to_yaml_value(["ngos-policy"]))) == (
        "id: a\ngroups:\n    - ngos-policy\nowner: A\n")


def test_a_scalar_that_becomes_a_list_and_a_list_that_becomes_text():
    assert edited("a: 1\nb: x  # c\n", lambda d: d.__setitem__("b", roundtrip.to_yaml_value(["p"]))) == (
        "a: 1\nb:  # c\n  - p\n")
    assert edited("a:\n  - p\nb: 2\n", lambda d: d.__setitem__("a", "q")) == "a: q\nb: 2\n"


def test_text_a_reader_could_take_for_something_else_is_quoted():
    assert edited("a: x\n", lambda d: d.__setitem__("a", roundtrip.text_scalar("no"))) == 'a: "no"\n'


def test_an_edit_that_would_read_back_differently_is_refused():
    text = "base: &b {x: 1}\nother: *b\n"
    with pytest.raises(splice.SpliceRefused, match="nothing was written"):
        edited(text, lambda d: d.__setitem__("base", roundtrip.to_yaml_value({"x": 2})))


def test_an_empty_flow_list_that_receives_a_record_becomes_a_block_list():
    text = "indicators:\n  - id: x   # the only one\n    measurements: []\n"
    measurement = roundtrip.to_yaml_value({"date": __import__("datetime").date(2026, 6, 1), "value": 3})
    assert edited(text, lambda d: d["indicators"][0]["measurements"].append(measurement)) == (
        "indicators:\n  - id: x   # the only one\n    measurements:\n      - date: 2026-06-01\n        value: 3\n")


def test_an_item_appended_after_comments_and_blank_lines_goes_right_after_the_last_item():
    text = "m:\n  - 1\n\n  # between\n  - 2  # eol\n\n# after\nn: 3\n"
    assert edited(text, lambda d: d["m"].append(3)) == "m:\n  - 1\n\n  # between\n  - 2  # eol\n  - 3\n\n# after\nn: 3\n"
