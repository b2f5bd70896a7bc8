"""Ids and paths that try to leave the ledger: `--id` values, `id:` values, symbolic links, evidence files,
FIFOs and devices, the `.impactctl/` folder. Nothing outside the ledger is ever read, shown or written."""

from __future__ import annotations

import hashlib
import os
import sys

import pytest

from tests.helpers import OUTCOME, write_ledger
from tests.hostile.common import files_under, invoke, invoke_bounded, reported, validate, validate_bounded

RECORD = OUTCOME.format(id="a")
SECRET = "TOP SECRET 4242"
ADD_OUTCOME = ["add-outcome", "--title", "Employers value peer support", "--area", "work", "--domain", "conceptual",
               "--group", "employers", "--owner", "Dr A. Author", "--statement", "They value it.", "--due", "2028-12-31",
               "--indicator-name", "Employers valuing peer support", "--measure", "percent", "--unit", "%",
               "--baseline", "10", "--baseline-date", "2026-01-01", "--target", "40", "--no-input"]
EVIDENCE = "id: e\ntitle: Minutes\ndate: 2026-01-10\ntype: letter\nfile: {file}\nsha256: {sha}\n"


POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32",
                                reason="symbolic links, FIFOs, /dev and /etc are POSIX (links need administrator rights on Windows)")


@pytest.fixture
def outside(tmp_path):
    """A folder beside the ledger holding a secret text file and a valid record with a secret title."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET + "\n")
    (folder / "b.yaml").write_text(OUTCOME.format(id="b").replace("Employers understand", SECRET))
    return folder


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_never_shown(outcome, *secrets: str) -> None:
    for secret in (SECRET, "root:x:0:0", *secrets):
        assert secret not in outcome.output, outcome.output


# --- `--id` values given to add-outcome -----------------------------------------------------------------

@pytest.mark.parametrize("bad", ["com1", "lpt9", "prn", "aux", "..", ".", "./a", "-a", "a" * 64, "a.yaml", "a b",
                                 "a\n", "a\r", "%2e%2e%2fx", "~root", "employers-awar\u0435", "EMPLOYERS-AWARE"])
def test_unsafe_ids_are_refused_and_nothing_is_written(tmp_path, bad):
    """Windows device names, dots, a trailing newline, URL-encoded `../`, a Cyrillic look-alike of a taken
    id and a case-only clash with one: exit 2, `cannot be used`, and no file written anywhere."""
    root = write_ledger(tmp_path / "ledger", {"outcomes/employers-aware.yaml": OUTCOME.format(id="employers-aware")})
    before = files_under(tmp_path)
    outcome = invoke(*ADD_OUTCOME, "--id", bad, "-L", str(root))
    assert outcome.exit_code == 2, outcome.output
    assert "cannot be used" in outcome.output or "already used" in outcome.output
    assert files_under(tmp_path) == before


@POSIX_ONLY
def test_add_outcome_never_writes_through_a_folder_linked_outside(tmp_path, outside):
    """`outcomes/` is a link to a folder outside the ledger: the new record is refused (exit 2), not written there."""
    root = write_ledger(tmp_path / "ledger", {})
    os.symlink(outside, root / "outcomes")
    before = files_under(outside)
    outcome = invoke(*ADD_OUTCOME, "-L", str(root))
    assert outcome.exit_code == 2 and "outside the ledger" in outcome.output, outcome.output
    assert files_under(outside) == before


# --- `id:` values inside record files -------------------------------------------------------------------

@pytest.mark.parametrize("value,code", [
    ('"../x"', "schema-format"), ("/etc/passwd", "schema-format"), ('"a\\\\b"', "schema-format"),
    ('"a\\0b"', "schema-format"), ('"a\\n"', "schema-format"), ("A", "schema-format"),
    ("\u0430", "schema-format"),  # Cyrillic а
    ("con", "schema-format"), ("com1", "schema-format"), ("nul", "schema-format"),
    ("b", "id-matches-file"),
])
def test_unsafe_ids_inside_record_files(tmp_path, value, code):
    """An `id:` that could not be a file name (or names another file): an error at the id's value."""
    text = RECORD.replace("id: a\n", f"id: {value}\n", 1)
    reported(validate(write_ledger(tmp_path, {"outcomes/a.yaml": text})), "outcomes/a.yaml:1:5", code)


