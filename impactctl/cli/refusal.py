"""How every command says its use case was refused: the errors that stopped it, what was not done, exit 1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, NoReturn, Optional, TextIO

import typer

from impactctl.cli.common import EXIT_PROBLEMS, fail, use_color

if TYPE_CHECKING:
    from impactctl.problems import CheckResult


def refuse(check: CheckResult, message: str, *, summary: bool = True, notes: Iterable[str] = (),
           color_of: Optional[TextIO] = None) -> NoReturn:
    """Print the problems that refused a use case to stderr (with the ledger's summary line, or without
    one for an edit's own files), then each note and `impactctl: MESSAGE`; exit 1.

    `color_of` is the stream whose being a terminal allows colour (by default stdout, as use_color):
    the whole-ledger refusals (report, export) have always asked stdout, the edits stderr.
    """
    from impactctl.output import text

    typer.echo(text.render(check, use_color(color_of), with_summary=summary), err=True, nl=False)
    for note in notes:
        typer.echo(f"impactctl: {note}", err=True)
    fail(message, EXIT_PROBLEMS)
