"""The `impactctl` Typer application: its root options, and every command, registered in one list below."""

from __future__ import annotations

import typer

from impactctl import __version__
from impactctl.cli import authoring, challenges, core, editing, exports, find, history, importing, portfolio, reports

# Command name -> the function that is the command (its options, its docstring the help), in the order
# `impactctl --help` lists them. A new command is a function in a cli module and one line here.
COMMANDS = (
    ("validate", core.validate),
    ("schema", core.schema),
    ("rules", core.rules),
    ("add-outcome", authoring.add_outcome),
    ("add-activity", authoring.add_activity),
    ("add-stakeholder", authoring.add_stakeholder),
    ("add-evidence", authoring.add_evidence),
    ("add-challenge", challenges.add_challenge),
    ("respond", challenges.respond),
    ("record", editing.record),
    ("set-status", editing.set_status),
    ("set", editing.set_),
    ("init", editing.init),
    ("export", exports.export),
    ("case-study", exports.case_study),
    ("show", find.show),
    ("list", find.list_),
    ("changes", history.changes),
    ("import", importing.import_),
    ("portfolio", portfolio.portfolio),
    ("report", reports.report),
)

app = typer.Typer(
    name="impactctl",
    help="A command-line impact ledger over plain YAML files: validate, author and report research impact.\n\n"
         "Example: impactctl validate ledger",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"impactctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """A command-line impact ledger over plain YAML files."""


for _name, _command in COMMANDS:
    app.command(_name)(_command)