def test_a_windows_device_name_as_a_file_name(tmp_path):
    """`outcomes/con.yaml` with `id: con` cannot be checked out on Windows: schema-format, however consistent."""
    text = OUTCOME.format(id="con")
    reported(validate(write_ledger(tmp_path, {"outcomes/con.yaml": text})), "outcomes/con.yaml:1:5", "schema-format")


def test_a_look_alike_file_name(tmp_path):
    """`outcomes/а.yaml` (Cyrillic а) holding `id: a`: id-matches-file."""
    outcome = validate(write_ledger(tmp_path, {"outcomes/\u0430.yaml": RECORD}))
    reported(outcome, "outcomes/\u0430.yaml:1:5", "id-matches-file")


def test_a_case_only_clash_of_file_names(tmp_path):
    """`a.yaml` and `A.yaml` are one file on macOS and Windows: the upper-case one is id-matches-file."""
    outcome = validate(write_ledger(tmp_path, {"outcomes/a.yaml": RECORD, "outcomes/A.yaml": RECORD}))
    reported(outcome, "outcomes/A.yaml:1:5", "id-matches-file")


# --- symbolic links in the ledger -----------------------------------------------------------------------

@POSIX_ONLY
def test_a_record_linked_to_etc_passwd(tmp_path):
    """`outcomes/a.yaml -> /etc/passwd`: path-outside-ledger, and not a line of it is shown."""
    root = write_ledger(tmp_path, {})
    (root / "outcomes").mkdir()
    os.symlink("/etc/passwd", root / "outcomes/a.yaml")
    outcome = validate(root)
    reported(outcome, "outcomes/a.yaml", "path-outside-ledger")
    assert_never_shown(outcome)


@POSIX_ONLY
def test_a_record_linked_to_a_file_outside(tmp_path, outside):
    """A link (relative, through `..`) to a valid record outside: path-outside-ledger; its title never shown."""
    root = write_ledger(tmp_path / "ledger", {})
    (root / "outcomes").mkdir()
    os.symlink("../../outside/b.yaml", root / "outcomes/b.yaml")
    outcome = validate(root)
    reported(outcome, "outcomes/b.yaml", "path-outside-ledger")
    assert_never_shown(outcome)


@POSIX_ONLY
def test_a_record_folder_linked_outside(tmp_path, outside):
    """`outcomes -> ../outside`: the folder is path-outside-ledger and none of its files is read."""
    root = write_ledger(tmp_path / "ledger", {})
    os.symlink(outside, root / "outcomes")
    outcome = validate(root)
    reported(outcome, "outcomes", "path-outside-ledger")
    assert_never_shown(outcome)


@POSIX_ONLY
def test_ledger_yaml_linked_to_etc_passwd(tmp_path):
    """ledger.yaml itself a link outside: path-outside-ledger, exit 1, nothing of it shown."""
    root = write_ledger(tmp_path, {})
    (root / "ledger.yaml").unlink()
    os.symlink("/etc/passwd", root / "ledger.yaml")
    outcome = validate(root)
    reported(outcome, "ledger.yaml", "path-outside-ledger")
    assert_never_shown(outcome)


@POSIX_ONLY
def test_a_link_inside_the_ledger_is_followed(tmp_path):
    """A link to another file inside the ledger is fine: the record is read."""
    root = write_ledger(tmp_path, {"drafts/a.yaml": RECORD})
    (root / "outcomes").mkdir()
    os.symlink("../drafts/a.yaml", root / "outcomes/a.yaml")
    assert validate(root).exit_code == 0


@pytest.mark.parametrize("target,code", [("missing.yaml", "unreadable"), ("a.yaml", "unreadable")])
@POSIX_ONLY
def test_dangling_and_looping_links(tmp_path, target, code):
    """A link to nothing, or to itself: `unreadable` with the system's reason, no traceback."""
    root = write_ledger(tmp_path, {})
    (root / "outcomes").mkdir()
    os.symlink(target, root / "outcomes/a.yaml")
    reported(validate(root), "outcomes/a.yaml", code)


