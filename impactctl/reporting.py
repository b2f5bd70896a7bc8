"""The report use case: validate, pick the period, read history, build the view-model, render, write atomically."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from impactctl import api, history
from impactctl.errors import UsageError
from impactctl.model.ledger import Ledger
from impactctl.model.periods import parse_period
from impactctl.problems import CheckResult, Severity
from impactctl.report import environment, formats, profiles, viewmodel
from impactctl.report.status import Past, needs_history
from impactctl.source import git, writer

DEFAULT_TEMPLATE = "quarterly"


@dataclass
class ReportResult:
    """The rendered report (a template may render "" on purpose) and where it was written; the check is the
    ledger's (its warnings go in the appendix)."""

    check: CheckResult
    text: str = ""
    written: Path | None = None
    period_label: str = ""
    notes: list[str] = field(default_factory=list)


def report(root: Path, period: str | None = None, template: str = DEFAULT_TEMPLATE, output: Path | None = None,
           profile: str = profiles.PUBLIC, as_of: str | None = None, today: dt.date | None = None,
           output_format: str | None = None, *,
           limits: environment.RenderLimits = environment.DEFAULT_LIMITS) -> ReportResult | api.Refused:
    """Render the ledger's report for a period (default: the last complete quarter).

    Nothing is rendered or written when the ledger has errors (Refused); `as_of` renders the ledger as it was at a
    git revision, so a past report can be reproduced exactly. `output_format` is markdown or html; by default
    html when the template is a .html.j2 file or the output file ends in .html, else markdown. `limits`
    bounds what the template may spend.
    """
    profiles.check(profile)
    fmt = choose_format(output_format, template, output)
    if as_of:
        with tempfile.TemporaryDirectory(prefix="impactctl-as-of-") as scratch:
            past = git.export(root, as_of, Path(scratch))
            return _report(past, root, period, template, output, profile, as_of, today, fmt, limits)
    return _report(root, root, period, template, output, profile, None, today, fmt, limits)


def choose_format(output_format: str | None, template: str, output: Path | None) -> str:
    """The format asked for, else the one a template file or the output file's suffix implies, else the default."""
    if output_format is not None:
        formats.get(output_format)  # refuses a format there is none of
    implied = formats.of_template(template) if _is_path(template) else formats.of_output(output)
    if output_format and _is_path(template) and implied.name != output_format:
        raise UsageError(f"the template {template} writes {implied.name}, not {output_format}: name a "
                         f"{formats.get(output_format).suffix} template")
    return output_format or (implied or formats.DEFAULT).name


def _report(root: Path, repo_root: Path, period_text: str | None, template: str, output: Path | None, profile: str,
            as_of: str | None, today: dt.date | None, fmt: str,
            limits: environment.RenderLimits) -> ReportResult | api.Refused:
    valid = api.valid_ledger(root, today)
    if isinstance(valid, api.Refused):
        return valid
    ledger, result = valid.ledger, valid.check
    start_month = ledger.config.centre.reporting_year_start_month
    try:
        period = parse_period(period_text, today or dt.date.today(), start_month)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    changes = history.changes_in_period(repo_root, period.start, period.end, head=as_of or "HEAD")
    warnings = [p for p in result.problems if p.severity is Severity.WARNING]
    past = _statuses_in_git(ledger, repo_root, as_of, changes, period.end, period.previous(start_month).end)
    model = viewmodel.build(ledger, period, profile, changes, warnings, as_of, past, output=fmt)
    env = environment.make_environment(root / "templates", *_template_dir(template), output=fmt, limits=limits)
    text = environment.render(env, _template_name(template, fmt), model)
    written = None
    if output is not None:
        writer.replace_file(output, text)
        written = output
    return ReportResult(result, text, written, period.label)


def _statuses_in_git(ledger: Ledger, repo_root: Path, as_of: str | None, changes: history.History, end: dt.date,
                     previous_end: dt.date) -> dict[dt.date, Past]:
    """Outcomes' statuses in the last commit on or before the period's end and the previous period's end, for
    the outcomes whose `status_date` does not say (see report.status). The history found those commits: its
    tip is the last one by the period's end, its base the last one before the period began."""
    if not changes.available:
        return {}
    days = (end, previous_end)
    asked = [{e.path: (e.record.status, e.record.status_date) for e in ledger.outcomes
              if needs_history(e.record, day, ledger.today)} for day in days]
    return dict(zip(days, history.statuses_at_ends(repo_root, changes, *asked, as_of)))


def _is_path(template: str) -> bool:
    return bool(Path(template).suffix) or "/" in template


def _template_name(template: str, fmt: str = "markdown") -> str:
    if _is_path(template):
        return Path(template).name
    return template + formats.get(fmt).suffix


def _template_dir(template: str) -> tuple[Path, ...]:
    """A template given as a path is looked up in its own folder first."""
    path = Path(template)
    if _is_path(template):
        if not path.is_file():
            raise UsageError(f"no template at {template}")
        return (path.resolve().parent,)
    return ()
