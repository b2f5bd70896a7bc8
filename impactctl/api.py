"""The use cases the CLI calls; also impactctl's public Python API."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from impactctl.checks import run_checks
from impactctl.model.ledger import Ledger
from impactctl.problems import CheckResult, Problem
from impactctl.source.discover import find_ledger
from impactctl.source.loader import load_ledger
from impactctl.source.positions import resolve


def locate_ledger(path: str | None = None) -> Path:
    """The ledger folder: PATH, else $IMPACTCTL_LEDGER, else the nearest ledger.yaml at or above here, else ./ledger."""
    return find_ledger(path)


def validate(root: Path, today: dt.date | None = None, overrides: dict[str, str] | None = None) -> CheckResult:
    """Check every file of the ledger at `root`: YAML, schema and ledger rules, all in one pass.

    `overrides` (ledger-relative path -> text) checks an edit before it is written.
    """
    return check(root, today, overrides)[1]


def check(root: Path, today: dt.date | None = None,
          overrides: dict[str, str] | None = None) -> tuple[Ledger | None, CheckResult]:
    """The loaded ledger (None when ledger.yaml is unusable) and the result of validating it."""
    ledger, problems = load_ledger(root, today=today, overrides=overrides)
    records = 0
    if ledger is not None:
        problems += run_checks(ledger)
        records = len(ledger.entries)
    display = display_path(root)
    located = [dataclasses.replace(p, path=f"{display}/{p.path}") for p in resolve(root, problems, overrides)]
    located.sort(key=Problem.sort_key)
    files = 1 + sum(len(ids) for ids in (ledger.unreadable.values() if ledger else ())) + records
    return ledger, CheckResult(ledger=display, files_checked=files, problems=located, records=records)


def display_path(root: Path) -> str:
    """How to name the ledger folder in messages: relative to here when inside it, so CI annotations match."""
    relative = os.path.relpath(root)
    return str(root) if relative.startswith("..") else relative
