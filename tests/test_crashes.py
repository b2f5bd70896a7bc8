"""Writes survive being killed at any moment, full or failing disks, and files changed underneath them."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from impactctl.source import fastyaml, splice, writer
from tests.helpers import TODAY

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "ledger"
OUTCOME = "outcomes/parents-adversity-awareness.yaml"
KILLS = 12
runner = CliRunner()

COMMANDS = {
    "add-outcome": ["add-outcome", "--title", "Killed outcome", "--area", "work", "--domain", "conceptual", "--group",
                    "employers", "--owner", "Dr A", "--statement", "S", "--due", "2028-12-31", "--indicator-name", "N",
                    "--baseline-date", "2026-01-15",
                    "--measure", "percent", "--unit", "%", "--baseline", "1", "--target", "5", "--no-input"],
    "record": ["record", "parents-adversity-awareness", "--indicator", "ind-parents-understanding", "--value", "61",
               "--date", "2026-11-21", "--evidence", "ev-parents-survey-2026-q1"],
    "import": ["import", "{csv}", "--kind", "stakeholders"],
    "report": ["report", "--period", "2026-Q3", "--output", "{out}"],
}


PAUSE = 0.4  # seconds each write waits half-written (IMPACTCTL_TEST_PAUSE_MID_WRITE), for kills to land in


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def _temporary_files(folder: Path) -> list[Path]:
    return list(folder.glob(".*.tmp"))


def _kill_inside_the_write(proc: subprocess.Popen, folder: Path, rng: random.Random) -> None:
    """Wait until the command has begun writing its temporary file in `folder`, then kill it at a random
    moment of the (paused) write."""
    while not _temporary_files(folder):
        if proc.poll() is not None:
            pytest.fail(f"the command ended (exit {proc.returncode}) before it wrote anything")
        time.sleep(0.002)
    time.sleep(rng.uniform(0, PAUSE * 0.8))
    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows


@pytest.mark.parametrize("command", list(COMMANDS))
def test_killing_a_writer_leaves_old_or_new_files_and_a_valid_ledger(ledger, tmp_path, command, crash_counts):
    """Every other kill waits for the write to begin and lands inside it; the rest land at random moments
    (starting up, validating, writing, after). Each round: no file is half written, the ledger validates,
    and a kill inside the write leaves the half-written temporary file beside an untouched target."""
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("id,name,type,group\nkilled-org,Killed Org,organisation,employers\n")
    out = tmp_path / "report.md"
    folder = {"add-outcome": ledger / "outcomes", "record": ledger / "outcomes",
              "import": ledger / "stakeholders", "report": tmp_path}[command]
    args = [a.format(csv=csv_file, out=out) for a in COMMANDS[command]]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "CI": "1", writer.PAUSE_MID_WRITE: str(PAUSE)}
    before = _snapshot(ledger)
    rng = random.Random(7)
    inside = 0
    for round_ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "impactctl", *args, "-L", str(ledger)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ % 2 == 0:
            _kill_inside_the_write(proc, folder, rng)
        else:
            time.sleep(rng.uniform(0.05, 1.0))
            proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        proc.wait()
        left = _temporary_files(folder)
        inside += bool(left)
        after = _snapshot(ledger)
        for rel, content in after.items():
            if rel in before and content != before[rel]:
                assert rel == OUTCOME and command == "record", f"{rel} changed by {command}"
                measurements = fastyaml.load(rel, content.decode())[0]["indicators"][0]["measurements"]
                assert measurements[-1]["value"] == 61  # the whole new version, never half of it
        for rel in set(after) - set(before):
            assert fastyaml.load(rel, after[rel].decode())[2] == []  # a new file is whole
        if out.exists():
            assert out.read_text().rstrip().endswith("|")  # the report's last table row: a whole file
        assert api.validate(ledger, today=TODAY).errors == 0
        for tmp in left:  # what the killed write left: its first half, never renamed into place
            tmp.unlink()
        if command == "record":  # start each round from the old file so the next kill can land anywhere
            (ledger / OUTCOME).write_bytes(before[OUTCOME])
    crash_counts[command] = (inside, KILLS)
    assert inside >= KILLS / 3, f"only {inside} of {KILLS} kills landed inside a write"


def _fail_with(errno_code: int):
    def fail(*args, **kwargs):
        raise OSError(errno_code, os.strerror(errno_code))
    return fail


@pytest.mark.parametrize("where,code", [("fsync", errno.ENOSPC), ("replace", errno.EROFS), ("replace", errno.EACCES)])
def test_a_full_or_read_only_disk_is_a_clear_error_and_nothing_changes(ledger, monkeypatch, where, code):
    before = _snapshot(ledger)
    monkeypatch.setattr(os, where, _fail_with(code))
    result = runner.invoke(app, COMMANDS["record"] + ["-L", str(ledger)])
    assert result.exit_code == 2
    assert "cannot write" in result.output and "Traceback" not in result.output
    assert _snapshot(ledger) == before
    assert not [p for p in ledger.rglob(".*.tmp")]


def test_a_file_changed_between_reading_and_writing_is_not_overwritten(ledger, monkeypatch):
    path = ledger / OUTCOME
    real_apply = splice.apply

    def someone_else_edits(text, document, rel):
        path.write_text(path.read_text() + "# a colleague's edit\n")
        return real_apply(text, document, rel)

    monkeypatch.setattr(splice, "apply", someone_else_edits)
    result = runner.invoke(app, COMMANDS["record"] + ["-L", str(ledger)])
    assert result.exit_code == 2 and "changed on disk" in result.output
    assert path.read_text().endswith("# a colleague's edit\n")  # their change is kept
