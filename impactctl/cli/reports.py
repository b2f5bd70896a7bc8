"""The `report` command: the quarterly report of the ledger, to the terminal or a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from impactctl.cli import complete, options
from impactctl.cli.common import EXIT_PROBLEMS, fail, ledger_root
from impactctl.cli.refusal import refuse_if_refused
from impactctl.report import formats


def _implied(chosen: formats.ReportFormat) -> str:
    """When a format other than the default is chosen without --format: `html when --output ends in .html or ...`."""
    by_output = [f"--output ends in {chosen.outputs[0]}"] if chosen.outputs else []
    return f"{chosen.name} when " + " or ".join(by_output + [f"the template is {chosen.suffix}"])


# --template's help and --format's come from the table of report formats.
TEMPLATE_HELP = ("A template name (the ledger's templates/ first, then the built-ins) or a path to a "
                 f"{options.listed([f.suffix for f in formats.FORMATS])} file.")
FORMAT_HELP = (f"{options.listed(formats.NAMES)} (default: {'; '.join(_implied(f) for f in formats.FORMATS[1:])}, "
               f"else {formats.DEFAULT.name}).")


def report(
    path: Optional[str] = typer.Argument(None, help="The ledger folder.", show_default=False),
    period: Optional[str] = options.period("2026-Q3, 2026, or 2026-04-01..2026-09-30 "
                                           "(default: the last complete quarter of the reporting year)."),
    template: str = typer.Option("quarterly", "--template", "-t", help=TEMPLATE_HELP),
    output_format: Optional[str] = options.format(None, FORMAT_HELP, show_default=False,
                                                  autocompletion=complete.choices(*formats.NAMES)),
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

    root = ledger_root(path, ledger)
    try:
        result = reporting.report(root, period, template, output, profile, as_of, today, output_format)
    except TemplateFailed as exc:
        fail(f"{exc}; no report was written", EXIT_PROBLEMS)
    except ImpactctlError as exc:
        fail(str(exc))
    refuse_if_refused(result, "the ledger has errors: fix them (see above) before reporting; no report was written")
    if result.written:
        typer.echo(f"{result.written} ({result.period_label})")
    else:
        typer.echo(result.text, nl=False)
