"""How records look at a terminal: rich tables, wrapped, colour only where use_color allows."""

from __future__ import annotations

import io
import shutil
from typing import Any

from impactctl.cli.common import use_color


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

# The columns a list keeps at any width; the others give way, from the right, when the terminal is narrow.
KEEP = {"outcomes": ("id", "title", "status", "due"), "activities": ("id", "title", "start"),
        "stakeholders": ("id", "name", "group"), "evidence": ("id", "title", "date"),
        "challenges": ("id", "raised", "status")}


def list_table(console: Any, found: Any) -> None:
    from impactctl.cli.layout import print_rows
    from impactctl.exports.tables import TABLE_COLUMNS

    names = _fit(found.kind, TABLE_COLUMNS[found.kind], found.rows, console.width)
    print_rows(console, names, [[row[name] for name in names] for row in found.rows], set(WIDE))
    count = len(found.rows)
    console.print(f"{count} {found.kind if count != 1 else found.kind.rstrip('s')}", style="dim", highlight=False)


def _fit(kind: str, names: tuple[str, ...], rows: list[dict[str, str]], width: int) -> list[str]:
    """Leave out columns that are not kept, from the right, until the rest fit as a table (or none is left out)."""
    from impactctl.cli.layout import fits

    chosen = list(names)
    optional = [name for name in names if name not in KEEP.get(kind, names[:2])]
    while optional and not fits(chosen, [[row[n] for n in chosen] for row in rows], set(WIDE), width):
        chosen.remove(optional.pop())
    return chosen


def show_text(console: Any, found: Any) -> None:
    from rich.text import Text

    from impactctl.cli.layout import print_rows
    from impactctl.exports.records import flat

    record = found.records[0]
    row = flat(record, found.columns, separator=", ")
    heading = Text(f"{found.kind.rstrip('s')} {record['id']}", style="bold")
    if found.path:
        heading.append(f"  ({found.path})", style="dim")
    console.print(heading)
    print_rows(console, ("field", "value"), [(name, row[name]) for name in found.columns if row[name]], {"value"})
    if record.get("indicators"):
        _indicators(console, record["indicators"])
    for direction, title in (("outgoing", "Points at"), ("incoming", "Pointed at by")):
        chosen = [link for link in found.links if link["direction"] == direction]
        if not chosen:
            console.print(Text(f"{title}: nothing", style="bold"))
            continue
        rows = [(link["kind"], link["id"], link["field"], link["title"] if link["exists"] else "(missing)")
                for link in chosen]
        print_rows(console, ("kind", "id", "via", "title"), rows, {"title"}, title=f"{title} ({len(chosen)})")


def _indicators(console: Any, indicators: list[dict[str, Any]]) -> None:
    from impactctl.cli.layout import print_rows
    from impactctl.exports.records import cell

    rows = []
    for item in indicators:
        latest = max(item["measurements"], key=lambda m: m["date"]) if item["measurements"] else None
        points = (item["baseline"], item["target"], latest)
        rows.append((item["id"], item["name"], item["measure"],
                     *(f"{cell(p['value'])}\n{p['date']}" if p else "" for p in points)))
    print_rows(console, ("indicator", "name", "measure", "baseline", "target", "latest"), rows, {"name"},
               title="Indicators", id_style="")
