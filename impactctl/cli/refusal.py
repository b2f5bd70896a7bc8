"""How every command says its use case was refused: the errors that stopped it, what was not done, exit 1."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Iterable, NoReturn

import typer

from impactctl.cli.common import EXIT_PROBLEMS, fail, use_color

if TYPE_CHECKING:
    from impactctl.problems import CheckResult


def refuse_if_refused(result: Any, message: str, notes: Iterable[str] = ()) -> None:
    """Nothing, unless `result` is an api.Refused: then print why and exit 1 (see refuse); the summary line is
    the whole ledger's, so a refusal by the files an edit or import changes goes without it."""
    from impactctl.api import Refused

    if isinstance(result, Refused):
        refuse(result.check, message, summary=not result.files, notes=notes)


def refuse(check: CheckResult, message: str, *, summary: bool = True, notes: Iterable[str] = ()) -> NoReturn:
    """Print the problems that refused a use case to stderr (with the ledger's summary line, or without
    one for an edit's own files), then each note and `impactctl: MESSAGE`; exit 1."""
    from impactctl.output import text

    # Colour when stderr, where this goes, is a terminal.
    typer.echo(text.render(check, use_color(sys.stderr), with_summary=summary), err=True, nl=False)
    for note in notes:
        typer.echo(f"impactctl: {note}", err=True)
    fail(message, EXIT_PROBLEMS)
