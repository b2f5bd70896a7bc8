"""How records look at a terminal (rich tables, wrapped, colour only where use_color allows), and the options
the find and export commands share."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from typing import Any, Optional

import typer

from impactctl.cli import complete
from impactctl.cli.common import fail, use_color

PROFILE_OPTION = typer.Option("public", "--profile", autocompletion=complete.choices("public", "internal"),
                              help="public (no contacts; persons who have not agreed to be named are not named) "
                                   "or internal.")
TODAY_OPTION = typer.Option(None, "--today", help="Take this day (YYYY-MM-DD) as today (for --overdue).",
                            show_default=False)


def parse_day(text: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        fail("--today: write the date as YYYY-MM-DD")

def render(draw: Any) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    color = use_color()
    console = Console(file=buffer, width=shutil.get_terminal_size().columns, force_terminal=color,
                      no_color=not color, color_system="standard" if color else None, highlight=False, emoji=False)
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


def list_table(console: Any, found: Any) -> None:
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


def show_text(console: Any, found: Any) -> None:
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
