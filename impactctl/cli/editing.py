"""Editing commands: record a measurement, set-status, set one field; and init, which creates a ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

import typer

from impactctl.cli import answers, complete, options
from impactctl.cli.common import fail, ledger_root
from impactctl.cli.form import DRY_RUN, NO_INPUT, STATUSES, Form, finish, interactive, today


def record(
    outcome_id: Optional[str] = typer.Argument(None, autocompletion=complete.ids("outcomes"), help="The outcome measured."),
    value: Optional[str] = typer.Option(None, "--value", help="The measured value (a number, or words for a qualitative indicator)."),
    date: Optional[str] = options.day("--date", "When it was measured (default today).", asked=True),
    indicator: Optional[str] = typer.Option(None, "--indicator", help="The indicator id, when the outcome has several."),
    evidence: Optional[List[str]] = typer.Option(None, "--evidence", autocompletion=complete.ids("evidence"), help="Evidence id the figure comes from; repeat for more."),
    note: Optional[str] = typer.Option(None, "--note", help="A note on the measurement."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Append a measurement to an outcome's indicator; `git diff` shows only the added lines.

    \b
    Example:
      impactctl record parents-adversity-awareness --value 58 \\
        --date 2026-11-20 --indicator ind-parents-understanding \\
        --evidence ev-parents-survey-2026-q1
    """
    from impactctl.authoring import parse_value, record_measurement

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    outcome_id = form.need("outcome", outcome_id, "OUTCOME_ID", form.known("outcomes", "outcome"))
    measures = form.indicators(outcome_id) if form.ask and outcome_id else {}
    if measures and (indicator is not None or len(measures) > 1):
        indicator = form.need("indicator", indicator, "--indicator", answers.choice(list(measures), "indicator"))
    measure = measures.get(indicator, "") if indicator else next(iter(measures.values()), "")
    value = form.need("value", value, "--value", answers.text if measure == "qualitative" else answers.number)
    when = form.need("date", date, "--date", answers.date, default=today())
    form.done()
    finish(lambda: record_measurement(root, outcome_id, parse_value(str(value)), when, indicator, evidence, note,
                                      dry_run), dry_run)


def set_status(
    outcome_id: Optional[str] = typer.Argument(None, autocompletion=complete.ids("outcomes"), help="The outcome."),
    status: Optional[str] = typer.Argument(None, autocompletion=complete.choices("planned", "active", "achieved", "missed", "dropped"), help="planned, active, achieved, missed or dropped."),
    evidence: Optional[List[str]] = typer.Option(None, "--evidence", autocompletion=complete.ids("evidence"), help="Evidence for the new status; repeat for more."),
    date: Optional[dt.date] = options.day("--date", "When the status changed, YYYY-MM-DD (default today); past reports are judged by it."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
    no_input: bool = NO_INPUT,
) -> None:
    """Change an outcome's status, dated when it happened; marking it achieved needs evidence.

    Setting the status an outcome already has keeps the date it took it.

    \b
    Example:
      impactctl set-status line-manager-training achieved \\
        --date 2026-09-30 --evidence ev-line-manager-completions-q3
    """
    from impactctl import authoring

    root = ledger_root(None, ledger)
    form = Form(root, interactive(no_input))
    outcome_id = form.need("outcome", outcome_id, "OUTCOME_ID", form.known("outcomes", "outcome"))
    status = form.need("status", status, "STATUS", answers.choice(STATUSES, "status"))
    if status == "achieved" and not evidence and form.ask:  # achieved needs evidence: ask now, not after a refusal
        evidence = form.need("evidence", evidence, "--evidence", form.known("evidence", "evidence id"), many=True)
    form.done()
    finish(lambda: authoring.set_status(root, outcome_id, status, evidence, dry_run, today(), date), dry_run)


def set_(
    record_id: str = typer.Argument(..., autocompletion=complete.ids(), help="The record's id."),
    field: str = typer.Argument(..., help="The field; a dotted path reaches inside (reach.count, indicators.0.unit)."),
    value: str = typer.Argument(..., help="The new value; `a,b` for a list field; empty removes the field."),
    ledger: Optional[str] = options.LEDGER,
    dry_run: bool = DRY_RUN,
) -> None:
    """Set one field of any record, keeping every other byte of the file.

    Example: impactctl set study-insecure-work reach.count 120
    """
    from impactctl import authoring

    root = ledger_root(None, ledger)
    finish(lambda: authoring.set_field(root, record_id, field, value, dry_run), dry_run)


def init(
    path: Path = typer.Argument(Path("ledger"), help="Where to create the ledger."),
    name: Optional[str] = typer.Option(None, "--name", help="The centre's name (default: asked, or the folder's name)."),
    no_input: bool = NO_INPUT,
) -> None:
    """Make a repository ready for a ledger: the ledger (ledger.yaml with commented default vocabularies, record
    folders, schemas) and, at the repository root, a CI workflow, .pre-commit-config.yaml and
    .vscode/settings.json. Files already there are left alone and listed.

    Example: impactctl init ledger --name "Centre for Society and Mental Health"
    """
    from impactctl.authoring import init_ledger
    from impactctl.errors import ImpactctlError

    if name is None:
        fresh = not (path / "ledger.yaml").exists()
        name = answers.ask("centre name", answers.text) if fresh and interactive(no_input) else path.resolve().name
    try:
        done = init_ledger(path, name)
    except ImpactctlError as exc:
        fail(str(exc))
    where = "the git repository at" if done.in_git else "the folder (not in git)"
    typer.echo(f"wrote {len(done.written)} files for the ledger in {path.as_posix()} and {where} {done.top.as_posix()}")
    for kept in done.kept:
        typer.echo(f"left alone (already there): {kept.as_posix()}")
    typer.echo(f"next: impactctl add-outcome -L {path.as_posix()}")
