"""Turn a file's bytes into text: size cap, strict UTF-8, byte order marks, control characters, merge markers."""

from __future__ import annotations

import re

from impactctl.problems import Problem
from impactctl.source.limits import MAX_FILE_BYTES

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)
# Characters YAML does not allow (C0 and C1 controls, DEL, non-characters), and the line separators that
# libyaml counts as line breaks but YAML 1.2 (and so ruamel.yaml) reads as text: lines would not match.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_BYTE_ORDER_MARKS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                     (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, or None with the problems that stop it being read."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(path, len(data))]
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return None, [Problem(path, 1, 1, "encoding", f"the file is {encoding}; ledger files must be UTF-8",
                                  hint="re-save the file as UTF-8 in your editor")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(path, data, exc.start)]
    bad = _NOT_TEXT.search(text) if _may_hold_controls(data) else None
    if bad:
        return None, [_not_text(path, text, bad.start())]
    marker = _CONFLICT.search(text) if _may_hold_conflict_marker(text) else None
    if marker:
        line = text.count("\n", 0, marker.start()) + 1
        return None, [Problem(path, line, 1, "merge-conflict",
                              "a git merge-conflict marker was left in the file",
                              hint="keep the version you want between the <<<<<<< and >>>>>>> lines and delete the markers")]
    return text, []


# ASCII text without control characters leaves nothing when these bytes are deleted: a C-speed test that
# spares most files the character-by-character scans (0.07 s of every 10,000 files).
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _may_hold_controls(data: bytes) -> bool:
    return not data.isascii() or bool(data.translate(None, _PLAIN_ASCII))


def _may_hold_conflict_marker(text: str) -> bool:
    return "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text


def _not_utf8(path: str, data: bytes, offset: int) -> Problem:
    """A byte that is not UTF-8, most often a curly quote or dash saved by Word in Windows-1252: named as
    the character it would be there, with its line shown (decoded as best it can be)."""
    line, col = _line_col_of_offset(data, offset)
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    excerpt = data[start:end if end >= 0 else len(data)].decode("utf-8", errors="replace").rstrip("\r")
    byte = data[offset]
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        char = ""
    if char and byte >= 0x80:
        return Problem(path, line, col, "encoding",
                       f"byte 0x{byte:02x} is not valid UTF-8: it looks like `{char}` saved in the Windows-1252 "
                       "encoding (as Word and older editors do)",
                       hint=f"re-save the file as UTF-8 (Save As → Encoding: UTF-8), or retype the `{char}` here",
                       excerpt=excerpt)
    return Problem(path, line, col, "encoding", f"byte 0x{byte:02x} is not valid UTF-8",
                   hint="re-save the file as UTF-8 in your editor", excerpt=excerpt)


def _not_text(path: str, text: str, index: int) -> Problem:
    line, col = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    char = text[index]
    if char == "\x00":
        return Problem(path, line, col, "encoding", "the file contains a NUL byte: it is binary, not YAML",
                       hint="ledger records are text; put binary files under evidence/files/")
    if char in "\x85\u2028\u2029":
        return Problem(path, line, col, "encoding", f"the file contains the line separator U+{ord(char):04X}, "
                       "which YAML readers disagree on", hint="replace it with a new line or a space")
    return Problem(path, line, col, "encoding", f"the file contains the control character U+{ord(char):04X}, "
                   "which YAML does not allow", hint="delete it (most editors do not show it)")


def too_large(path: str, size: int) -> Problem:
    return Problem(path, 0, 0, "file-too-large",
                   f"the file is {size:,} bytes; a ledger file may be at most {MAX_FILE_BYTES:,}",
                   hint="a record is a few KB: split it, or move attachments to evidence/files/")


def _line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col
