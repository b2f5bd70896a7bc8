"""GitHub Actions workflow-command annotations, followed by the plain listing (GitHub shows only ten annotations of a kind)."""

from __future__ import annotations

import re

from impactctl.output import text
from impactctl.problems import CheckResult, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def render(result: CheckResult, color: bool = False) -> str:
    lines = []
    # Errors first: GitHub shows ten annotations of each kind per step, and the order they come in decides which.
    for p in sorted(result.problems, key=lambda p: p.severity is not Severity.ERROR):
        props = [f"file={_prop(p.path)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_prop(p.code)}")
        message = p.message + (f" (fix: {p.hint})" if p.hint else "")
        lines.append(f"::{_COMMAND.get(p.severity, 'notice')} {','.join(props)}::{_data(message)}")
    annotations = "\n".join(lines) + ("\n" if lines else "")
    return annotations + text.render(result, color=False)


def _data(value: str) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], value)  # a terminal escape in a key stays inert


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