@POSIX_ONLY
def test_editing_a_record_linked_outside_is_refused(tmp_path, outside):
    """`impactctl set` on a record that links outside: exit 2, the outside file neither shown (even in a
    --dry-run diff) nor copied into the ledger nor changed."""
    root = write_ledger(tmp_path / "ledger", {})
    (root / "outcomes").mkdir()
    os.symlink(outside / "b.yaml", root / "outcomes/b.yaml")
    before = files_under(tmp_path)
    for dry_run in (["--dry-run"], []):
        outcome = invoke("set", "b", "title", "Changed", *dry_run, "-L", str(root))
        assert outcome.exit_code == 2 and "outside the ledger" in outcome.output, outcome.output
        assert_never_shown(outcome)
    assert files_under(tmp_path) == before


# --- evidence files -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../../outside/secret.txt", "../outside/secret.txt", "{outside}/secret.txt",
                                  "evidence/files/../../../outside/secret.txt"])
def test_evidence_files_outside_the_ledger_are_never_read(tmp_path, outside, name):
    """`file:` reaching outside by `..` or an absolute path: evidence-file at `file:`; the file's sha256
    (which would prove it was read) never appears."""
    root = write_ledger(tmp_path / "ledger", {"evidence/e.yaml": EVIDENCE.format(
        file=name.format(outside=outside), sha="ab" * 32)})
    outcome = validate(root)
    assert "is outside the ledger folder" in reported(outcome, "evidence/e.yaml:5:7", "evidence-file")
    assert_never_shown(outcome, sha256(outside / "secret.txt"))


def test_evidence_file_etc_passwd(tmp_path):
    """`file: /etc/passwd`: evidence-file, its sha256 never shown."""
    outcome = validate(write_ledger(tmp_path, {"evidence/e.yaml": EVIDENCE.format(file="/etc/passwd", sha="ab" * 32)}))
    reported(outcome, "evidence/e.yaml:5:7", "evidence-file")
    assert_never_shown(outcome, hashlib.sha256(open("/etc/passwd", "rb").read()).hexdigest())


@pytest.mark.parametrize("link", ["evidence/files/s.txt", "evidence/files/dir/secret.txt"])
@POSIX_ONLY
def test_evidence_links_to_outside(tmp_path, outside, link):
    """A link in evidence/files to an outside file, or to an outside folder: evidence-file, never read."""
    root = write_ledger(tmp_path / "ledger", {"evidence/e.yaml": EVIDENCE.format(file=link, sha="ab" * 32)})
    (root / "evidence/files").mkdir()
    os.symlink(outside / "secret.txt" if link.endswith("s.txt") else outside, root / "evidence/files" / link.split("/")[2])
    outcome = validate(root)
    reported(outcome, "evidence/e.yaml:5:7", "evidence-file")
    assert_never_shown(outcome, sha256(outside / "secret.txt"))


@pytest.mark.parametrize("name", ['"evidence/files/a\\0b"', "evidence/files/" + "x" * 5000])
def test_evidence_file_names_no_file_can_have(tmp_path, name):
    """A NUL byte or a 5,000-character name (both once tracebacks): evidence-file, the file does not exist."""
    outcome = validate(write_ledger(tmp_path, {"evidence/e.yaml": EVIDENCE.format(file=name, sha="ab" * 32)}))
    assert "does not exist" in reported(outcome, "evidence/e.yaml:5:7", "evidence-file")


# --- FIFOs and devices (in a bounded subprocess: opening one could block forever) -------------------------

