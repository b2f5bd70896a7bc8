"""The export commands: `export` (the formats of impactctl.exports.formats) and `case-study` (a REF impact case
study draft)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, List, Optional

import typer

from impactctl.cli import complete, options
from impactctl.cli.common import EXIT_PROBLEMS, fail, ledger_root
from impactctl.cli.refusal import refuse_if_refused
from impactctl.exports import formats

# --format's choices and help, and --output's help, come from the table of formats.
ExportFormat = options.choices("ExportFormat", formats.NAMES)
FORMAT_HELP = options.listed([f"{f.name} ({f.help})" for f in formats.FORMATS]) + "."
OUTPUT_HELP = (f"The file ({', '.join(f.name for f in formats.FORMATS if not f.folder)}; default: standard output) "
               f"or folder ({', '.join(f.name for f in formats.FORMATS if f.folder)}; required) to write, atomically.")


def export(
    path: Optional[str] = typer.Argument(None, help="The ledger folder.", show_default=False),
    format: ExportFormat = options.format(ExportFormat[formats.NAMES[0]], FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, show_default=False),
    profile: str = options.profile(),
    iati_org: Optional[str] = typer.Option(None, "--iati-org", help="Your organisation's IATI identifier "
                                           "(e.g. GB-EDU-123456), for iati.", show_default=False),
    today: Optional[dt.date] = options.today(),
    ledger: Optional[str] = options.LEDGER,
) -> None:
    """Export the validated ledger for other systems: {titles}.

    Exits 1 and writes nothing when the ledger has errors. The public profile (the default) never exports
    contacts or the names of persons who have not agreed to be named.

    Example: impactctl export --format researchfish --output researchfish-2026/
    """
    from impactctl import exporting

    root = ledger_root(path, ledger)
    result = _run(exporting.export, root, format.value, output, profile, today, iati_org)
    for note in result.notes:
        typer.echo(f"impactctl: note: {note}", err=True)
    if result.written:
        typer.echo("\n".join(str(p) for p in result.written))
    elif result.files:  # one file, to standard output
        typer.echo(next(iter(result.files.values())), nl=False)


export.__doc__ = (export.__doc__ or "").format(titles=options.listed([f.title for f in formats.FORMATS]))


def case_study(
    outcome_ids: Optional[List[str]] = typer.Argument(None, metavar="OUTCOME_ID...", show_default=False,
                                                      autocompletion=complete.ids("outcomes"),
                                                      help="The outcomes the impact is about."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the Markdown to this file "
                                          "(atomically) instead of standard output.", show_default=False),
    check: Optional[Path] = typer.Option(None, "--check", help="Check an edited case study file against "
                                         "REF's limits instead of drafting one.", show_default=False),
    profile: str = options.profile(),
    today: Optional[dt.date] = options.today(),
    ledger: Optional[str] = options.LEDGER,
) -> None:
    """Draft a REF impact case study (summary, underpinning research, references, details of the impact,
    corroborating sources) in Markdown from the outcomes' records, and check each section against REF's
    limits: summary 100 words, research 500 words, 6 references, details 750 words, 10 sources.

    The counts go to standard error; exit 1 when a section is over its limit (the draft is still written,
    so you can see what to cut) or when the ledger has errors (nothing written).

    \b
    Example:
      impactctl case-study line-manager-training \\
        employer-wellbeing-policies --output case-study.md
      impactctl case-study --check case-study.md
    """
    from impactctl import exporting

    if check is not None:
        if outcome_ids:
            fail("give either OUTCOME_ID... or --check FILE, not both")
        counts = _run(exporting.check_case_study, check)
        typer.echo(_counts(counts), nl=False)
        raise typer.Exit(0 if all(c.ok for c in counts) else EXIT_PROBLEMS)
    if not outcome_ids:
        fail("name the outcomes the case study is about (see `impactctl list outcomes`)")
    result = _run(exporting.case_study, ledger_root(None, ledger), outcome_ids, output, profile, today)
    if result.written:
        typer.echo(str(result.written[0]))
    else:
        typer.echo(result.files["case-study.md"], nl=False)
    typer.echo(_counts(result.counts), err=True, nl=False)
    over = [c for c in result.counts if not c.ok]
    if over:
        fail(f"{len(over)} section(s) over REF's limits: shorten them (in the ledger, or in the draft, "
             "then check it with --check)", EXIT_PROBLEMS)


def _run(use_case: Any, *args: Any) -> Any:
    """Call an export use case: usage and write errors exit 2; a ledger with errors exits 1, nothing written."""
    from impactctl.errors import ImpactctlError

    try:
        result = use_case(*args)
    except ImpactctlError as exc:
        fail(str(exc))
    refuse_if_refused(result, "the ledger has errors: fix them (see above) before exporting; nothing was written")
    return result


def _counts(counts: list[Any]) -> str:
    lines = []
    for count in counts:
        section = count.section
        label = f"{section.number}. {section.title}"
        if count.missing:
            lines.append(f"{label:<40} missing (no '## {section.number}.' heading)")
            continue
        verdict = "ok" if count.ok else f"over by {count.count - section.limit}"
        lines.append(f"{label:<40} {count.count:>4} / {section.limit} {section.unit:<11} {verdict}")
    return "\n".join(lines) + "\n"
