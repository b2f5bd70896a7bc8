"""Reading a CSV file into rows, each fault a UsageError naming its line; and a row as nested record fields."""

from __future__ import annotations

import csv
import dataclasses
import io
import typing
from pathlib import Path
from typing import Any

from impactctl.errors import UsageError
from impactctl.importing.columns import LIST_SEPARATOR, cell_value, columns
from impactctl.suggest import closest, did_you_mean


@dataclasses.dataclass
class Row:
    """One record's row: the CSV line it starts on and its non-empty cells by column."""

    line: int
    cells: dict[str, str]


def read_csv(csv_path: Path, kind: str) -> list[Row]:
    """The rows of a CSV file whose header names `kind` columns; any fault is a UsageError naming its line."""
    reader = csv.reader(io.StringIO(_decode(csv_path), newline=""))
    try:
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
        if header is None:
            raise UsageError(f"{csv_path} is empty; its first row should name the columns")
        names = _header(csv_path, [cell.strip().lower() for cell in header], kind)
        return list(_rows(csv_path, reader, names))
    except csv.Error as exc:
        raise UsageError(f"{csv_path} line {reader.line_num}: not readable as CSV ({exc})") from None


def _decode(csv_path: Path) -> str:
    try:
        raw = csv_path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {csv_path}: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(f"{csv_path} line {line} is not UTF-8; save the sheet as \"CSV UTF-8\"") from None


def _header(csv_path: Path, names: list[str], kind: str) -> list[str]:
    known = columns(kind)
    for index, name in enumerate(names):
        if name and name not in known:
            meant = closest(name, known)
            hint = f"; {did_you_mean(meant)}" if meant else f"; {kind} columns: {', '.join(known)}"
            if LIST_SEPARATOR in name and "," not in name:
                hint = "; the file seems to separate cells with `;`: save it as CSV with commas"
            raise UsageError(f"{csv_path}: unknown column `{name}` (column {index + 1}){hint}")
        if name and names.index(name) != index:
            raise UsageError(f"{csv_path}: the column `{name}` appears twice")
    return names


def _rows(csv_path: Path, reader: Any, names: list[str]) -> typing.Iterator[Row]:
    while True:
        start = reader.line_num + 1
        cells = next(reader, None)
        if cells is None:
            return
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and the empty rows spreadsheets leave at the end
        if len(cells) != len(names):
            raise UsageError(f"{csv_path} line {start}: {len(cells)} cells, but the header names {len(names)} "
                             "columns; quote cells that contain commas")
        given = {name: cell.strip().replace("\r\n", "\n") for name, cell in zip(names, cells) if cell.strip()}
        unnamed = [i + 1 for i, name in enumerate(names) if not name and cells[i].strip()]
        if unnamed:
            raise UsageError(f"{csv_path} line {start}: column {unnamed[0]} has a value but no name in the header")
        yield Row(start, given)


def row_fields(kind: str, row: Row) -> dict[str, Any]:
    """The row as nested record fields (`reach.count` -> {'reach': {'count': ...}})."""
    known = columns(kind)
    fields: dict[str, Any] = {}
    for name, text in row.cells.items():
        path, reading = known[name]
        target = fields
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = cell_value(text, reading)
    return fields
