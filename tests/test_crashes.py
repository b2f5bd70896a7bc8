"""Writes survive being killed at any moment, full or failing disks, and files changed underneath them."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from impactctl.source import fastyaml, roundtrip
from tests.helpers import TODAY

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "ledger"
OUTCOME = "outcomes/parents-adversity-awareness.yaml"
KILLS = 12
runner = CliRunner()

COMMANDS = {
    "add-outcome": ["add-outcome", "--title", "Killed outcome", "--area", "work", "--domain", "conceptual", "--group",
                    "employers", "--owner", "Dr A", "--statement", "S", "--due", "2028-12-31", "--indicator-name", "N",
                    "--measure", "percent", "--unit", "%", "--baseline", "1", "--target", "5", "--no-input"],
    "record": ["record", "parents-adversity-awareness", "--indicator", "ind-parents-understanding", "--value", "61",
               "--date", "2026-11-21", "--evidence", "ev-parents-survey-2026-q1"],
    "import": ["import", "{csv}", "--kind", "stakeholders"],
    "report": ["report", "--period", "2026-Q3", "--output", "{out}"],
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_killing_a_writer_leaves_old_or_new_files_and_a_valid_ledger(ledger, tmp_path, command):
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("id,name,type,group\nkilled-org,Killed Org,organisation,employers\n")
    out = tmp_path / "report.md"
    args = [a.format(csv=csv_file, out=out) for a in COMMANDS[command]]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "CI": "1"}
    before = _snapshot(ledger)
    rng = random.Random(7)
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "impactctl", *args, "-L", str(ledger)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
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
        if command == "record":  # start each round from the old file so the next kill can land anywhere
            (ledger / OUTCOME).write_bytes(before[OUTCOME])


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
    real_dump = roundtrip.dump_text

    def someone_else_edits(document):
        path.write_text(path.read_text() + "# a colleague's edit\n")
        return real_dump(document)

    monkeypatch.setattr(roundtrip, "dump_text", someone_else_edits)
    result = runner.invoke(app, COMMANDS["record"] + ["-L", str(ledger)])
    assert result.exit_code == 2 and "changed on disk" in result.output
    assert path.read_text().endswith("# a colleague's edit\n")  # their change is kept
