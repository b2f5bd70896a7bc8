"""Every `Example:` in --help can be pasted back into a shell at 80 columns: no example is wrapped in the
middle of a command, and each names the command and only flags it has."""

from __future__ import annotations

import shlex

import pytest
import typer
from typer.testing import CliRunner

from impactctl.cli import app

runner = CliRunner()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)


def examples(text: str) -> list[str]:
    """The commands of every `Example:` paragraph, a line ending in ` \\` continuing on the next."""
    found: list[str] = []
    lines = [line.strip() for line in text.replace("\b", "").splitlines()]
    for start, line in enumerate(lines):
        if not line.startswith("Example:"):
            continue
        first = line[len("Example:"):].strip()
        current = ""
        for part in ([first] if first else []) + lines[start + 1:]:
            if not part or part.startswith("Example:"):
                break
            current = f"{current} {part}".strip()
            if current.endswith("\\"):
                current = current[:-1].rstrip()
                continue
            found.append(current)
            current = ""
        assert not current, f"an example ends with a continuation: {current!r}"
    return found


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_examples_paste_back_at_80_columns(monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 80 for line in result.output.splitlines()), result.output
    written = examples((GROUP.commands[command] if command else GROUP).help or "")
    assert written, f"{command or 'impactctl'} --help has no example"
    assert examples(result.output) == written
    for example in written:
        words = shlex.split(example)
        assert words[0] == "impactctl" and words[1] in GROUP.commands
        options = {name for param in GROUP.commands[words[1]].params for name in param.opts}
        assert {w.split("=")[0] for w in words if w.startswith("-")} <= options, example
