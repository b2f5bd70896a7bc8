"""The YAML layer: syntax, duplicates, tabs, encodings, tags, aliases and limits, each at its exact position."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from impactctl.source import fastyaml
from tests.helpers import OUTCOME, errors, found, run, write_ledger


def test_syntax_error_names_line_and_column(tmp_path):
    files = {"outcomes/a.yaml": "id: a\ntitle: [unclosed\nstatus: active\n"}
    assert found(tmp_path, files, code="yaml-syntax") == [("outcomes/a.yaml", 2, 8, "yaml-syntax")]  # the open `[`


def test_duplicate_key_at_any_depth(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a") + "    unit: twice\n"}
    assert found(tmp_path, files, code="yaml-duplicate-key") == [("outcomes/a.yaml", 18, 5, "yaml-duplicate-key")]


def test_tab_after_colon_is_refused(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a").replace("status: active", "status:\tactive")}
    assert found(tmp_path, files, code="yaml-tab") == [("outcomes/a.yaml", 9, 8, "yaml-tab")]


def test_tab_inside_quoted_text_is_fine(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a").replace("Dr A. Researcher", '"Dr\tA. Researcher"')}
    assert found(tmp_path, files, code="yaml-tab") == []


def test_non_utf8_bytes_give_line_and_column(tmp_path):
    files = {"outcomes/a.yaml": b"id: a\ntitle: caf\xe9\n"}
    assert found(tmp_path, files, code="encoding") == [("outcomes/a.yaml", 2, 11, "encoding")]


def test_utf16_is_refused_and_utf8_bom_accepted(tmp_path):
    text = OUTCOME.format(id="a")
    files = {"outcomes/a.yaml": text.encode("utf-16"), "outcomes/b.yaml": b"\xef\xbb\xbf" + text.replace("id: a", "id: b").encode()}
    assert errors(tmp_path, files) == [("outcomes/a.yaml", 1, 1, "encoding")]


def test_windows_line_endings_are_read(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a").replace("\n", "\r\n").encode()}
    assert errors(tmp_path, files) == []


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!custom", "!!binary"])
def test_non_standard_tags_are_never_constructed(tmp_path, tag):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a").replace("owner: Dr", f"owner: {tag} Dr")}
    assert found(tmp_path, files, code="yaml-tag") == [("outcomes/a.yaml", 6, 8, "yaml-tag")]


def test_alias_bomb_is_stopped(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    assert found(tmp_path, {"outcomes/a.yaml": bomb}, code="yaml-too-many-nodes") != []


def test_deep_nesting_is_stopped(tmp_path):
    deep = "id: a\ntitle: " + "[" * 200 + "]" * 200 + "\n"
    assert [p[3] for p in errors(tmp_path, {"outcomes/a.yaml": deep})] == ["yaml-too-deep"]


def test_several_documents_in_one_file(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a") + "---\nid: b\n"}
    assert found(tmp_path, files, code="yaml-multiple-documents") == [("outcomes/a.yaml", 18, 1, "yaml-multiple-documents")]


def test_empty_and_comment_only_files(tmp_path):
    files = {"outcomes/a.yaml": "", "outcomes/b.yaml": "# nothing yet\n"}
    assert found(tmp_path, files, code="empty-file") == [("outcomes/a.yaml", 0, 0, "empty-file"),
                                                          ("outcomes/b.yaml", 0, 0, "empty-file")]


def test_merge_conflict_markers(tmp_path):
    files = {"outcomes/a.yaml": "id: a\n<<<<<<< HEAD\nstatus: active\n=======\nstatus: achieved\n>>>>>>> branch\n"}
    assert found(tmp_path, files, code="merge-conflict") == [("outcomes/a.yaml", 2, 1, "merge-conflict")]


def test_keys_must_be_text(tmp_path):
    files = {"outcomes/a.yaml": OUTCOME.format(id="a") + "1: one\n"}
    assert found(tmp_path, files, code="yaml-key") == [("outcomes/a.yaml", 18, 1, "yaml-key")]


def test_merge_keys_and_anchors_within_limits_are_read(tmp_path):
    text = OUTCOME.format(id="a").replace("    baseline: {value: 10, date: 2025-01-01}\n",
                                          "    baseline: &b {value: 10, date: 2028-12-31}\n")
    text = text.replace("    target: {value: 50, date: 2028-12-31}\n", "    target:\n      <<: *b\n      value: 50\n")
    assert errors(tmp_path, {"outcomes/a.yaml": text}) == []


def test_one_bad_file_never_hides_the_others(tmp_path):
    files = {"outcomes/a.yaml": "id: [\n", "outcomes/b.yaml": "id: b\ntitel: x\n"}
    codes = {(p[0], p[3]) for p in found(tmp_path, files)}
    assert ("outcomes/a.yaml", "yaml-syntax") in codes
    assert ("outcomes/b.yaml", "schema-unknown-key") in codes


def test_oversized_file_is_refused_before_parsing(tmp_path):
    files = {"outcomes/a.yaml": "id: a\nnote: " + "x" * 1_100_000 + "\n"}
    assert errors(tmp_path, files) == [("outcomes/a.yaml", 0, 0, "file-too-large")]


SCALARS = ["yes", "no", "on", "off", "NO", "0o17", "017", "0755", "1_000", "1:30", "1e3", "1.5", "-2", ".inf",
           "0x1F", "0b101", "~", "null", "", "true", "True", "tRue", "12:30:00", "2026-03-01", "+1", "1.", ".5",
           "0.1e-3", "1e", "0o8", '"yes"', "'1'"]


@pytest.mark.parametrize("scalar", SCALARS)
def test_fast_reader_reads_what_ruamel_reads(scalar):
    """Validation (libyaml + our YAML 1.2 construction) and editing (ruamel round-trip) must agree."""
    document = f"k: {scalar}\n"
    expected = YAML().load(document)["k"]
    actual = fastyaml.load("x.yaml", document)[0]["k"]
    if hasattr(expected, "isoformat"):
        expected = expected.isoformat()  # dates stay text on the fast path; the models parse them
    assert type(actual) in (type(expected), *type(expected).__mro__)
    assert actual == expected


def plain(value):
    """ruamel's round-trip data as plain values; dates as text, as the fast path keeps them."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_every_shipped_file_reads_the_same_on_both_paths():
    from pathlib import Path

    files = sorted((Path(__file__).resolve().parent.parent / "ledger").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert fastyaml.load(str(path), text)[0] == plain(YAML().load(text)), path


def test_cli_never_tracebacks_on_garbage(tmp_path):
    root = write_ledger(tmp_path, {"outcomes/a.yaml": bytes(range(256)) * 4, "evidence/b.yaml": b"- - - : : :\n\t\t"})
    result = run(root)
    assert result.errors >= 2


@pytest.mark.parametrize("typed", ["12", "-3", "+5", "1_000", "0x1F", "0o17", "0b101", "0755", "2.5", "1e3", ".5",
                                   "\u0661\u0662", "12%", "1,000", "ten", "0x_", "yes", "1:30"])
def test_a_value_typed_on_the_command_line_means_what_it_means_in_a_file(typed):
    """`record --value`, `set`, `add-outcome --baseline` and import cells read a number the way the reader reads
    the same text in a file (YAML 1.2): `0x1F` is 31 in both, Arabic-Indic digits are text in both."""
    from impactctl.authoring import parse_value

    in_file = fastyaml.load("x.yaml", f"v: {typed}\n")[0]["v"]
    assert parse_value(typed) == in_file and type(parse_value(typed)) is type(in_file)


def test_command_line_dates_become_dates_and_nan_stays_text():
    import datetime as dt

    from impactctl.authoring import parse_value

    assert parse_value("2026-01-05") == dt.date(2026, 1, 5)
    assert parse_value("2026-02-30") == "2026-02-30"  # the model reports it, with its position
    assert parse_value(".nan") == ".nan" and parse_value("-.inf") == "-.inf"
