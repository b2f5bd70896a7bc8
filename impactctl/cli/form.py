"""Helpers shared by the authoring and editing commands: the Form that gathers fields, dates, common flags, finish."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Callable

import typer

from impactctl.cli import answers
from impactctl.cli.common import fail
from impactctl.cli.refusal import refuse_if_refused

DRY_RUN = typer.Option(False, "--dry-run", help="Print the change as a diff and write nothing.")
NO_INPUT = typer.Option(False, "--no-input", help="Never ask; a missing field is an error (also when "
                        "standard input is not a terminal or CI is set).")

# The model's words (impactctl.model.records), repeated here so that starting the CLI does not import pydantic.
STATUSES = ["planned", "active", "achieved", "missed", "dropped"]
MEASURES = ["count", "percent", "currency", "qualitative"]


def interactive(no_input: bool) -> bool:
    """Ask for missing fields only where a person can answer."""
    return not no_input and not os.environ.get("CI") and stdin_is_terminal()


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


class Form:
    """Collects a record's fields from flags, asking on a terminal for what is missing or wrong, one field at a
    time, so that a typo costs only its own answer; elsewhere every missing flag is named at once."""

    def __init__(self, root: Path, ask: bool) -> None:
        self.root, self.ask = root, ask
        self.fields: dict[str, Any] = {}
        self.missing: list[str] = []
        self._config: Any = None

    def need(self, key: str, value: Any, flag: str, check: answers.Check = answers.text, many: bool = False,
             default: Any = None) -> Any:
        """The field's value: the flag's, else asked (showing `default`), else `default`, else missing."""
        check = answers.several(check) if many else check
        if value in (None, [], ""):
            if not self.ask and default is None:
                self.missing.append(flag)
                return None
            value = self._ask(flag, check, many, default) if self.ask else default
        else:
            value = self._given(flag, value, check, many, default)
        self.fields[key] = value
        return value

    def _given(self, flag: str, value: Any, check: answers.Check, many: bool, default: Any) -> Any:
        try:
            return check(value)
        except answers.Wrong as exc:
            if self.ask:  # ask again rather than lose the answers already given
                typer.echo(f"{flag} {value if not many else ','.join(value)}: {exc}", err=True)
                return self._ask(flag, check, many, default)
            if exc.strict:
                fail(f"{flag} {value!r}: {exc}")
            return value  # validation reports it, at its line and column

    def _ask(self, flag: str, check: answers.Check, many: bool, default: Any) -> Any:
        label = flag.lstrip("-").replace("-", " ").lower()
        if getattr(check, "choices", None):
            typer.echo(f"{label}: choose from {', '.join(check.choices)}", err=True)
        label += " (comma-separated)" if many else ""
        return answers.ask(label, check, None if default is None else str(default))

    def vocabulary(self, name: str) -> list[str]:
        if self._config is None:
            from impactctl.source.loader import load_config

            self._config, _ = load_config(self.root)
        return list(getattr(self._config.vocabularies, name)) if self._config else []

    def choice(self, vocabulary: str, field: str) -> answers.Check:
        """A check that the answer is a key of one of ledger.yaml's vocabularies."""
        return answers.choice(self.vocabulary(vocabulary), field)

    def known(self, kind: str, field: str) -> answers.Check:
        """A check that the answer is the id of an existing `kind` record (at a terminal only: elsewhere the
        edit itself says so, with a did-you-mean)."""
        return answers.choice(self.ids(kind) if self.ask else [], field, listed=False)

    def ids(self, kind: str) -> list[str]:
        from impactctl.authoring import existing_ids

        return sorted(i for i, k in existing_ids(self.root).items() if k == kind)

    def indicators(self, outcome_id: str) -> dict[str, str]:
        """An outcome's indicator ids -> their measures, to ask which one and for what kind of value; empty
        when the outcome cannot be read (the edit then says why)."""
        from impactctl.authoring import record_path
        from impactctl.errors import ImpactctlError
        from impactctl.source.loader import read_yaml

        try:
            data, _, problems = read_yaml(self.root, record_path(self.root, outcome_id))
        except ImpactctlError:
            return {}
        items = data.get("indicators") if isinstance(data, dict) and not problems else None
        return {str(i.get("id")): str(i.get("measure")) for i in items or [] if isinstance(i, dict)}

    def done(self) -> dict[str, Any]:
        if self.missing:
            fail("missing " + ", ".join(self.missing) + " (nothing was written)")
        return self.fields


def finish(run: Callable[[], Any], dry_run: bool) -> None:
    """Run an edit, then print its diff, its refusal, or the path written; choose the exit code."""
    from impactctl.errors import ImpactctlError

    try:
        result = run()
    except ImpactctlError as exc:
        fail(str(exc))
    refuse_if_refused(result.refusal, f"refused: the change would make {result.path} invalid; nothing was written")
    if dry_run:
        typer.echo(result.diff, nl=False)
        typer.echo("(dry run: nothing was written)", err=True)
        return
    typer.echo(str(result.path))


def today() -> dt.date:
    return dt.date.today()
