"""add-evidence --file: a path from the ledger folder or from here; --copy brings a file in from outside."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from tests.helpers import TODAY, write_ledger

runner = CliRunner()
LETTER = b"Dear colleagues, the council adopted the plan.\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger", {"evidence/files/letter.txt": LETTER})


def add(root: Path, *flags: str):
    return runner.invoke(app, ["add-evidence", "--title", "Council letter", "--type", "letter", "--date", "2026-10-02",
                               *flags, "-L", str(root), "--no-input"])


def record(root: Path) -> str:
    return (root / "evidence/council-letter.yaml").read_text()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("where, given", [("ledger", "evidence/files/letter.txt"), ("ledger/evidence", "files/letter.txt"),
                                          (".", "ledger/evidence/files/letter.txt")])
def test_a_file_is_named_from_the_ledger_or_from_here(root, monkeypatch, where, given):
    monkeypatch.chdir(root.parent / where)
    result = add(root, "--file", given)
    assert result.exit_code == 0, result.output
    assert f"file: evidence/files/letter.txt\nsha256: {sha(LETTER)}\n" in record(root)
    assert api.validate(root, today=TODAY).errors == 0


def test_a_file_outside_the_ledger_asks_for_copy(root, tmp_path, monkeypatch):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 scan")
    monkeypatch.chdir(tmp_path)
    result = add(root, "--file", "scan.pdf")
    assert result.exit_code == 2 and "outside the ledger folder" in result.output and "add --copy" in result.output
    assert not (root / "evidence/council-letter.yaml").exists() and not (root / "evidence/files/scan.pdf").exists()


def test_a_missing_file_says_where_it_looked(root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = add(root, "--file", "gone.pdf")
    assert result.exit_code == 2 and "no file gone.pdf, neither from here" in result.output
    assert not (root / "evidence/council-letter.yaml").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits and umask")
def test_copy_brings_a_file_in_with_its_sha256_and_the_umask_mode(root, tmp_path, monkeypatch):
    scan = b"%PDF-1.4 the signed letter"
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "Downloads/signed.pdf").write_bytes(scan)
    os.chmod(tmp_path / "Downloads/signed.pdf", 0o600)
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o027)
    try:
        result = add(root, "--file", "Downloads/signed.pdf", "--copy")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    copied = root / "evidence/files/signed.pdf"
    assert copied.read_bytes() == scan and (copied.stat().st_mode & 0o777) == 0o640
    assert f"file: evidence/files/signed.pdf\nsha256: {sha(scan)}\n" in record(root)
    assert [p.name for p in copied.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    assert api.validate(root, today=TODAY).errors == 0


def test_copy_never_overwrites_a_different_file_of_that_name(root, tmp_path):
    (tmp_path / "letter.txt").write_bytes(b"another letter\n")
    result = add(root, "--file", str(tmp_path / "letter.txt"), "--copy")
    assert result.exit_code == 2 and "evidence/files/letter.txt already holds a different file" in result.output
    assert (root / "evidence/files/letter.txt").read_bytes() == LETTER
    assert not (root / "evidence/council-letter.yaml").exists()


def test_copy_of_an_identical_file_reuses_it(root, tmp_path):
    (tmp_path / "letter.txt").write_bytes(LETTER)
    result = add(root, "--file", str(tmp_path / "letter.txt"), "--copy")
    assert result.exit_code == 0, result.output
    assert f"sha256: {sha(LETTER)}" in record(root)


def test_a_refused_record_takes_its_copy_back(root, tmp_path):
    (tmp_path / "minutes.txt").write_bytes(b"minutes\n")
    result = runner.invoke(app, ["add-evidence", "--title", "Minutes", "--type", "minutse", "--date", "2026-10-02",
                                 "--file", str(tmp_path / "minutes.txt"), "--copy", "-L", str(root), "--no-input"])
    assert result.exit_code == 1 and "minutse" in result.output
    assert not (root / "evidence/files/minutes.txt").exists() and not (root / "evidence/minutes.yaml").exists()


def test_copy_dry_run_copies_nothing(root, tmp_path):
    (tmp_path / "minutes.txt").write_bytes(b"minutes\n")
    result = add(root, "--file", str(tmp_path / "minutes.txt"), "--copy", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+file: evidence/files/minutes.txt" in result.output and f"+sha256: {sha(b'minutes' + bytes([10]))}" in result.output
    assert not (root / "evidence/files/minutes.txt").exists() and not (root / "evidence/council-letter.yaml").exists()


def test_copy_needs_a_file(root):
    result = add(root, "--url", "https://example.org/x", "--copy")
    assert result.exit_code == 2 and "--copy needs --file" in result.output
