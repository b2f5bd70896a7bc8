"""The options many commands share (--ledger, --today, --profile, --format, date options, --period), declared once.

Their help may differ per command (what "today" changes, what a profile hides), so all but --ledger are
factories. Every date option and --period is read by the one date parser of the command line (answers.date,
over model.days), so a bad day is refused in the same words everywhere: before the command runs, or, for a
date a command's form asks for at a terminal, by the form, which asks again.
"""

from __future__ import annotations

import datetime as dt
import os
from enum import Enum
from typing import Any, NoReturn, Sequence

import typer

from impactctl.cli import answers, complete
from impactctl.cli.common import fail
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


def parse_day(text: str, flag: str = "--today") -> dt.date:
    """A date option's value: YYYY-MM-DD, or a usage error (exit 2) in the one wording (see `refuse_value`)."""
    try:
        return answers.date(text)
    except answers.Wrong as exc:
        refuse_value(flag, text, str(exc))


def today(help: str = "Take this day (YYYY-MM-DD) as today.") -> Any:
    """--today DAY, parsed into a date (None when not given)."""
    return day("--today", help)


def profile(help: str = "") -> Any:
    """--profile (the profiles of report.profiles, the first the default): what personal data the output may show."""
    return typer.Option(next(iter(PROFILES)), "--profile", autocompletion=complete.choices(*PROFILES),
                        help=help or profile_help())


def format(default: Any, help: str, **settings: Any) -> Any:
    """--format / -f: each command has its own choices (an Enum or a click Choice) and help."""
    return typer.Option(default, "--format", "-f", help=help, **settings)


# What the shell sets while it asks the command for completions (Typer's `_{PROG}_COMPLETE`). Typer ships its
# own copy of Click: the `click` package is not installed with impactctl, so its context is not asked.
COMPLETION_VARIABLE = "_IMPACTCTL_COMPLETE"


def refuse_value(flag: str, text: str, reason: str) -> NoReturn:
    """Stop on an option's value, in the one wording of the command line: `impactctl: --date '2026-02-30':
    `2026-02-30` is not a day in the calendar: February 2026 has 28 days` (exit 2), before the command runs."""
    # Completing a command line (the shell sets this for the completion run): say nothing, print nothing.
    if os.environ.get(COMPLETION_VARIABLE):
        raise ValueError(reason)
    fail(f"{flag} {text!r}: {reason}")


def day(flag: str, help: str, asked: bool = False) -> Any:
    """A date option (--date, --due, --today...), parsed into a date when read (None when not given).

    `asked`: the command's form asks for it when it is missing and, at a terminal, asks again when it is
    wrong rather than lose the answers given (cli/form.py); such an option stays text here, for the form to
    check with the same parser (answers.date), which words its refusal the same way when nothing is asked."""
    # metavar: as every text option shows it (and date options always have); a parser would show its own name.
    if asked:
        return typer.Option(None, flag, help=help, show_default=False, metavar="<str>")
    return typer.Option(None, flag, help=help, show_default=False, parser=lambda text: parse_day(text, flag),
                        metavar="<str>")


def check_period(text: str) -> str:
    """A --period value checked when read (its form and its days: they do not depend on the ledger's reporting
    year), and passed on as written for the command to place in the ledger's year."""
    from impactctl.model.periods import parse_period

    try:
        parse_period(text, dt.date.today())
    except ValueError as exc:
        refuse_value("--period", text, str(exc))
    return text


def period(help: str) -> Any:
    """--period / -p: a reporting period (2026-Q3, 2026, 2026-04-01..2026-09-30); each command says its default."""
    return typer.Option(None, "--period", "-p", help=help, show_default=False, parser=check_period, metavar="<str>")
