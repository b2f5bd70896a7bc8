"""Bytes that are not the UTF-8 YAML text a record should be: binary, other encodings, byte order marks,
control characters, line separators, tabs, empty files, document streams, line endings, conflict markers.

Each is read correctly or refused with `encoding` (or its own code) at the line and column of the first
offending character, exit 1.
"""

from __future__ import annotations

import pytest

from tests.helpers import CONFIG, OUTCOME, write_ledger
from tests.hostile.common import codes, reported, validate

RECORD = OUTCOME.format(id="a")


def check(tmp_path, content, where: str, code: str) -> str:
    return reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": content})), where, code)


def test_a_png_image_saved_as_a_record(tmp_path):
    """A binary file under a .yaml name: `encoding` at the first byte that is not UTF-8."""
    check(tmp_path, b"\x89PNG\r\n\x1a\n" + bytes(64), "outcomes/a.yaml:1:1", "encoding")


def test_a_nul_byte_in_text(tmp_path):
    """One NUL byte in otherwise good text is binary: `encoding` at its line and column."""
    check(tmp_path, RECORD.replace("Dr A. Researcher", "Dr A.\0Researcher").encode(), "outcomes/a.yaml:6:13", "encoding")


def test_the_column_of_a_bad_byte_counts_characters(tmp_path):
    """After multi-byte characters (ñ, ú) the column is counted in characters, as an editor shows it."""
    check(tmp_path, "id: a\ntitle: ñandú \xff\n".encode().replace(b"\xc3\xbf", b"\xff"), "outcomes/a.yaml:2:14", "encoding")


@pytest.mark.parametrize("encoding,where,message", [
    ("utf-16-be", "outcomes/a.yaml:1:1", "UTF-16"),
    ("utf-32-le", "outcomes/a.yaml:1:1", "UTF-32"),
    ("utf-32-be", "outcomes/a.yaml:1:1", "UTF-32"),
])
def test_utf16_and_utf32_with_a_byte_order_mark(tmp_path, encoding, where, message):
    """Windows editors save UTF-16/32 with a byte order mark: `encoding`, naming the encoding to re-save from."""
    bom = "\ufeff".encode(encoding)
    line = check(tmp_path, bom + RECORD.encode(encoding), where, "encoding")
    assert f"the file is {message}" in line


def test_utf16_without_a_byte_order_mark(tmp_path):
    """UTF-16 LE without a mark: its NUL high bytes make it binary, `encoding` at 1:2."""
    check(tmp_path, RECORD.encode("utf-16-le"), "outcomes/a.yaml:1:2", "encoding")


@pytest.mark.parametrize("char,where", [
    ("\x07", "outcomes/a.yaml:6:13"),       # bell
    ("\x1b[2J", "outcomes/a.yaml:6:13"),    # a terminal escape sequence (would clear the screen when shown)
    ("\x7f", "outcomes/a.yaml:6:13"),       # DEL
    ("\x9b", "outcomes/a.yaml:6:13"),       # a C1 control
    ("\ufffe", "outcomes/a.yaml:6:13"),     # a non-character
])
def test_control_characters_are_refused_at_their_position(tmp_path, char, where):
    """Characters YAML forbids: `encoding` at their own line and column (libyaml said 1:1)."""
    line = check(tmp_path, RECORD.replace("Dr A. Researcher", f"Dr A.{char}Researcher"), where, "encoding")
    assert "\x1b" not in line


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_are_refused(tmp_path, separator):
    """NEL, LS and PS end a line for libyaml but not for YAML 1.2 (ruamel) nor editors: positions and values
    would differ, so they are refused at their position."""
    line = check(tmp_path, RECORD.replace("Dr A. Researcher", f"Dr A.{separator}Researcher"), "outcomes/a.yaml:6:13", "encoding")
    assert f"U+{ord(separator):04X}" in line


@pytest.mark.parametrize("before,after,where", [
    ("  - id: aware", "\t- id: aware", "outcomes/a.yaml:11:1"),    # a tab as indentation
    ("  - id: aware", "  -\tid: aware", "outcomes/a.yaml:11:4"),   # a tab after a dash
    ("    measure: percent", "\tmeasure: percent", "outcomes/a.yaml:13:1"),
])
def test_tabs_where_yaml_wants_spaces(tmp_path, before, after, where):
    """A tab that stops libyaml is reported as `yaml-tab` with a fix, not as an obscure syntax error."""
    line = check(tmp_path, RECORD.replace(before, after), where, "yaml-tab")
    assert "tab" in line


