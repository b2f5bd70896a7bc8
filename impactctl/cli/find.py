"""The find commands: `show ID` (a record and its links both ways) and `list KIND` (filtered; table, json or csv)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from enum import Enum
from typing import Any, List, Optional

import typer

from impactctl.cli import complete
from impactctl.cli.app import app
from impactctl.cli.common import EXIT_PROBLEMS, LEDGER_OPTION, fail, ledger_root, use_color


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


PROFILE_OPTION = typer.Option("public", "--profile", autocompletion=complete.choices("public", "internal"),
                              help="public (no contacts; persons who have not agreed to be named are not named) "
                                   "or internal.")
TODAY_OPTION = typer.Option(None, "--today", help="Take this day (YYYY-MM-DD) as today (for --overdue).",
                            show_default=False)


@app.command()
def show(
    record_id: str = typer.Argument(..., metavar="ID", autocompletion=complete.ids(), show_default=False,
                                    help="The id of any record: outcome, activity, stakeholder or evidence."),
    format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="text or json."),
    profile: str = PROFILE_OPTION,
    today: Optional[str] = TODAY_OPTION,
    ledger: Optional[str] = LEDGER_OPTION,
) -> None:
    """Show one record: its fields, and its links both ways — what it points at (an outcome's stakeholders
    and evidence) and which records point at it (the activities and evidence that cite an outcome).

    Example: impactctl show parents-adversity-awareness
    """
    from impactctl import finding
    from impactctl.exports.tables import to_json

    found = _run(finding.show, ledger_root(None, ledger), record_id, profile=profile, today=_day(today))
    if format is ShowFormat.json:
        record = found.records[0]
        typer.echo(to_json({"kind": found.kind, "id": record["id"], "path": found.path, "record": record,
                            "links": found.links}), nl=False)
        return
    typer.echo(_render(lambda console: _show_text(console, found)), nl=False)


@app.command("list")
def list_(
    kind: str = typer.Argument(..., metavar="KIND", autocompletion=complete.choices("outcomes", "activities",
                               "stakeholders", "evidence"), show_default=False,
                               help="outcomes, activities, stakeholders or evidence."),
    area: Optional[List[str]] = typer.Option(None, "--area", autocompletion=complete.vocabulary("areas"),
                                             help="Outcomes and activities in this area; repeat for more."),
    domain: Optional[List[str]] = typer.Option(None, "--domain", autocompletion=complete.vocabulary("domains"),
                                               help="Outcomes in this domain; repeat for more."),
    group: Optional[List[str]] = typer.Option(None, "--group", autocompletion=complete.vocabulary("groups"),
                                              help="Outcomes for, or stakeholders in, this stakeholder group."),
    status: Optional[List[str]] = typer.Option(None, "--status", autocompletion=complete.choices(
        "planned", "active", "achieved", "missed", "dropped"), help="Outcomes with this status; repeat for more."),
    owner: Optional[List[str]] = typer.Option(None, "--owner", help="Outcomes whose owner (activities whose lead) "
                                              "contains this text, ignoring case."),
    overdue: bool = typer.Option(False, "--overdue", help="Outcomes past their due date and still planned or active."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
    profile: str = PROFILE_OPTION,
    today: Optional[str] = TODAY_OPTION,
    ledger: Optional[str] = LEDGER_OPTION,
) -> None:
    """List the records of a kind, filtered: a table at the terminal, or json / csv with the field names of
    the ledger format (README, "list").

    Example: impactctl list outcomes --group employers --status active --format csv
    """
    from impactctl import finding
    from impactctl.exports.filters import Filters
    from impactctl.exports.tables import to_csv, to_json

    chosen = Filters(area=tuple(area or ()), domain=tuple(domain or ()), group=tuple(group or ()),
                     status=tuple(status or ()), owner=tuple(owner or ()), overdue=overdue)
    found = _run(finding.list_records, ledger_root(None, ledger), kind, chosen, profile=profile, today=_day(today))
    if format is ListFormat.json:
        typer.echo(to_json(found.records), nl=False)
    elif format is ListFormat.csv:
        typer.echo(to_csv(found.columns, found.rows), nl=False)
    else:
        typer.echo(_render(lambda console: _list_table(console, found)), nl=False)


def _day(text: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        fail("--today: write the date as YYYY-MM-DD")


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


def _render(draw: Any) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    color = use_color()
    console = Console(file=buffer, width=shutil.get_terminal_size().columns, force_terminal=color,
                      no_color=not color, color_system="standard" if color else None, highlight=False)
    draw(console)
    return buffer.getvalue()


# Prose columns share the width left over by the others, wrapping at words.
WIDE = ("title", "name", "owner", "lead", "advisory.role")


def _table(*headers: str, title: str | None = None) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(*headers, box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold",
                  header_style="bold", show_edge=False, pad_edge=False)
    return table


def _list_table(console: Any, found: Any) -> None:
    from rich.text import Text

    from impactctl.exports.tables import TABLE_COLUMNS

    names = _fit(TABLE_COLUMNS[found.kind], found.rows, console.width)
    table = _table(*names)
    for column, name in zip(table.columns, names):
        if name in WIDE:
            column.min_width = 12
        else:
            column.no_wrap, column.overflow = True, "ellipsis"
    table.columns[0].style = "cyan"
    for row in found.rows:
        table.add_row(*(Text(row[name]) for name in names))
    console.print(table)
    count = len(found.rows)
    console.print(f"{count} {found.kind if count != 1 else found.kind.rstrip('s')}", style="dim", highlight=False)


def _fit(names: tuple[str, ...], rows: list[dict[str, str]], width: int) -> list[str]:
    """Drop columns from the right until the prose column keeps at least 24 characters (at least id and title stay)."""
    chosen = list(names)
    while len(chosen) > 2:
        fixed = sum(max(len(n), *(len(r[n]) for r in rows)) + 3 for n in chosen if n not in WIDE)
        if width - fixed >= 24:
            break
        chosen.pop()
    return chosen


def _show_text(console: Any, found: Any) -> None:
    from rich.text import Text

    from impactctl.exports.records import flat

    record = found.records[0]
    row = flat(record, found.columns, separator=", ")
    heading = Text(f"{found.kind.rstrip('s')} {record['id']}", style="bold")
    if found.path:
        heading.append(f"  ({found.path})", style="dim")
    console.print(heading)
    fields = _table("field", "value")
    fields.columns[0].style = "cyan"
    for name in found.columns:
        if row[name]:
            fields.add_row(name, Text(row[name]))
    console.print(fields)
    if record.get("indicators"):
        console.print(_indicators(record["indicators"]))
    for direction, title in (("outgoing", "Points at"), ("incoming", "Pointed at by")):
        chosen = [link for link in found.links if link["direction"] == direction]
        if not chosen:
            console.print(Text(f"{title}: nothing", style="bold"))
            continue
        table = _table("kind", "id", "via", "title", title=f"{title} ({len(chosen)})")
        for column in table.columns[:3]:
            column.no_wrap = True
        for link in chosen:
            name = link["title"] if link["exists"] else "(missing)"
            table.add_row(link["kind"], Text(link["id"], style="cyan"), link["field"], Text(name))
        console.print(table)


def _indicators(indicators: list[dict[str, Any]]) -> Any:
    from rich.text import Text

    from impactctl.exports.records import cell

    table = _table("indicator", "name", "measure", "baseline", "target", "latest", title="Indicators")
    table.columns[0].no_wrap = table.columns[2].no_wrap = True
    for item in indicators:
        latest = max(item["measurements"], key=lambda m: m["date"]) if item["measurements"] else None
        table.add_row(item["id"], Text(item["name"]), item["measure"],
                      *(Text(f"{cell(p['value'])}\n{p['date']}") if p else "" for p in
                        (item["baseline"], item["target"], latest)))
    return table