@POSIX_ONLY
def test_a_fifo_as_a_record_file(tmp_path):
    """`outcomes/a.yaml` is a named pipe nobody writes to: not-a-file at once, no hang."""
    root = write_ledger(tmp_path, {})
    (root / "outcomes").mkdir()
    os.mkfifo(root / "outcomes/a.yaml")
    reported(validate_bounded(root), "outcomes/a.yaml", "not-a-file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@POSIX_ONLY
def test_a_record_linked_to_a_device(tmp_path, device):
    """`outcomes/a.yaml -> /dev/zero` (endless bytes): path-outside-ledger, never opened."""
    root = write_ledger(tmp_path, {})
    (root / "outcomes").mkdir()
    os.symlink(device, root / "outcomes/a.yaml")
    reported(validate_bounded(root), "outcomes/a.yaml", "path-outside-ledger")


@POSIX_ONLY
def test_a_fifo_and_a_device_as_evidence_files(tmp_path):
    """A FIFO in evidence/files and a link there to /dev/urandom: evidence-file for each, no hang."""
    root = write_ledger(tmp_path, {"evidence/e.yaml": EVIDENCE.format(file="evidence/files/pipe", sha="ab" * 32),
                                   "evidence/f.yaml": EVIDENCE.replace("id: e", "id: f").format(
                                       file="evidence/files/random", sha="ab" * 32)})
    (root / "evidence/files").mkdir()
    os.mkfifo(root / "evidence/files/pipe")
    os.symlink("/dev/urandom", root / "evidence/files/random")
    outcome = validate_bounded(root)
    reported(outcome, "evidence/e.yaml:5:7", "evidence-file")
    reported(outcome, "evidence/f.yaml:5:7", "evidence-file")


@pytest.mark.parametrize("planted", ["fifo", "/dev/zero"])
@POSIX_ONLY
def test_a_planted_cache_file_is_ignored(tmp_path, planted):
    """`.impactctl/cache.jsonl` a FIFO (hung) or a link to /dev/zero (ran out of memory): ignored, the
    ledger is validated from its files."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": RECORD.replace("status: active", "status: activ")})
    (root / ".impactctl").mkdir()
    if planted == "fifo":
        os.mkfifo(root / ".impactctl/cache.jsonl")
    else:
        os.symlink(planted, root / ".impactctl/cache.jsonl")
    reported(validate_bounded(root), "outcomes/a.yaml:9:9", "schema-choice")


# --- the .impactctl/ folder -----------------------------------------------------------------------------

@POSIX_ONLY
def test_a_cache_folder_linked_outside_is_never_written(tmp_path, outside):
    """`.impactctl -> ../outside`: validate still answers, and writes nothing outside (no cache, no .gitignore);
    an edit, which needs the lock there, is refused with exit 2."""
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": RECORD})
    os.symlink(outside, root / ".impactctl")
    before = files_under(outside)
    assert validate(root).exit_code == 0
    outcome = invoke("set", "a", "title", "Changed", "-L", str(root))
    assert outcome.exit_code == 2 and "cannot lock the ledger" in outcome.output, outcome.output
    assert files_under(outside) == before


@POSIX_ONLY
def test_links_planted_in_the_cache_folder_are_never_followed(tmp_path):
    """`.impactctl/.gitignore` and `.impactctl/write.lock` as links to files outside: neither target is created."""
    root = write_ledger(tmp_path / "ledger", {"outcomes/a.yaml": RECORD})
    (root / ".impactctl").mkdir()
    os.symlink(tmp_path / "planted-ignore", root / ".impactctl/.gitignore")
    os.symlink(tmp_path / "planted-lock", root / ".impactctl/write.lock")
    assert validate(root).exit_code == 0
    assert invoke("set", "a", "title", "Changed", "-L", str(root)).exit_code == 2
    assert not (tmp_path / "planted-ignore").exists() and not (tmp_path / "planted-lock").exists()
    assert (root / "outcomes/a.yaml").read_text() == RECORD


# --- editing commands on hostile record files -----------------------------------------------------------

@pytest.mark.parametrize("content,reason", [
    ("", "does not hold a record"),
    ("- a\n- b\n", "does not hold a record"),
    ("just text\n", "does not hold a record"),
    ("id: a\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n", "nests deeper"),
])
def test_editing_a_file_that_is_not_a_record_is_refused(tmp_path, content, reason):
    """`set`, `set-status` and `record` on an empty file, a list, a scalar or a 100,000-deep document
    (once tracebacks or a slow RecursionError): exit 2 with the reason, the file unchanged."""
    root = write_ledger(tmp_path, {"outcomes/a.yaml": content})
    for command in (["set", "a", "title", "x"], ["set-status", "a", "achieved"],
                    ["record", "a", "--value", "3", "--date", "2026-01-01"]):
        outcome = invoke(*command, "-L", str(root))
        assert outcome.exit_code == 2 and reason in outcome.output, outcome.output
    assert (root / "outcomes/a.yaml").read_text() == content


def test_editing_a_record_holding_an_alias_bomb_is_refused(tmp_path):
    """A billion-laughs record: the editor keeps aliases shared but would expand them writing back (it ran
    out of memory after 30 s); refused at once, exit 2."""
    bomb = RECORD + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, 9):
        bomb += f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]\n"
    root = write_ledger(tmp_path, {"outcomes/a.yaml": bomb})
    outcome = invoke_bounded("set-status", "a", "achieved", "--dry-run", "-L", str(root))
    assert outcome.exit_code == 2 and "expands to more than 100,000 values" in outcome.output, outcome.output
