"""The one lookup of the extension tables: an entry by its name, and a lazy "module:function".

Each table (export formats, reporters, report formats, profiles) is a tuple of entries with a `name`; the
command line offers their names as choices and the use cases look an entry up here, so an unknown name is
refused in one wording everywhere. The functions an entry
names are imported only when used, so that the command line starts without loading the libraries behind them.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Iterable, Protocol, Sequence, TypeVar

from impactctl.errors import UsageError


class Named(Protocol):
    @property
    def name(self) -> str: ...


Entry = TypeVar("Entry", bound=Named)


def names(table: Iterable[Named]) -> tuple[str, ...]:
    """The entries' names, in the table's order (the first is usually the default)."""
    return tuple(entry.name for entry in table)


def listed(items: Sequence[str]) -> str:
    """`a, b, c or d`, as the help texts and the refusals list a table's choices."""
    return f"{', '.join(items[:-1])} or {items[-1]}" if len(items) > 1 else "".join(items)


def unknown(option: str, choices: Sequence[str], given: str) -> UsageError:
    """The one refusal of a name that is none of a table's: `--format must be one of a, b or c, not 'x'`."""
    return UsageError(f"{option} must be one of {listed(choices)}, not {given!r}")


def find(table: Sequence[Entry], name: str, option: str) -> Entry:
    """The entry called `name`, or the refusal (a UsageError) naming `option` and listing the entries."""
    for entry in table:
        if entry.name == name:
            return entry
    raise unknown(option, names(table), name)


def imported(package: str, ref: str) -> Callable[..., Any]:
    """The function a table names as "module:function" within `package`, imported now (only when used)."""
    module, _, function = ref.partition(":")
    return getattr(importlib.import_module(f"{package}.{module}"), function)
