"""The human report: problems grouped by file, each with its source line, a caret and the fix."""

from __future__ import annotations

import io
import re
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from impactctl.problems import CheckResult, Problem, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


# Characters that would end or rewrite a line of output (and control characters).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(text: str) -> str:
    """User text (a key, a file name) stays on its line, as `\\n`: a line it started could forge a CI annotation."""
    return escape(_NOT_ONE_LINE.sub(lambda match: repr(match.group())[1:-1], text))


def render(result: CheckResult, color: bool = False, with_summary: bool = True) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=200, highlight=False, emoji=False,
                      soft_wrap=True)
    for path, problems in groupby(result.problems, key=lambda p: p.path):
        console.print(f"[bold]{_shown(path)}[/]")
        for problem in problems:
            _problem(console, problem)
        console.print()
    if with_summary:
        console.print(summary(result))
    return buffer.getvalue()


def _problem(console: Console, problem: Problem) -> None:
    style = _STYLE.get(problem.severity, "")
    console.print(f"  {_shown(problem.location)}: [{style}]{problem.severity.value}[/] "
                  f"{_shown(problem.message)} [dim]\\[{problem.code}][/]")
    if problem.excerpt:
        gutter = f"{problem.line:>5} | "
        console.print(f"[dim]{gutter}[/]{_shown(problem.excerpt.expandtabs(1))}")
        console.print(" " * (len(gutter) + max(problem.column - 1, 0)) + f"[{style}]^[/]")
    if problem.hint:
        console.print(f"        [cyan]fix:[/] {_shown(problem.hint)}")


def summary(result: CheckResult) -> str:
    """One closing line: what was checked and what was found."""
    counts = f"{result.errors} error{'s' * (result.errors != 1)}, {_warnings(result)}"
    checked = f"{result.records} record{'s' * (result.records != 1)} in {result.ledger}"
    if result.errors:
        return f"[bold red]✖ {counts}[/] ({checked})"
    if result.warnings or result.hidden_warnings:
        return f"[yellow]✔ valid with {counts}[/] ({checked})"
    return f"[green]✔ valid: no problems[/] ({checked})"


def _warnings(result: CheckResult) -> str:
    if result.hidden_warnings:
        return f"{result.hidden_warnings} warning{'s' * (result.hidden_warnings != 1)} hidden by --errors-only"
    return f"{result.warnings} warning{'s' * (result.warnings != 1)}"
