"""The reporters of a CheckResult, one line each: the table `impactctl validate` dispatches on and builds its --format from.

Adding a reporter is a module in impactctl/output with `render(result, color) -> str` and one line in REPORTERS.
The render functions are named "module:function" within impactctl.output and imported only when used, so
that the command line starts without loading rich.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional

from impactctl import tables

if TYPE_CHECKING:  # only for the types: the command line imports this table at start
    from impactctl.problems import CheckResult


@dataclass(frozen=True)
class Reporter:
    """One reporter: its name, what --format's help says of it (in brackets after the name) and its render."""

    name: str
    help: str
    render_ref: str  # "module:function": render(result, color) -> str
    color: bool = False  # given the terminal's colour setting; the others are read by machines, never coloured
    default_under: Optional[str] = None  # the default when this environment variable is "true" (a CI's own)

    def render(self, result: CheckResult, color: bool = False) -> str:
        render: Callable[[CheckResult, bool], str] = tables.imported("impactctl.output", self.render_ref)
        return render(result, self.color and color)


# The first is the default where no default_under applies.
REPORTERS: tuple[Reporter, ...] = (
    Reporter("text", "default", "text:render", color=True),
    Reporter("json", "", "json_report:render"),
    Reporter("github", "default under GitHub Actions", "github:render", default_under="GITHUB_ACTIONS"),
    Reporter("gitlab", "Code Quality", "gitlab:render"),
    Reporter("junit", "", "junit:render"),
)

NAMES = tables.names(REPORTERS)


def get(name: str) -> Reporter:
    """The reporter called `name`, or a UsageError listing them (the command line offers no other)."""
    return tables.find(REPORTERS, name, "--format")


def default() -> Reporter:
    """The reporter for a run that names none: the CI's own under a CI that says so, else the first."""
    return next((r for r in REPORTERS if r.default_under and os.environ.get(r.default_under) == "true"), REPORTERS[0])


def shown(reporter: Reporter) -> str:
    """How --format's help names a reporter: `gitlab (Code Quality)`."""
    return f"{reporter.name} ({reporter.help})" if reporter.help else reporter.name
