"""What every command shares: finding the ledger, turning environment errors into exit code 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

def ledger_root(path: Optional[str], option: Optional[str]) -> Path:
    """The ledger folder from the PATH argument or --ledger, or exit 2 saying where we looked."""
    from impactctl import api
    from impactctl.errors import LedgerNotFound

    try:
        return api.locate_ledger(path or option)
    except LedgerNotFound as exc:
        fail(str(exc))


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"impactctl: {message}", err=True)
    raise typer.Exit(code)


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()