@pytest.mark.parametrize("content", ["   \n\n \t\n", "\n" * 1000, "# one\n# two\n\n"])
def test_blank_and_comment_only_files_are_empty(tmp_path, content):
    """Whitespace, blank lines or comments only: `empty-file` for the whole file."""
    check(tmp_path, content, "outcomes/a.yaml", "empty-file")


@pytest.mark.parametrize("content,where", [
    ("---\n", "outcomes/a.yaml:2:1"),
    ("- a\n- b\n", "outcomes/a.yaml:1:1"),
    ("just a sentence\n", "outcomes/a.yaml:1:1"),
])
def test_a_document_that_is_not_a_mapping(tmp_path, content, where):
    """An empty document, a list or a bare scalar where a record belongs: `schema-type`."""
    check(tmp_path, content, where, "schema-type")


def test_a_stream_of_three_documents(tmp_path):
    """`...` then `---` twice: `yaml-multiple-documents` where the second document starts."""
    check(tmp_path, "--- \n" + RECORD + "...\n---\nid: b\n---\nid: c\n", "outcomes/a.yaml:20:1", "yaml-multiple-documents")


def test_yaml_1_1_directive_is_refused(tmp_path):
    """`%YAML 1.1` would make the editor (ruamel.yaml) read `no` as false: `yaml-version` on its line."""
    check(tmp_path, "# made by an old tool\n%YAML 1.1\n---\n" + RECORD, "outcomes/a.yaml:2:1", "yaml-version")


def test_yaml_1_2_directive_is_read(tmp_path):
    """`%YAML 1.2` says what impactctl reads anyway: the record is valid."""
    assert validate(write_ledger(tmp_path, {"outcomes/a.yaml": "%YAML 1.2\n---\n" + RECORD})).exit_code == 0


def test_windows_line_endings_keep_positions(tmp_path):
    """CRLF files are read, and a mistake in one is at the same line and column as with LF."""
    content = RECORD.replace("status: active", "status: activ").replace("\n", "\r\n").encode()
    check(tmp_path, content, "outcomes/a.yaml:9:9", "schema-choice")


def test_old_mac_line_endings_are_read(tmp_path):
    """CR-only line endings are line breaks to YAML: the record is read."""
    outcome = validate(write_ledger(tmp_path, {"outcomes/a.yaml": RECORD.replace("\n", "\r").encode()}))
    assert outcome.exit_code == 0, outcome.output


def test_conflict_markers_with_windows_line_endings(tmp_path):
    """A merge conflict in a CRLF file: `merge-conflict` at the `<<<<<<<` line."""
    conflicted = RECORD.replace("status: active\n", "<<<<<<< HEAD\nstatus: active\n=======\nstatus: achieved\n>>>>>>> theirs\n")
    check(tmp_path, conflicted.replace("\n", "\r\n").encode(), "outcomes/a.yaml:9:1", "merge-conflict")


def test_conflict_markers_left_after_a_partial_resolution(tmp_path):
    """Someone deleted `<<<<<<<` but left `=======` and `>>>>>>>`: `merge-conflict` at the first left."""
    conflicted = RECORD.replace("status: active\n", "status: active\n=======\nstatus: achieved\n>>>>>>> theirs\n")
    check(tmp_path, conflicted, "outcomes/a.yaml:10:1", "merge-conflict")


def test_conflict_markers_in_ledger_yaml(tmp_path):
    """A conflict in ledger.yaml itself: `merge-conflict` at its line; nothing else is judged without it."""
    config = CONFIG.replace("  areas:\n", "<<<<<<< HEAD\n  areas:\n=======\n>>>>>>> main\n")
    outcome = validate(write_ledger(tmp_path, {"outcomes/a.yaml": RECORD}, config))
    reported(outcome, "ledger.yaml:8:1", "merge-conflict")
    assert codes(outcome, "outcomes/a.yaml") == []
