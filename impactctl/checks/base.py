"""What every rule module provides, and the helper rules use to report a finding."""

from __future__ import annotations

from typing import Any, Iterator, Protocol, Sequence

from impactctl.model.ledger import Ledger
from impactctl.problems import Problem, Severity


class Rule(Protocol):
    """A rule module: its docstring is its documentation.

    `check` reports problems only in the files the ledger is focused on (`ledger.checked()`, or
    `ledger.in_focus("ledger.yaml")` for findings about the whole ledger), and reads the other records
    only for what it compares against, by id where it can (`entry.id`, `ledger.index`): an edit is
    checked this way, reading a few records of a large ledger instead of all of them. Every rule test
    asserts that the focused check finds exactly what the whole-ledger check finds in each file.
    """

    ID: str
    SEVERITY: Severity
    OPTIONS: dict[str, Any]

    def check(self, ledger: Ledger, options: dict[str, Any]) -> Iterator[Problem]: ...


def finding(path: str, loc: Sequence[str | int], code: str, message: str, hint: str = "",
            at_key: bool = False) -> Problem:
    """A problem at a path inside a file; the API turns `loc` into a line and column."""
    return Problem(path, 0, 0, code, message, hint=hint, loc=tuple(loc), at_key=at_key)
