"""What every hostile-input test does: run the CLI (in this process, or in a bounded subprocess for the
attacks that could take the test runner down) and check the answer: exit code, code at path:line:col, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from impactctl.cli import app

TODAY = "2026-11-26"
REPO = Path(__file__).resolve().parents[2]
MEMORY_CAP = 2 << 30  # bytes of address space a subprocess may use
runner = CliRunner()


@dataclass
class Outcome:
    exit_code: int
    output: str


def invoke(*args: str) -> Outcome:
    """The CLI in this process."""
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"the command crashed: {result.exception!r}\n{result.output}")
    return Outcome(result.exit_code, result.output)


def validate(root: Path) -> Outcome:
    return invoke("validate", str(root), "--today", TODAY)


HANG = 600  # seconds: only a hang gets near this, on the busiest machine; it is not a speed limit


def invoke_bounded(*args: str, timeout: float = HANG) -> Outcome:
    """The CLI in a subprocess with at most 2 GB of memory: a crash, or a hang (`timeout`), fails the test
    instead of taking the test run with it."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "120"}
    cap = _cap_memory if sys.platform != "win32" else None  # Windows has no per-process address-space limit here
    done = subprocess.run([sys.executable, "-m", "impactctl", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=cap, cwd=REPO)
    return Outcome(done.returncode, done.stdout + done.stderr)


def validate_bounded(root: Path, timeout: float = HANG) -> Outcome:
    return invoke_bounded("validate", str(root), "--today", TODAY, timeout=timeout)


def _cap_memory() -> None:
    import resource  # POSIX only

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def reported(outcome: Outcome, where: str, code: str, exit_code: int = 1) -> str:
    """Assert the run ended with `exit_code`, without a traceback, reporting `code` at `where`
    (`outcomes/a.yaml:3:7`, or a bare path for a whole-file problem); the line that says so."""
    assert "Traceback" not in outcome.output, outcome.output
    assert outcome.exit_code == exit_code, outcome.output
    lines = [line for line in outcome.output.splitlines()
             if f"/{where}: " in line and line.rstrip().endswith(f"[{code}]")]
    assert lines, f"no [{code}] at {where} in:\n{outcome.output}"
    return lines[0]


def codes(outcome: Outcome, path: str) -> list[str]:
    """The codes reported for one file (its path relative to the ledger), in order."""
    found = []
    for line in outcome.output.splitlines():
        line = line.rstrip()
        if f"/{path}:" in line and line.endswith("]") and (": error " in line or ": warning " in line):
            found.append(line.rsplit("[", 1)[1][:-1])
    return found


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes (links as their target), to show nothing was written."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = b"-> " + os.readlink(path).encode()
        elif path.is_file() and ".impactctl" not in path.parts:
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found
