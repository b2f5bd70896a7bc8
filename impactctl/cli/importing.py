"""The `import` command: add or update records from a CSV spreadsheet, every file checked before any is written."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from impactctl.cli import options
from impactctl.cli.common import fail, ledger_root
from impactctl.cli.form import DRY_RUN
from impactctl.cli.refusal import refuse_if_refused
from impactctl.model import kinds


# The record kinds a CSV row can be, in the order commands offer them.
Kind = options.choices("Kind", kinds.CHOICES)


def import_(
    csv_file: Path = typer.Argument(..., help="The CSV file: a header row naming fields, then one row per record.",
                                    show_default=False),
    kind: Kind = typer.Option(..., "--kind", "-k", help=f"What each row is: {options.listed(kinds.CHOICES)}.",
                              show_default=False),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
) -> None:
    """Add or update one record per CSV row; importing the same file again changes nothing.

    Columns are field names; `reach.count`, `cost.amount`, `advisory.role`, `contact.email` reach inside;
    outcomes may give one indicator as `indicator.name`, `indicator.measure`, `indicator.baseline`,
    `indicator.target` ...; list cells are `;`-separated ids; an empty cell leaves the field as it is. A
    row with an existing `id` (or, without one, an existing title) updates only the fields it gives. The
    whole ledger is checked first: if any row would make its file invalid, nothing is written (exit 1).

    Example: impactctl import activities.csv --kind activities --dry-run
    """
    from impactctl.errors import ImpactctlError
    from impactctl.importing import import_csv

    root = ledger_root(None, ledger)
    try:
        result = import_csv(root, kind.value, csv_file, dry_run)
    except ImpactctlError as exc:
        fail(str(exc))
    refuse_if_refused(result.refusal, "refused: nothing was written", notes=_failing_rows(result))
    for change in result.changes:
        if dry_run:
            typer.echo(change.diff, nl=False)
        else:
            typer.echo(f"{change.action:<9} {root / change.rel}")
    summary = _summary(result)
    if dry_run:
        typer.echo(f"{summary} (dry run: nothing was written)", err=True)
    else:
        typer.echo(summary)


def _failing_rows(result) -> list[str]:
    """Which CSV line would make which file invalid, for a refused import."""
    failing = set(result.refusal.files) if result.refusal else set()
    return [f"CSV line {change.line} would make {change.rel} invalid" for change in result.changes
            if change.rel in failing and any(p.path.endswith("/" + change.rel) for p in result.problems)]


def _summary(result) -> str:
    rows = len(result.changes)
    counts = ", ".join(f"{result.count(action)} {action}" for action in ("added", "updated", "unchanged"))
    return f"{rows} row{'s' * (rows != 1)}: {counts}"
