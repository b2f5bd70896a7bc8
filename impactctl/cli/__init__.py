"""The command line: the only user of typer; commands parse options, call the API, print and exit."""

from impactctl.cli import authoring as _authoring  # noqa: F401  (registers its commands)
from impactctl.cli import challenges as _challenges  # noqa: F401
from impactctl.cli import editing as _editing  # noqa: F401
from impactctl.cli import exports as _exports  # noqa: F401
from impactctl.cli import find as _find  # noqa: F401
from impactctl.cli import history as _history  # noqa: F401
from impactctl.cli import importing as _importing  # noqa: F401
from impactctl.cli import portfolio as _portfolio  # noqa: F401
from impactctl.cli import reports as _reports  # noqa: F401
from impactctl.cli.app import app


def main() -> None:
    """Entry point of the `impactctl` command."""
    app()


__all__ = ["app", "main"]
