"""The ledger-core commands: validate, schema, rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

import typer

from impactctl.cli import options
from impactctl.cli.common import EXIT_CLEAN, EXIT_PROBLEMS, fail, ledger_root, use_color
from impactctl.model import kinds
from impactctl.output import reporters

# validate's --format choices and help come from the table of reporters.
Format = options.choices("Format", reporters.NAMES)
FORMAT_HELP = options.listed([reporters.shown(r) for r in reporters.REPORTERS]) + "."


def validate(
    path: Optional[str] = typer.Argument(None, help="The ledger folder (or its ledger.yaml).", show_default=False),
    ledger: Optional[str] = options.LEDGER,
    format: Optional[Format] = options.format(None, FORMAT_HELP, show_default=False),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on warnings too."),
    today: Optional[dt.date] = options.today("Judge dates as of this day (YYYY-MM-DD) instead of the real today, "
                                             "for reproducible runs."),
    errors_only: bool = typer.Option(False, "--errors-only", help="List errors only; the summary says how many "
                                     "warnings were hidden (--strict still fails on them)."),
) -> None:
    """Check every file of the ledger (YAML, schema, ledger rules) and report each problem at path:line:col.

    Exit 0 when clean or warnings only, 1 on errors (or warnings with --strict), 2 on usage errors.

    Example: impactctl validate ledger --format json
    """
    from impactctl import api

    root = ledger_root(path, ledger)
    result = api.validate(root, today=today)
    if errors_only:
        result = result.errors_only()
    chosen = reporters.get(format.value) if format is not None else reporters.default()
    typer.echo(chosen.render(result, use_color()), nl=False)
    raise typer.Exit(EXIT_PROBLEMS if result.fails(strict) else EXIT_CLEAN)


def schema(
    kind: Optional[str] = typer.Argument(None, help=f"{options.listed(('ledger', *kinds.FOLDERS))}.",
                                         show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write every schema into this folder "
                                          "as KIND.schema.json instead of printing one.", show_default=False),
    ledger: Optional[str] = options.LEDGER,
    vocabularies: bool = typer.Option(False, "--vocabularies", help="List the ledger's vocabulary keys as "
                                      "allowed values (reads the ledger's ledger.yaml)."),
) -> None:
    """Print the JSON Schema (draft-07) of a record kind, for editors' YAML language servers.

    \b
    Example:
      impactctl schema outcomes > outcomes.schema.json
      impactctl schema --output .schemas --vocabularies
    """
    from impactctl.model.jsonschema import schema_for, schema_names

    names = schema_names()
    if output is None and kind not in names:
        fail(f"name a schema: one of {', '.join(names)} (or use --output DIR for all of them)")
    config = _config(ledger) if vocabularies else None
    if output is None:
        typer.echo(json.dumps(schema_for(kind, config), indent=2))
        return
    output.mkdir(parents=True, exist_ok=True)
    for name in ([kind] if kind else names):
        target = output / f"{name}.schema.json"
        target.write_text(json.dumps(schema_for(name, config), indent=2) + "\n", encoding="utf-8")
        typer.echo(target.as_posix())


def _config(ledger: Optional[str]):
    from impactctl.source.loader import load_config

    root = ledger_root(None, ledger)
    config, problems = load_config(root)
    if config is None:
        fail("ledger.yaml has problems; run `impactctl validate` first", EXIT_PROBLEMS)
    return config


def rules() -> None:
    """List the ledger rules with their codes and default severities; set them under `rules:` in ledger.yaml.

    Example: impactctl rules
    """
    from impactctl.checks import RULES

    for rule in RULES:
        summary = (rule.__doc__ or "").strip().splitlines()[0].split(":", 1)[-1].strip()
        typer.echo(f"{rule.ID:<24} {rule.SEVERITY.value:<8} {summary}")
