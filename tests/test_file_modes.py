"""File modes: an edited file keeps its own mode; a new file gets what the user's umask gives, as `open()` would."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl.cli import app
from impactctl.source import writer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits")
runner = CliRunner()
OUTCOME = "outcomes/parents-adversity-awareness.yaml"


@pytest.fixture(params=[0o022, 0o002], ids=["umask-022", "umask-002"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask):
    path = tmp_path / "new.yaml"
    assert writer.create_file(path, "a: 1\n")
    writer.replace_file(tmp_path / "report.md", "# Report\n")
    assert mode(path) == mode(tmp_path / "report.md") == 0o666 & ~umask


@pytest.mark.parametrize("hand_made", [0o644, 0o664, 0o600])
def test_an_edited_record_keeps_its_mode(ledger, umask, hand_made):
    (ledger / OUTCOME).chmod(hand_made)
    result = runner.invoke(app, ["record", "parents-adversity-awareness", "--indicator", "ind-parents-understanding",
                                 "--value", "58", "--date", "2026-11-20", "-L", str(ledger)])
    assert result.exit_code == 0, result.output
    assert "value: 58" in (ledger / OUTCOME).read_text()
    assert mode(ledger / OUTCOME) == hand_made


def test_records_reports_and_ledgers_made_by_commands_follow_the_umask(ledger, tmp_path, umask):
    added = runner.invoke(app, ["add-stakeholder", "--name", "Mode Test Trust", "--type", "organisation", "--group", "employers", "--no-input",
                                "-L", str(ledger)])
    assert added.exit_code == 0, added.output
    report = tmp_path / "q3.md"
    reported = runner.invoke(app, ["report", str(ledger), "--period", "2026-Q3", "--today", "2026-12-01", "--output", str(report)])
    assert reported.exit_code == 0, reported.output
    created = runner.invoke(app, ["init", str(tmp_path / "fresh"), "--name", "Fresh", "--no-input"])
    assert created.exit_code == 0, created.output
    for path in (Path(added.output.strip()), report, tmp_path / "fresh/ledger.yaml"):
        assert mode(path) == 0o666 & ~umask, path


def test_no_temporary_file_is_left_behind(tmp_path, umask):
    writer.replace_file(tmp_path / "a.yaml", "a: 1\n")
    writer.replace_file(tmp_path / "a.yaml", "a: 2\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
