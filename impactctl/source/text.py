"""Turn a file's bytes into text: size cap, strict UTF-8, byte order mark, merge-conflict markers."""

from __future__ import annotations

import re

from impactctl.problems import Problem
from impactctl.source.limits import MAX_FILE_BYTES

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, or None with the problems that stop it being read."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(path, len(data))]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 1, 1, "encoding", "the file is UTF-16; ledger files must be UTF-8",
                              hint="re-save the file as UTF-8 in your editor")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_offset(data, exc.start)
        return None, [Problem(path, line, col, "encoding",
                              f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                              hint="re-save the file as UTF-8 in your editor")]
    if "\x00" in text:
        line, col = _line_col_of_offset(data, data.index(b"\x00"))
        return None, [Problem(path, line, col, "encoding", "the file contains a NUL byte: it is binary, not YAML",
                              hint="ledger records are text; put binary files under evidence/files/")]
    marker = _CONFLICT.search(text)
    if marker:
        line = text.count("\n", 0, marker.start()) + 1
        return None, [Problem(path, line, 1, "merge-conflict",
                              "a git merge-conflict marker was left in the file",
                              hint="keep the version you want between the <<<<<<< and >>>>>>> lines and delete the markers")]
    return text, []


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
