"""The human report: problems grouped by file, each with its source line, a caret and the fix."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from impactctl.problems import CheckResult, Problem, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render(result: CheckResult, color: bool = False, with_summary: bool = True) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=200, highlight=False,
                      soft_wrap=True)
    for path, problems in groupby(result.problems, key=lambda p: p.path):
        console.print(f"[bold]{escape(path)}[/]")
        for problem in problems:
            _problem(console, problem)
        console.print()
    if with_summary:
        console.print(summary(result))
    return buffer.getvalue()


def _problem(console: Console, problem: Problem) -> None:
    style = _STYLE.get(problem.severity, "")
    console.print(f"  {escape(problem.location)}: [{style}]{problem.severity.value}[/] "
                  f"{escape(problem.message)} [dim]\\[{problem.code}][/]")
    if problem.excerpt:
        gutter = f"{problem.line:>5} | "
        console.print(f"[dim]{gutter}[/]{escape(problem.excerpt.expandtabs(1))}")
        console.print(" " * (len(gutter) + max(problem.column - 1, 0)) + f"[{style}]^[/]")
    if problem.hint:
        console.print(f"        [cyan]fix:[/] {escape(problem.hint)}")


def summary(result: CheckResult) -> str:
    """One closing line: what was checked and what was found."""
    counts = f"{result.errors} error{'s' * (result.errors != 1)}, {result.warnings} warning{'s' * (result.warnings != 1)}"
    checked = f"{result.records} record{'s' * (result.records != 1)} in {result.ledger}"
    if result.errors:
        return f"[bold red]✖ {counts}[/] ({checked})"
    if result.warnings:
        return f"[yellow]✔ valid with {counts}[/] ({checked})"
    return f"[green]✔ valid: no problems[/] ({checked})"
