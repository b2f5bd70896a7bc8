"""Rows that keep every value whole at any width: a rich table while the short columns fit beside the prose,
else each row stacked (its short values on one line, its prose wrapped below, indented)."""

from __future__ import annotations

from typing import Any, Sequence

# The fewest characters a prose column (a title, a name) is given in a table before rows are stacked instead.
MIN_PROSE = 16
GAP = 3  # rich's SIMPLE_HEAD box puts a divider and a space either side between two columns
INDENT = "    "


def _width(cell: str) -> int:
    return max((len(line) for line in cell.split("\n")), default=0)


def fits(headers: Sequence[str], rows: Sequence[Sequence[str]], prose: set[str], width: int) -> bool:
    """Whether every short column at its widest, and MIN_PROSE for each prose column, fit in `width`."""
    needed = GAP * (len(headers) - 1)
    for index, name in enumerate(headers):
        needed += MIN_PROSE if name in prose else max([len(name), *(_width(row[index]) for row in rows)])
    return needed <= width


def print_rows(console: Any, headers: Sequence[str], rows: Sequence[Sequence[str]], prose: set[str],
               title: str | None = None, id_style: str = "cyan") -> None:
    """A table of `rows` (one cell per header) that never cuts a value: short columns are never wrapped."""
    from rich.text import Text

    if title:
        console.print(Text(title, style="bold"))
    if fits(headers, rows, prose, console.width):
        console.print(_table(headers, rows, prose, id_style))
    else:
        _stacked(console, headers, rows, prose, id_style)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], prose: set[str], id_style: str) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(*headers, box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    for column, name in zip(table.columns, headers):
        # Prose wraps at words (folding a word longer than its column); a short column keeps its full width.
        column.no_wrap, column.overflow = name not in prose, "fold"
    table.columns[0].style = id_style
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _stacked(console: Any, headers: Sequence[str], rows: Sequence[Sequence[str]], prose: set[str],
             id_style: str) -> None:
    """Each row as a line of the short values that fit side by side, then one indented line per other value
    (labelled, unless the only one is the row's prose)."""
    from rich.padding import Padding
    from rich.text import Text

    flat = [[cell.replace("\n", ", ") for cell in row] for row in rows]
    short = [i for i, name in enumerate(headers) if name not in prose]
    widths = {i: max([len(headers[i]), *(len(row[i]) for row in flat)]) for i in short}
    first = short[:1]
    for i in short[1:]:
        if sum(widths[j] + 2 for j in first) + widths[i] > console.width:
            break
        first.append(i)
    below = [i for i in range(len(headers)) if i not in first]
    labelled = len(below) > 1 or any(i in short for i in below)
    console.print(Text("  ".join(headers[i].ljust(widths[i]) for i in first).rstrip(), style="bold"))
    if not labelled:
        console.print(Padding(Text(headers[below[0]], style="bold"), (0, 0, 0, len(INDENT))))
    console.print(Text("─" * console.width, style="dim"))
    for row in flat:
        line = Text("  ".join(row[i].ljust(widths[i]) for i in first).rstrip())
        line.stylize(id_style, 0, len(row[first[0]]))
        console.print(line)
        for i in below:
            if row[i]:
                text = Text(row[i]) if not labelled else Text.assemble((f"{headers[i]}: ", "bold"), row[i])
                console.print(Padding(text, (0, 0, 0, len(INDENT))))
