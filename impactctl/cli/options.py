"""The options many commands share (--ledger, --today, --profile, --format), declared and parsed here once.

Their help may differ per command (what "today" changes, what a profile hides), so --today, --profile and
--format are factories; --today is parsed by the one date parser of the command line (answers.date), so a
bad date is refused before the command runs, with the same words everywhere.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Sequence

import typer

from impactctl.cli import answers, complete
from impactctl.report.profiles import PROFILES
from impactctl.tables import listed

LEDGER = typer.Option(None, "--ledger", "-L", help="The ledger folder (default: $IMPACTCTL_LEDGER, "
                      "else the nearest folder at or above here with ledger.yaml, else ./ledger).",
                      show_default=False)


def choices(name: str, names: Sequence[str]) -> Any:
    """An Enum of a table's names, in its order: the choices typer offers and checks for an option."""
    return Enum(name, {each: each for each in names}, type=str)


def profile_help(**words: str) -> str:
    """--profile's help: each profile with what the table says of it, or the words a command gives instead."""
    said = {**PROFILES, **words}
    return listed([f"{name} ({said[name]})" if said[name] else name for name in PROFILES]) + "."


def parse_day(text: str) -> dt.date:
    """A --today value: YYYY-MM-DD, or a usage error (exit 2) saying how to write it."""
    try:
        return answers.date(text)
    except answers.Wrong as exc:
        raise typer.BadParameter(str(exc)) from None


def today(help: str = "Take this day (YYYY-MM-DD) as today.") -> Any:
    """--today DAY, parsed into a date (None when not given)."""
    # metavar: as every text option shows it (and --today always has); a parser would show its own name.
    return typer.Option(None, "--today", help=help, show_default=False, parser=parse_day, metavar="<str>")


def profile(help: str = "") -> Any:
    """--profile (the profiles of report.profiles, the first the default): what personal data the output may show."""
    return typer.Option(next(iter(PROFILES)), "--profile", autocompletion=complete.choices(*PROFILES),
                        help=help or profile_help())


def format(default: Any, help: str, **settings: Any) -> Any:
    """--format / -f: each command has its own choices (an Enum or a click Choice) and help."""
    return typer.Option(default, "--format", "-f", help=help, **settings)
