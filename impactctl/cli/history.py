"""The `changes` command: which records were added, changed or removed, by whom, from the git history."""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from impactctl.cli import options
from impactctl.cli.common import fail, ledger_root


class ChangesFormat(str, Enum):
    text = "text"
    json = "json"


def changes(
    rev_range: Optional[str] = typer.Argument(None, metavar="[REV1..REV2]", show_default=False,
                                              help="Two revisions (commits, tags, branches); `REV1..` or a "
                                                   "single REV means from REV to HEAD."),
    period: Optional[str] = options.period("A reporting period: 2026-Q3, 2026, or 2026-04-01..2026-09-30 "
                                           "(default: the last complete quarter)."),
    ledger: Optional[str] = options.LEDGER,
    format: ChangesFormat = options.format(ChangesFormat.text, "text or json."),
    today: Optional[dt.date] = options.today("Count 'the last complete quarter' from this day (YYYY-MM-DD)."),
) -> None:
    """List the records added, changed and removed between two revisions or in a reporting period, with
    their authors and field-level changes (status, measurements, targets, list items).

    Periods follow the ledger's reporting_year_start_month and count commits by author date. On a shallow
    clone the command says so: "added" may then mean "first seen". Exit 0 with the list (empty included);
    2 for a bad revision or period, or when the ledger is not in a git repository.

    Example: impactctl changes --period 2026-Q3

    Example: impactctl changes v1.0..HEAD --format json
    """
    from impactctl import history
    from impactctl.errors import ImpactctlError

    root = ledger_root(None, ledger)
    if rev_range and period:
        fail("give either REV1..REV2 or --period, not both")
    try:
        if rev_range:
            rev1, rev2 = _split_range(rev_range)
            label, found = f"{rev1}..{rev2}", history.changes_between(root, rev1, rev2)
        else:
            chosen = _period(root, period, today)
            label = f"{chosen.label} ({chosen.start}..{chosen.end})"
            found = history.changes_in_period(root, chosen.start, chosen.end)
    except ImpactctlError as exc:
        fail(str(exc))
    if not found.available:
        fail(found.note)
    if found.note:
        typer.echo(f"impactctl: note: {found.note}", err=True)
    typer.echo(_json(root, label, found) if format is ChangesFormat.json else _text(label, found), nl=False)


def _split_range(text: str) -> tuple[str, str]:
    if "..." in text:
        fail(f"{text!r}: write two revisions as REV1..REV2 (two dots)")
    left, sep, right = text.partition("..")
    if sep and not left:
        fail(f"{text!r}: name the first revision, as in REV1..REV2")
    return left, right or "HEAD"


def _period(root: Path, text: Optional[str], today: Optional[dt.date]):
    from impactctl.model.periods import parse_period
    from impactctl.source.loader import load_config

    config, _ = load_config(root)
    start_month = config.centre.reporting_year_start_month if config else 1
    try:
        return parse_period(text, today or dt.date.today(), start_month)
    except ValueError as exc:
        fail(f"--period: {exc}")


def _text(label: str, found) -> str:
    if not found.changes:
        return f"{label}: no record changed\n"
    count = len(found.changes)
    lines = [f"{label}: {count} record{'s' if count != 1 else ''} changed"]
    for change in found.changes:
        by = f" by {', '.join(change.authors)}" if change.authors else ""
        details = f": {'; '.join(change.details)}" if change.details else ""
        lines.append(f"{change.path} ({change.action}{by}){details}")
    return "\n".join(lines) + "\n"


def _json(root: Path, label: str, found) -> str:
    from impactctl.api import display_path

    document = {
        "version": 1,
        "ledger": display_path(root),
        "range": label,
        "base": found.base,
        "tip": found.tip,
        "shallow": found.shallow,
        "note": found.note,
        "changes": [
            {"path": c.path, "kind": c.kind, "id": c.id, "action": c.action, "authors": c.authors,
             "first": c.first.isoformat(), "last": c.last.isoformat(), "details": c.details}
            for c in found.changes
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
