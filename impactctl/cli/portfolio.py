"""The `portfolio` command: many centres' ledgers in one report, answered by SQL over their Parquet exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

import typer

from impactctl.cli import complete, options
from impactctl.cli.common import EXIT_PROBLEMS, fail
from impactctl.report import formats


def portfolio(
    ledgers: List[Path] = typer.Argument(..., metavar="LEDGER_DIR...", help="The ledger folders.", show_default=False),
    period: Optional[str] = options.period("2026-Q3, 2026, or 2026-04-01..2026-09-30 "
                                           "(default: each ledger's last complete quarter)."),
    output_format: str = options.format(formats.DEFAULT.name, options.listed(formats.NAMES) + ".",
                                        autocompletion=complete.choices(*formats.NAMES)),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically).",
                                          show_default=False),
    profile: str = options.profile(),
    today: Optional[dt.date] = options.today(),
) -> None:
    """Report on many centres' ledgers at once: headline figures by centre, indicator status, outcomes behind
    or overdue, coverage of groups × domains and reach by group, computed by DuckDB over each ledger's
    Parquet export (needs `pip install 'impactctl[portfolio]'`).

    Each ledger is validated first; one with errors is left out whole and named (exit 1, the report still
    written for the others).

    \b
    Example:
      impactctl portfolio centres/* --period 2026 --output portfolio.md
    """
    from impactctl import portfolio as use_case
    from impactctl.errors import ImpactctlError

    try:
        result = use_case.portfolio(ledgers, period, output_format, output, profile, today)
    except ImpactctlError as exc:
        fail(str(exc))
    for left in result.left_out:
        typer.echo(f"impactctl: {left.root.as_posix()} left out of the portfolio: {left.reason} "
                   f"(see `impactctl validate {left.root.as_posix()}`)", err=True)
    if not result.included:
        fail("no ledger without errors: nothing to report", EXIT_PROBLEMS)
    if result.written:
        typer.echo(str(result.written))
    else:
        typer.echo(result.text, nl=False)
    if result.left_out:
        raise typer.Exit(EXIT_PROBLEMS)
