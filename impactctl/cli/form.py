"""Helpers shared by the authoring and editing commands: the Form that gathers fields, dates, common flags, finish."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Callable

import typer

from impactctl.cli.common import EXIT_PROBLEMS, fail, use_color

DRY_RUN = typer.Option(False, "--dry-run", help="Print the change as a diff and write nothing.")
NO_INPUT = typer.Option(False, "--no-input", help="Never ask; a missing field is an error (also when "
                        "standard input is not a terminal or CI is set).")


def interactive(no_input: bool) -> bool:
    """Ask for missing fields only where a person can answer."""
    return not no_input and not os.environ.get("CI") and sys.stdin.isatty()


class Form:
    """Collects a record's fields from flags, asking on a terminal for what is missing."""

    def __init__(self, root: Path, ask: bool) -> None:
        self.root, self.ask = root, ask
        self.fields: dict[str, Any] = {}
        self.missing: list[str] = []
        self._config: Any = None

    def need(self, key: str, value: Any, flag: str, choices: list[str] | None = None,
             convert: Callable[[str], Any] = str, many: bool = False) -> Any:
        if value in (None, [], ""):
            if not self.ask:
                self.missing.append(flag)
                return None
            value = self._prompt(flag, choices, many)
            value = [convert(v) for v in value] if many else convert(value)
        self.fields[key] = value
        return value

    def _prompt(self, flag: str, choices: list[str] | None, many: bool) -> Any:
        label = flag.lstrip("-").replace("-", " ")
        if choices:
            typer.echo(f"{label}: choose from {', '.join(choices)}", err=True)
        answer = typer.prompt(label + (" (comma-separated)" if many else ""), err=True)
        return [a.strip() for a in answer.split(",") if a.strip()] if many else answer.strip()

    def vocabulary(self, name: str) -> list[str]:
        if self._config is None:
            from impactctl.source.loader import load_config

            self._config, _ = load_config(self.root)
        return list(getattr(self._config.vocabularies, name)) if self._config else []

    def ids(self, kind: str) -> list[str]:
        from impactctl.authoring import existing_ids

        return sorted(i for i, k in existing_ids(self.root).items() if k == kind)

    def done(self) -> dict[str, Any]:
        if self.missing:
            fail("missing " + ", ".join(self.missing) + " (nothing was written)")
        return self.fields


def parse_date(text: str | None, flag: str) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"{flag} {text!r} is not a date; write YYYY-MM-DD")


def to_date(flag: str) -> Callable[[str], dt.date | None]:
    return lambda text: parse_date(text, flag)


def finish(run: Callable[[], Any], dry_run: bool) -> None:
    """Run an edit, then print its diff, its refusal, or the path written; choose the exit code."""
    from impactctl.errors import ImpactctlError
    from impactctl.output import text
    from impactctl.problems import CheckResult

    try:
        result = run()
    except ImpactctlError as exc:
        fail(str(exc))
    if result.refused:
        report = CheckResult(ledger="", files_checked=1, problems=result.problems)
        typer.echo(text.render(report, use_color(sys.stderr), with_summary=False), err=True, nl=False)
        typer.echo(f"impactctl: refused: the change would make {result.path} invalid; nothing was written", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    if dry_run:
        typer.echo(result.diff, nl=False)
        typer.echo("(dry run: nothing was written)", err=True)
        return
    typer.echo(str(result.path))


def today() -> dt.date:
    return dt.date.today()
