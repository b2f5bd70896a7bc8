"""The use cases the CLI calls; also impactctl's public Python API.

Reading and checking a ledger is source.reading's job; these functions give its result the shape the
commands and reporters use (a CheckResult naming files as the user does), and say once what a use case
does with a ledger that has errors: refuse, doing nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from impactctl.problems import CheckResult, Problem, Severity
from impactctl.source.discover import find_ledger
from impactctl.source.reading import Reading, read_ledger

if TYPE_CHECKING:
    from impactctl.model.ledger import Ledger


def locate_ledger(path: str | None = None) -> Path:
    """The ledger folder: PATH, else $IMPACTCTL_LEDGER, else the nearest ledger.yaml at or above here, else ./ledger."""
    return find_ledger(path)


def validate(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None,
             use_cache: bool = True) -> CheckResult:
    """Check every file of the ledger at `root`: YAML, schema and ledger rules, all in one pass.

    `overrides` (ledger-relative path -> text) checks an edit before it is written. With `use_cache`,
    files whose bytes are unchanged since an earlier run are not parsed again, and an unchanged
    ledger is answered from the cache. A file is trusted unread only while its size, modification
    time, change time and inode are as they were (no edit keeps its change time); otherwise its bytes
    are hashed, so the cache can never make a changed ledger pass.
    """
    # No ledger is needed: an unchanged ledger is answered from the cache without loading a record.
    reading = read_ledger(root, _rules, today=today or dt.date.today(), overrides=overrides, use_cache=use_cache)
    return _finish(root, reading)


def check(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None,
          use_cache: bool = True, focus: set[str] | None = None) -> tuple[Ledger | None, CheckResult]:
    """The loaded ledger and the result of validating it; the ledger is None only when ledger.yaml is
    unusable (the result says why).

    `focus` (ledger-relative paths) asks for the problems in those files only, as an edit does: the
    rules still compare against the whole ledger, but read only the records they need to.
    """
    reading = read_ledger(root, _rules, today=today or dt.date.today(), focus=focus, overrides=overrides,
                          use_cache=use_cache, need_ledger=True)
    return reading.ledger, _finish(root, reading)


def _rules(ledger: Ledger) -> list[Problem]:
    # Imported here: a ledger answered from the cache never imports the rules.
    from impactctl.checks import run_checks

    return run_checks(ledger)


def _finish(root: Path, reading: Reading) -> CheckResult:
    display = display_path(root)
    located = [dataclasses.replace(p, path=f"{display}/{p.path}") for p in reading.problems]
    located.sort(key=Problem.sort_key)
    return CheckResult(ledger=display, files_checked=reading.files, problems=located, records=reading.records)


@dataclasses.dataclass(frozen=True)
class Valid:
    """A ledger without errors, and the result of checking it (its warnings, for a report's appendix)."""

    ledger: Ledger
    check: CheckResult


@dataclasses.dataclass(frozen=True)
class Refused:
    """A use case stopped by errors: it did nothing. The one refusal of every use case: a report or an
    export is refused by errors anywhere in the ledger (or an unusable ledger.yaml), an edit or an import
    by errors in the files it changes, which `files` then names (ledger-relative)."""

    check: CheckResult
    files: tuple[str, ...] = ()

    def without(self, code: str) -> Refused | None:
        """The refusal less the errors with this code (a check that does not apply yet); None if none is left."""
        left = [p for p in self.check.problems if p.code != code]
        return dataclasses.replace(self, check=dataclasses.replace(self.check, problems=left)) if left else None


class MayBeRefused:
    """A use case's result that carries its refusal, if any, beside what it did or would do (an edit's diff,
    an import's rows): `refusal` is the api.Refused, or None."""

    refusal: Refused | None

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    @property
    def problems(self) -> list[Problem]:
        """The errors that refused it (none when it was not)."""
        return self.refusal.check.problems if self.refusal is not None else []


def valid_ledger(root: Path, today: dt.date | None = None) -> Valid | Refused:
    """The whole ledger, loaded and checked, for a use case that reads it (a report, an export); Refused
    when it has errors, since nothing should be made from a ledger with errors."""
    ledger, result = check(root, today=today)
    if ledger is None or result.errors:
        return Refused(result)
    return Valid(ledger, result)


def errors_in(root: Path, overrides: dict[str, str], today: dt.date | None = None) -> Refused | None:
    """An edit's or an import's refusal: the errors the files in `overrides` (ledger-relative path -> new
    text) would have, checked against the whole ledger with the new texts in place; None when they have
    none. Only these files' errors count, so the rules look for problems in them alone."""
    if not overrides:
        return None
    _, result = check(root, today=today, overrides=overrides, focus=set(overrides))
    paths = {f"{result.ledger}/{rel}" for rel in overrides}
    errors = [p for p in result.problems if p.path in paths and p.severity is Severity.ERROR]
    if not errors:
        return None
    return Refused(dataclasses.replace(result, problems=errors), tuple(overrides))


def display_path(root: Path) -> str:
    """How to name the ledger folder in messages: relative to here when inside it, so CI annotations match."""
    try:
        relative = os.path.relpath(root)
    except ValueError:  # on another drive (Windows): no relative path exists
        return Path(root).as_posix()
    return Path(root).as_posix() if relative.startswith("..") else Path(relative).as_posix()
