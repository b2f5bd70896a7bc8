"""The find commands: `show ID` (a record and its links both ways) and `list KIND` (filtered; table, json or csv)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, List, Optional

import typer

from impactctl.cli import complete, options
from impactctl.cli.common import EXIT_PROBLEMS, fail, ledger_root, use_color
from impactctl.cli.view import list_table, render, show_text
from impactctl.model import kinds

TODAY_HELP = "Take this day (YYYY-MM-DD) as today (for --overdue)."


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


def show(
    record_id: str = typer.Argument(..., metavar="ID", autocompletion=complete.ids(), show_default=False,
                                    help="The id of any record: outcome, activity, stakeholder, evidence or challenge."),
    format: ShowFormat = options.format(ShowFormat.text, "text or json."),
    profile: str = options.profile(),
    today: Optional[dt.date] = options.today(TODAY_HELP),
    ledger: Optional[str] = options.LEDGER,
) -> None:
    """Show one record: its fields, and its links both ways — what it points at (an outcome's stakeholders
    and evidence) and which records point at it (the activities and evidence that cite an outcome).

    Example: impactctl show parents-adversity-awareness
    """
    from impactctl import finding
    from impactctl.exports.tables import to_json

    found = _run(finding.show, ledger_root(None, ledger), record_id, profile=profile, today=today)
    if format is ShowFormat.json:
        record = found.records[0]
        typer.echo(to_json({"kind": found.kind, "id": record["id"], "path": found.path, "record": record,
                            "links": found.links}), nl=False)
        return
    typer.echo(render(lambda console: show_text(console, found)), nl=False)


def list_(
    kind: str = typer.Argument(..., metavar="KIND", autocompletion=complete.choices(*kinds.CHOICES),
                               show_default=False, help=f"{options.listed(kinds.CHOICES)}."),
    area: Optional[List[str]] = typer.Option(None, "--area", autocompletion=complete.vocabulary("areas"),
                                             help="Outcomes and activities in this area; repeat for more."),
    domain: Optional[List[str]] = typer.Option(None, "--domain", autocompletion=complete.vocabulary("domains"),
                                               help="Outcomes in this domain; repeat for more."),
    group: Optional[List[str]] = typer.Option(None, "--group", autocompletion=complete.vocabulary("groups"),
                                              help="Outcomes for, stakeholders in, or challenges raised by this stakeholder group."),
    status: Optional[List[str]] = typer.Option(None, "--status", autocompletion=complete.choices(
        "planned", "active", "achieved", "missed", "dropped", "open", "in-progress", "answered", "declined"),
        help="Outcomes (or challenges) with this status; repeat for more."),
    owner: Optional[List[str]] = typer.Option(None, "--owner", help="Outcomes whose owner (activities whose lead) "
                                              "contains this text, ignoring case."),
    overdue: bool = typer.Option(False, "--overdue", help="Outcomes past their due date and still planned or active; challenges past theirs and unanswered."),
    format: ListFormat = options.format(ListFormat.table, "table, json or csv."),
    profile: str = options.profile(),
    today: Optional[dt.date] = options.today(TODAY_HELP),
    ledger: Optional[str] = options.LEDGER,
) -> None:
    """List the records of a kind, filtered: a table at the terminal, or json / csv with the field names of
    the ledger format (README, "list").

    \b
    Example:
      impactctl list outcomes --group employers --status active --format csv
    """
    from impactctl import finding
    from impactctl.exports.filters import Filters
    from impactctl.exports.tables import to_csv, to_json

    chosen = Filters(area=tuple(area or ()), domain=tuple(domain or ()), group=tuple(group or ()),
                     status=tuple(status or ()), owner=tuple(owner or ()), overdue=overdue)
    found = _run(finding.list_records, ledger_root(None, ledger), kind, chosen, profile=profile, today=today)
    if format is ListFormat.json:
        typer.echo(to_json(found.records), nl=False)
    elif format is ListFormat.csv:
        typer.echo(to_csv(found.columns, found.rows), nl=False)
    else:
        typer.echo(render(lambda console: list_table(console, found)), nl=False)


def _run(use_case: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a find use case: usage errors exit 2; an unreadable ledger exits 1; errors are noted on stderr."""
    from impactctl.errors import ImpactctlError
    from impactctl.output import text

    try:
        found = use_case(*args, **kwargs)
    except ImpactctlError as exc:
        fail(str(exc))
    if not found.readable:
        typer.echo(text.render(found.check, use_color()), err=True, nl=False)
        fail("the ledger cannot be read: fix ledger.yaml (see above)", EXIT_PROBLEMS)
    if found.check.errors:
        typer.echo(f"impactctl: note: the ledger has {found.check.errors} error(s) (see `impactctl validate`); "
                   "records that could not be read are not shown", err=True)
    return found
