"""The report formats, one line each: what `report` and `portfolio` offer as --format, check it against and
say in their help, the template suffix each is drawn from, and how its printed values are escaped.

Adding a format is a line here and its built-in templates (quarterly and portfolio, with its suffix).
Kept apart from environment.py so that the command line can offer the formats without loading Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from impactctl import tables


@dataclass(frozen=True)
class ReportFormat:
    """One report format."""

    name: str
    suffix: str  # its templates' file suffix: a template file with it writes this format
    escape: str  # the function of report/escape.py a printed value goes through, to render as the text it is
    outputs: tuple[str, ...] = ()  # output file suffixes that choose this format when --format is not given


# The first is the default: what a report is when neither --format, the template nor the output file says.
FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("markdown", ".md.j2", "markdown"),
    ReportFormat("html", ".html.j2", "html", outputs=(".html", ".htm")),
)

NAMES = tables.names(FORMATS)
DEFAULT = FORMATS[0]


def get(name: str) -> ReportFormat:
    """The format called `name`, or a UsageError listing them."""
    return tables.find(FORMATS, name, "--format")


def of_template(template_name: str) -> ReportFormat:
    """The format a template writes, by its suffix (the default's when it has no other format's)."""
    return next((f for f in FORMATS[1:] if template_name.endswith(f.suffix)), DEFAULT)


def of_output(output: Optional[Path]) -> Optional[ReportFormat]:
    """The format an output file's suffix chooses, if any."""
    suffix = output.suffix.lower() if output is not None else None
    return next((f for f in FORMATS if suffix in f.outputs), None)
