"""Several researchers writing at once: every write lands, ids stay unique, nothing is torn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from impactctl import api
from impactctl.source import fastyaml

SHIPPED = Path(__file__).resolve().parent.parent / "ledger"
ROOT = Path(__file__).resolve().parent.parent
WRITERS = 8


def _spawn(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "CI": "1"}
    return subprocess.Popen([sys.executable, "-m", "impactctl", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_parallel_add_activity_gives_distinct_ids(tmp_path):
    root = tmp_path / "ledger"
    shutil.copytree(SHIPPED, root)
    procs = [_spawn(["add-activity", "-L", str(root), "--title", "Same title", "--type", "engagement-event",
                     "--area", "work", "--start", "2026-10-01", "--lead", "Dr A. Author", "--no-input"])
             for _ in range(WRITERS)]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    written = sorted(out.strip() for out, _ in outputs)
    assert len(set(written)) == WRITERS
    assert len(list((root / "activities").glob("same-title*.yaml"))) == WRITERS
    assert api.validate(root).errors == 0


def test_parallel_record_on_one_outcome_keeps_every_measurement(tmp_path):
    root = tmp_path / "ledger"
    shutil.copytree(SHIPPED, root)
    procs = [_spawn(["record", "parents-adversity-awareness", "-L", str(root), "--indicator",
                     "ind-parents-understanding", "--value", str(60 + i), "--date", "2026-11-21",
                     "--evidence", "ev-parents-survey-2026-q1"]) for i in range(WRITERS)]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    text = (root / "outcomes/parents-adversity-awareness.yaml").read_text()
    data = fastyaml.load("x", text)[0]
    values = [m["value"] for m in data["indicators"][0]["measurements"] if m["date"] == "2026-11-21"]
    assert sorted(values) == [60 + i for i in range(WRITERS)]
    assert not list(root.rglob("*.tmp"))
