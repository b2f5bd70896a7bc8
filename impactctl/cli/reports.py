"""The `report` command: the quarterly report of the ledger, to the terminal or a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from impactctl.cli import options
from impactctl.cli.common import EXIT_PROBLEMS, fail, ledger_root, use_color


def report(
    path: Optional[str] = typer.Argument(None, help="The ledger folder.", show_default=False),
    period: Optional[str] = typer.Option(None, "--period", "-p", help="2026-Q3, 2026, or 2026-04-01..2026-09-30 "
                                         "(default: the last complete quarter of the reporting year)."),
    template: str = typer.Option("quarterly", "--template", "-t", help="A template name (the ledger's templates/ "
                                 "first, then the built-ins) or a path to a .md.j2 or .html.j2 file."),
    output_format: Optional[str] = options.format(None, "markdown or html (default: html when --output ends in "
                                                  ".html or the template is .html.j2, else markdown).",
                                                  show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically)."),
    profile: str = options.profile(options.profile_help(public="no personal data")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Render the ledger as it was at this git revision."),
    today: Optional[dt.date] = options.today(),
    ledger: Optional[str] = options.LEDGER,
) -> None:
    """Render the quarterly impact report of the ledger: GitHub/GitLab Markdown, or one self-contained HTML file.

    Exits 1 and writes nothing when the ledger has errors (warnings go to the report's appendix).

    The HTML edition: --format html, or an --output file ending in .html.

    \b
    Example:
      impactctl report --period 2026-Q3 --output reports/2026-Q3.html
    """
    from impactctl import reporting
    from impactctl.errors import ImpactctlError, TemplateFailed
    from impactctl.output import text

    root = ledger_root(path, ledger)
    try:
        result = reporting.report(root, period, template, output, profile, as_of, today, output_format)
    except TemplateFailed as exc:
        fail(f"{exc}; no report was written", EXIT_PROBLEMS)
    except ImpactctlError as exc:
        fail(str(exc))
    if result.refused:
        typer.echo(text.render(result.check, use_color()), err=True, nl=False)
        fail("the ledger has errors: fix them (see above) before reporting; no report was written", EXIT_PROBLEMS)
    if result.written:
        typer.echo(f"{result.written} ({result.period_label})")
    else:
        typer.echo(result.text, nl=False)
